/**
 * Each door starts, fails and retries on its own (issue 17, isolation), in process: with Slack and Discord set
 * and Discord unreachable, `startChatDoors` returns with Slack running, the J-7 reminder goes out on Slack, and
 * Discord is retried in the background with a growing delay until the process stops.
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDoorSettings } from '../../src/app/settings.ts';
import { startChatDoors } from '../../src/app/start-doors.ts';
import { closeSlackAgent, startFakeSlack } from '../helpers/fake-slack.ts';
import { createTestBot } from '../helpers/test-bot.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

afterAll(() => closeSlackAgent());

describe('startChatDoors with Discord down', () => {
  it('starts Slack, sends the reminders there, and retries Discord with back-off', async () => {
    const fake = await startFakeSlack();
    const bot = await createTestBot({ now: '2026-11-19T08:00:00Z' }); // the seminar's J-7, 09:00 in Paris
    const stop = new AbortController();
    try {
      const env = {
        SLACK_BOT_TOKEN: 'xoxb-apart-0000',
        SLACK_SIGNING_SECRET: 'apart-secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        DISCORD_TOKEN: 'discord-apart-0000',
        DISCORD_APPLICATION_ID: '100000000000000001',
        DISCORD_API_URL: `http://127.0.0.1:${await freePort()}/api`,
      };
      const doors = await startChatDoors(bot.hub, parseDoorSettings(env, bot.config), {
        signal: stop.signal,
        retry: { firstMs: 20, maxMs: 80 },
      });
      expect(doors.map((d) => d.name)).toEqual(['slack']);
      expect(bot.hub.doors().map((d) => d.name)).toEqual(['console', 'slack']);

      const report = await bot.hub.reminders.start();
      expect(report.sent.map((s) => s.id)).toContain('seminaire:2026-11-26:J-7');
      expect(fake.callsTo('chat.postMessage').filter((c) => c.status === 200).length).toBeGreaterThan(0);

      // Retried more than once, each wait no longer than the cap, and never the token in the log.
      await expect
        .poll(() => bot.logs.filter((l) => l.msg.startsWith('discord door unreachable')).length, { timeout: 20_000 })
        .toBeGreaterThan(2);
      const waits = bot.logs
        .filter((l) => l.msg.startsWith('discord door unreachable'))
        .map((l) => l.data?.retryInMs as number);
      expect(waits.slice(0, 3)).toEqual([20, 40, 80]);
      expect(Math.max(...waits)).toBe(80);
      expect(JSON.stringify(bot.logs)).not.toContain('discord-apart-0000');
    } finally {
      stop.abort();
      await bot.close();
      await fake.close();
    }
  }, 40_000);
});
