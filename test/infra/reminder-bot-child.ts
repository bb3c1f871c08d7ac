/**
 * A Slack bot process for the crash tests (issue 17): the whole bot on `SEANCE_STORE` with the real Slack door
 * against the fake Slack at `SLACK_API_URL`, the clock fixed at `SEANCE_NOW`. It runs the catch-up tick of a
 * start, prints one JSON line with its report, and exits. `CLAIM_TTL_MS` shortens the claims, so that the test
 * does not wait minutes for the claim of a process it killed to expire.
 *   → {"ready":true}  then  {"report":{"sent":[…],"missed":[],"failed":[]}}
 */
import { createBot } from '../../src/app/build.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { parseDoorSettings } from '../../src/app/settings.ts';
import { startSlackDoor } from '../../src/adapters/slack/slack-door.ts';
import type { Logger } from '../../src/core/ports.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/store/open.ts';

const env = process.env;
const config = loadConfigFile('config/somme-numerique.yaml');
const store = await openStore(env.SEANCE_STORE);
const logger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (msg, data) => process.stderr.write(`${JSON.stringify({ msg, ...data })}\n`),
};
const clock = createFakeClock(env.SEANCE_NOW!);
const bot = createBot({
  config,
  store,
  clock,
  logger,
  reminders: { sleep: async () => undefined, retryDelaysMs: [], claimTtlMs: Number(env.CLAIM_TTL_MS ?? 120_000) },
});
const settings = parseDoorSettings(
  { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: env.SLACK_API_URL },
  config,
).slack!;
const door = await startSlackDoor(bot.hostFor('slack'), settings, {
  port: 0,
  host: '127.0.0.1',
  retryConfig: { retries: 0 },
});
bot.addDoor(door);
if (!(await door.reachable)) throw new Error('the Slack door did not reach the fake Slack');
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const report = await bot.reminders.start();
process.stdout.write(`${JSON.stringify({ report })}\n`);
await bot.stop();
process.exit(0);
