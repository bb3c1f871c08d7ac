/**
 * @module Issue 17, "Done when": a 60 s outage of the Slack API (HTTP 500, then 429 with Retry-After) while a
 * reminder falls due: it is delivered once, after the outage ends, through the real Slack door (Bolt's WebClient)
 * against the fake Slack. The outage is measured on the bot's fake clock (the scheduler's waits move it on), so
 * the test waits only the 429's one real second of Retry-After.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSlackAgent, type ApiCall } from '../helpers/fake-slack.ts';
import { startAllDoors, type AllDoors } from './all-doors.ts';
import { messageText } from './slack/block-kit-limits.ts';

const running: AllDoors[] = [];
afterAll(async () => {
  for (const h of running.splice(0)) await h.close();
  closeSlackAgent();
});

const J7 = 'seminaire:2026-11-26:J-7';
const TITLE = 'Rappel : Séminaire annuel de Somme Numérique dans 7 jours';

describe('a Slack outage across a due minute', () => {
  it('500 then 429 with Retry-After for 60 s: the reminder reaches each Slack channel once, after the outage', async () => {
    const start = Date.parse('2026-11-19T08:00:00Z'); // 09:00 in Paris: the seminar's J-7
    const h = await startAllDoors('2026-11-19T08:00:00Z', { advanceClock: true });
    running.push(h);
    const end = start + 60_000;
    h.slack.fake.failWhile('chat.postMessage', () => {
      const t = h.clock.now().getTime();
      if (t >= end) return undefined;
      return t < start + 3_000 ? 500 : { status: 429, headers: { 'retry-after': '1' } };
    });
    const during = await h.hub.reminders.start();
    expect(during).toMatchObject({ sent: [], failed: [J7] });
    const failing = h.slack.fake.callsTo('chat.postMessage');
    expect(failing.map((c) => c.status)).toEqual(expect.arrayContaining([500, 429]));
    expect(failing.every((c) => c.status !== 200)).toBe(true);
    expect(await h.hub.reminders.state(J7)).toMatchObject({
      status: 'failed',
      delivered: expect.arrayContaining(['console', 'discord']),
    });

    // The cron ticks each minute; the retry waits its back-off, then finds Slack back.
    const reports = [];
    for (let t = start + 60_000; t <= start + 5 * 60_000; t += 60_000) {
      h.clock.set(new Date(t));
      reports.push(await h.hub.reminders.tick());
    }
    expect(reports.flatMap((r) => r.sent)).toEqual([{ id: J7, deferred: false }]);
    const accepted = (channel: string) =>
      h.slack.fake
        .callsTo('chat.postMessage')
        .filter((c: ApiCall) => c.status === 200 && c.body.channel === channel && messageText(c.body).includes(TITLE));
    expect(accepted('C0DELEGUES')).toHaveLength(1);
    expect(accepted('C0SECRETAR')).toHaveLength(1);
    expect(accepted('C0DELEGUES')[0]!.at).toBeGreaterThan(failing.at(-1)!.at);
    // The other doors got it once, at the first attempt.
    expect(h.recorded.filter((m) => m.reply.title === TITLE)).toHaveLength(2);
    const onDiscord = h.discord.fake.requests.filter(
      (r) => r.method === 'POST' && r.status === 200 && JSON.stringify(r.body).includes('dans 7 jours'),
    );
    expect(onDiscord).toHaveLength(2);
    // Discord de-duplicates a retried post by its nonce (one per reminder, recipient and page).
    expect(onDiscord.map((r) => r.body.enforce_nonce)).toEqual([true, true]);
    expect(new Set(onDiscord.map((r) => r.body.nonce)).size).toBe(2);
    expect(await h.hub.reminders.state(J7)).toMatchObject({
      status: 'sent',
      delivered: expect.arrayContaining(['console', 'slack', 'discord']),
    });
    expect(await h.hub.reminders.problems()).toEqual([]);
  }, 30_000);
});
