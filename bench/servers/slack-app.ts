/**
 * @module A child process for the Slack benchmark, one of:
 *   bot   the bot's real Slack door (`startSlackDoor`) over the sample config and the default SQLite store
 *         (a temp file), the sample session's record stored;
 *   bolt  a bare Bolt app: acks every slash command; with the text "respond", then calls respond('ok'); with
 *         "busy500", then keeps the CPU busy for 500 µs (what any work after the ack costs the next reader);
 *         `bolt N` first registers N more command listeners (as a bot with one listener per command does);
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

async function startBot(): Promise<() => Promise<void>> {
  const { benchSeance, sampleConfig, SAMPLE_SESSION } = await import('../lib/fixtures.ts');
  const { startSlackDoor } = await import('../../src/adapters/slack/slack-door.ts');
  // The default store (SQLite, in a temp file), the sample session's record stored: where users are.
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'seance-slack-bench-'));
  const file = join(dir, 'seance.sqlite');
  const bench = await benchSeance(sampleConfig(), `sqlite://${file}`);
  await bench.hub.records.update(SAMPLE_SESSION, (r) => ({ record: { ...r, version: r.version + 1 } }));
  const { parseDoorSettings } = await import('../../src/app/settings.ts');
  const door = await startSlackDoor(
    bench.hub.hostFor('slack'),
    parseDoorSettings(process.env, bench.hub.config).slack!,
    { port: 0, host: '127.0.0.1', retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR },
  );
  bench.hub.addDoor(door);
  await door.reachable;
  signalReady({ port: door.port });
  return () => bench.close().then(() => rmSync(dir, { recursive: true, force: true }));
}

async function startBolt(): Promise<() => Promise<void>> {
  const app = new App({
    authorize: async () => ({ botToken, botId: 'BFAKEBOT', botUserId: 'UFAKEBOT' }),
    receiver: new HTTPReceiver({ signingSecret, endpoints: '/slack/events' }),
    clientOptions: { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  const extraListeners = Number(process.argv[3] ?? 0);
  for (let i = 0; i < extraListeners; i++)
    app.command(`/unused-${i}`, async ({ ack }) => {
      await ack();
    });
  app.command(/.*/, async ({ command, ack, respond }) => {
    await ack();
    const busy = /^busy(\d+)$/.exec(command.text);
    if (busy) {
      const end = process.hrtime.bigint() + BigInt(Number(busy[1]) * 1000);
      while (process.hrtime.bigint() < end);
    }
    if (command.text === 'respond') await respond({ response_type: 'ephemeral', text: 'ok' });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as http.Server;
  signalReady({ port: (server.address() as AddressInfo).port });
  return async () => {
    await app.stop();
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
  process.stderr.write(`usage: slack-app.ts bot|bolt|http\n`);
  process.exit(2);
}
answerCpuAsks();
const stop = await start();
exitWithParent(stop);
