/**
 * @module A child process for the Discord benchmark, one of:
 *   bot   the bot's real Discord door (`startDiscordDoor`) over the sample config and a memory store;
 *   bot-sqlite  the same on the default store (SQLite, a temp file), the sample session's record stored;
 *   bare  a bare discord.js Client with the same intents that replies "ok" to every slash command;
 *   embed the same bare client replying with the bot's /quorum message, rendered once at start (so the
 *         difference with the bot is the per-command work: the core, the rendering, the door's own steps);
 *   run   as embed, but first running /quorum through the dispatcher on every interaction;
 *   render as run, and rendering the reply with `replyToDiscord` on every interaction (then only the door's
 *         own steps separate it from the bot).
 * Both log in to the driver's fake Discord (DISCORD_API_URL) and report ready over IPC.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { noIdentifyThrottle } from '../../test/helpers/fake-discord.ts';
import { answerCpuAsks, exitWithParent, signalReady } from '../lib/child.ts';

const kind = process.argv[2];
const rest = { retries: 0, timeout: 5000 };

async function startBot(onSqlite = false): Promise<() => Promise<void>> {
  const { benchSeance, sampleConfig, SAMPLE_SESSION } = await import('../lib/fixtures.ts');
  const { startDiscordDoor } = await import('../../src/adapters/discord/discord-door.ts');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = onSqlite ? mkdtempSync(join(tmpdir(), 'seance-discord-bench-')) : undefined;
  const bench = await benchSeance(sampleConfig(), dir ? `sqlite://${join(dir, 'seance.sqlite')}` : undefined);
  if (dir) await bench.hub.records.update(SAMPLE_SESSION, (r) => ({ record: { ...r, version: r.version + 1 } }));
  const { parseDoorSettings } = await import('../../src/app/settings.ts');
  const door = await startDiscordDoor(
    bench.hub.hostFor('discord'),
    parseDoorSettings(process.env, bench.hub.config).discord!,
    { rest, ws: noIdentifyThrottle },
  );
  bench.hub.addDoor(door);
  signalReady();
  return async () => {
    await bench.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

async function renderedQuorum(): Promise<Record<string, unknown>> {
  const { benchSeance, readerActor, sampleConfig } = await import('../lib/fixtures.ts');
  const { replyToDiscord } = await import('../../src/adapters/discord/embeds.ts');
  const bench = await benchSeance(sampleConfig());
  const reply = await bench.hub.dispatcher.runLine('/quorum', readerActor);
  await bench.close();
  return replyToDiscord(reply)[0] as unknown as Record<string, unknown>;
}

type Work = 'none' | 'run' | 'render';

async function startBare(withEmbed: boolean, work: Work = 'none'): Promise<() => Promise<void>> {
  const message = withEmbed ? await renderedQuorum() : { content: 'ok' };
  const perInteraction =
    work === 'none'
      ? undefined
      : await (async () => {
          const { benchSeance, readerActor, sampleConfig } = await import('../lib/fixtures.ts');
          const { replyToDiscord } = await import('../../src/adapters/discord/embeds.ts');
          const bench = await benchSeance(sampleConfig());
          return async () => {
            const reply = await bench.hub.dispatcher.runStructured({ name: 'quorum', args: {} }, readerActor);
            return work === 'render' ? replyToDiscord(reply)[0]! : message;
          };
        })();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: process.env.DISCORD_API_URL!, ...rest },
    ws: noIdentifyThrottle,
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    if (!perInteraction) void interaction.reply(message).catch(() => undefined);
    else
      void perInteraction()
        .then((m) => interaction.reply(m as Parameters<typeof interaction.reply>[0]))
        .catch(() => undefined);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(process.env.DISCORD_TOKEN!);
  await ready;
  signalReady();
  return async () => {
    await client.destroy();
  };
}

const starters: Record<string, () => Promise<() => Promise<void>>> = {
  bot: () => startBot(),
  'bot-sqlite': () => startBot(true),
  bare: () => startBare(false),
  embed: () => startBare(true),
  run: () => startBare(true, 'run'),
  render: () => startBare(true, 'render'),
};
const start = kind ? starters[kind] : undefined;
if (!start) {
  process.stderr.write('usage: discord-app.ts bot|bot-sqlite|bare|embed|run|render\n');
  process.exit(2);
}
answerCpuAsks();
const stop = await start();
exitWithParent(stop);
