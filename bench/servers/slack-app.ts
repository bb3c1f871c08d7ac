/**
 * @module A child process for the Slack benchmark, one of:
 *   bot   the bot's real Slack door (`startSlackDoor`) over the sample config and the default SQLite store
 *         (a temp file), the sample session's record stored;
 *   bolt MODE  a bare Bolt app answering every slash command, by MODE:
 *         ack      acks empty;
 *         respond  acks empty, then calls respond('ok') (an answer through response_url);
 *         reply    acks with the bot's /quorum answer (its first message: response_type, text, blocks),
 *                  rendered once at start: what the bot sends, without the per-command work;
 *         run      as reply, after running /quorum through the dispatcher on the same store as the bot's
 *                  (SQLite file, record stored) on every request;
 *         render   as run, and rendering that reply to Block Kit on every request (then only the door's own
 *                  steps separate it from the bot);
 *   http  a bare node:http server that reads the body and answers 200.
 * Listens on 127.0.0.1, port 0, and reports its port over IPC. Env: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN,
 * SLACK_API_URL (the driver's fake Slack Web API).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { answerCpuAsks, exitWithParent, signalReady } from '../lib/child.ts';

const kind = process.argv[2];

// Server-side time to ack: from the request's headers parsed ('request' event) to `res.end()`, stamped the
// same way in every kind of server, so the comparison is free of the client's share of the CPU. Sent on ask.
const STARTED = Symbol('bench.started');
type Stamped = { [STARTED]?: bigint };
const serverAckMs: number[] = [];
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'request') (args[1] as Stamped)[STARTED] = process.hrtime.bigint();
  return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
} as typeof emit;
const end = http.ServerResponse.prototype.end;
http.ServerResponse.prototype.end = function (this: http.ServerResponse & Stamped, ...args: unknown[]) {
  const t = this[STARTED];
  if (t !== undefined) {
    serverAckMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    this[STARTED] = undefined;
  }
  return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
} as typeof end;
process.on('message', (m: { id?: number; ask?: string }) => {
  if (m?.ask === 'serverAckMs') process.send?.({ id: m.id, samples: serverAckMs.splice(0) });
});
const signingSecret = process.env.SLACK_SIGNING_SECRET ?? 'bench-signing-secret';
const botToken = process.env.SLACK_BOT_TOKEN ?? 'xoxb-bench';
const slackApiUrl = process.env.SLACK_API_URL;

/** M. PAYEN in the sample roster: the user the driver sends the commands as. */
export const BENCH_SLACK_USER = 'U0PAYEN001';

/** The bench's Séance as the bot runs it: the default store (SQLite, in a temp file), the sample session's record stored. */
async function storedSeance() {
  const { benchSeance, sampleConfig, SAMPLE_SESSION } = await import('../lib/fixtures.ts');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'seance-slack-bench-'));
  const bench = await benchSeance(sampleConfig(), `sqlite://${join(dir, 'seance.sqlite')}`);
  await bench.hub.records.update(SAMPLE_SESSION, (r) => ({ record: { ...r, version: r.version + 1 } }));
  return { bench, close: () => bench.close().then(() => rmSync(dir, { recursive: true, force: true })) };
}

async function startBot(): Promise<() => Promise<void>> {
  const { startSlackDoor } = await import('../../src/adapters/slack/slack-door.ts');
  const { bench, close } = await storedSeance();
  const { parseDoorSettings } = await import('../../src/app/settings.ts');
  const door = await startSlackDoor(
    bench.hub.hostFor('slack'),
    parseDoorSettings(process.env, bench.hub.config).slack!,
    { port: 0, host: '127.0.0.1', retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR },
  );
  bench.hub.addDoor(door);
  await door.reachable;
  signalReady({ port: door.port });
  return close;
}

type BoltMode = 'ack' | 'respond' | 'reply' | 'run' | 'render';

/** What the bare app does per command besides acking: nothing, or the bot's /quorum work up to the ack body. */
async function boltWork(mode: BoltMode): Promise<{
  body?: () => Record<string, unknown>;
  work?: () => Promise<Record<string, unknown>>;
  close(): Promise<void>;
}> {
  if (mode === 'ack' || mode === 'respond') return { close: async () => undefined };
  const { slackMessagesOf } = await import('../../src/adapters/slack/slack-listeners.ts');
  const { bench, close } = await storedSeance();
  const actor = bench.hub.actorFor('slack', BENCH_SLACK_USER, 'payen');
  const run = () => bench.hub.dispatcher.runLine('/quorum', actor);
  const rendered = slackMessagesOf(await run())[0]!;
  if (mode === 'reply') {
    await close();
    return { body: () => rendered, close: async () => undefined };
  }
  return {
    work: async () => {
      const reply = await run();
      return mode === 'render' ? slackMessagesOf(reply)[0]! : rendered;
    },
    close,
  };
}

async function startBolt(): Promise<() => Promise<void>> {
  const mode = (process.argv[3] ?? 'ack') as BoltMode;
  const per = await boltWork(mode);
  const app = new App({
    authorize: async () => ({ botToken, botId: 'BFAKEBOT', botUserId: 'UFAKEBOT' }),
    receiver: new HTTPReceiver({ signingSecret, endpoints: '/slack/events' }),
    clientOptions: { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack, respond }) => {
    if (per.work) await ack(await per.work());
    else await ack(per.body?.());
    if (mode === 'respond') await respond({ response_type: 'ephemeral', text: 'ok' });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as http.Server;
  signalReady({ port: (server.address() as AddressInfo).port });
  return async () => {
    await app.stop();
    await per.close();
  };
}

async function startHttp(): Promise<() => Promise<void>> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  signalReady({ port: (server.address() as AddressInfo).port });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

const starters: Record<string, () => Promise<() => Promise<void>>> = {
  bot: startBot,
  bolt: startBolt,
  http: startHttp,
};
const start = kind ? starters[kind] : undefined;
if (!start) {
  process.stderr.write(`usage: slack-app.ts bot | bolt [ack|respond|reply|run|render] | http\n`);
  process.exit(2);
}
answerCpuAsks();
const stop = await start();
exitWithParent(stop);
