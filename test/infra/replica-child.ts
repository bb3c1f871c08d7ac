/**
 * A bot process for the two-replica tests: the whole bot on `SEANCE_STORE`, driven by JSON lines on stdin,
 * one answer line per request on stdout (requests run concurrently). Each request names a body: every body
 * gets its own bot on its body-scoped view of the one store, so that each trial starts clean.
 *   {"id":1,"body":"t1","line":"/quorum","as":"Mme ROY"}  → {"id":1,"tone":"success","text":"…"}
 *   {"id":2,"body":"t1","now":"2026-11-29T11:00:00Z"}      → {"id":2}
 *   {"id":3,"body":"t1","tick":true}                      → {"id":3,"sent":["…"],"delivered":1}
 * With SEANCE_DISCORD_API_URL, the bot of body `discord` also runs the Discord door (token SEANCE_DISCORD_TOKEN,
 * application SEANCE_DISCORD_APPLICATION_ID), logged in before `ready`:
 *   {"id":4,"body":"discord","idle":true}                 → {"id":4} once every event received so far is handled
 */
import { createInterface } from 'node:readline';
import { createBot, type Bot } from '../../src/app/build.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import type { Actor } from '../../src/core/command.ts';
import type { Logger } from '../../src/core/ports.ts';
import { replyToText } from '../../src/core/reply-text.ts';
import { createFakeClock, type FakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/store/open.ts';
import { startDiscordDoor, type DiscordDoor } from '../../src/adapters/discord/discord-door.ts';
import { noIdentifyThrottle } from '../helpers/fake-discord.ts';

interface Request {
  readonly id: number;
  readonly body: string;
  readonly line?: string;
  readonly as?: string;
  readonly now?: string;
  readonly tick?: boolean;
  readonly idle?: boolean;
}

const config = loadConfigFile('config/somme-numerique.yaml');
const store = await openStore(process.env.SEANCE_STORE);
const silent: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (msg, data) => process.stderr.write(`${msg} ${JSON.stringify(data ?? {})}\n`),
};
const bots = new Map<string, { seance: Bot; clock: FakeClock; delivered: number }>();

function bot(body: string) {
  let b = bots.get(body);
  if (!b) {
    const clock = createFakeClock('2026-11-29T10:00:00Z');
    const seance = createBot({
      config,
      store: store.forBody(body),
      clock,
      logger: silent,
      reminders: { sleep: async () => undefined, retryDelaysMs: [] },
    });
    const entry = { seance, clock, delivered: 0 };
    seance.addDoor({
      name: 'console',
      deliver: async () => {
        entry.delivered++;
        return true;
      },
      stop: async () => undefined,
    });
    bots.set(body, (b = entry));
  }
  return b;
}

let discord: DiscordDoor | undefined;
const discordApi = process.env.SEANCE_DISCORD_API_URL;
if (discordApi) {
  const seance = bot('discord').seance;
  discord = await startDiscordDoor(
    seance.hostFor('discord'),
    {
      token: process.env.SEANCE_DISCORD_TOKEN!,
      applicationId: process.env.SEANCE_DISCORD_APPLICATION_ID!,
      apiUrl: discordApi,
      channels: {},
    },
    { ws: noIdentifyThrottle, rest: { retries: 0, timeout: 5000 } },
  );
  seance.addDoor(discord);
}

async function handle(req: Request): Promise<Record<string, unknown>> {
  if (req.idle) {
    await discord?.idle();
    return {};
  }
  const b = bot(req.body);
  if (req.now) {
    b.clock.set(req.now);
    return {};
  }
  if (req.tick) {
    const before = b.delivered;
    const report = await b.seance.reminders.tick();
    return { sent: report.sent.map((s) => s.id), delivered: b.delivered - before };
  }
  const actor: Actor | undefined = req.as
    ? b.seance.actorByName(req.as)
    : { name: 'Secrétariat', role: 'secretary', door: 'console' };
  if (!actor) throw new Error(`unknown person ${req.as}`);
  const reply = await b.seance.dispatcher.runLine(req.line!, actor);
  return { tone: reply.tone ?? 'info', text: replyToText(reply) };
}

const out = (data: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(data)}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (text) => {
  const req = JSON.parse(text) as Request;
  handle(req).then(
    (r) => out({ id: req.id, ...r }),
    (e: unknown) => out({ id: req.id, error: e instanceof Error ? e.stack : String(e) }),
  );
});
lines.on(
  'close',
  () => void (discord?.stop() ?? Promise.resolve()).then(() => store.close?.()).then(() => process.exit(0)),
);
out({ ready: true });
