/**
 * A Slack bot process for the ack crash test (issue 17): the whole bot on `SEANCE_STORE` with the real Slack door
 * (HTTP, production mode) against the fake Slack at `SLACK_API_URL`; every store write waits `SLOW_WRITES_MS`,
 * so that an ack sent before the change is stored would leave a window for the kill. Prints
 * `{"ready":true,"port":N}` and serves until it is killed.
 */
import { createBot } from '../../src/app/build.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { parseDoorSettings } from '../../src/app/settings.ts';
import { startSlackDoor } from '../../src/adapters/slack/slack-door.ts';
import type { Logger } from '../../src/core/ports.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/store/open.ts';
import { slowWrites } from '../helpers/slow-store.ts';

const env = process.env;
const config = loadConfigFile('config/somme-numerique.yaml');
const store = slowWrites(await openStore(env.SEANCE_STORE), Number(env.SLOW_WRITES_MS ?? 0));
const logger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (msg, data) => process.stderr.write(`${JSON.stringify({ msg, ...data })}\n`),
};
const bot = createBot({ config, store, clock: systemClock, logger });
const settings = parseDoorSettings(
  { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: env.SIGNING_SECRET, SLACK_API_URL: env.SLACK_API_URL },
  config,
).slack!;
const door = await startSlackDoor(bot.hostFor('slack'), settings, {
  port: 0,
  host: '127.0.0.1',
  retryConfig: { retries: 0 },
});
bot.addDoor(door);
process.stdout.write(`${JSON.stringify({ ready: true, port: door.port })}\n`);
