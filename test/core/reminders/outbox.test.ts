/**
 * @module The durable outbox (issue 17): a reminder left pending by a process killed mid-delivery is taken
 * over once its claim expires and re-sent only to the doors that did not get it; a door down for a while is
 * retried on later ticks with back-off and gets the reminder once it is back; past the grace it is « manqué »,
 * listed, and /rappel renvoyer puts it back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReminderState } from '../../../src/core/reminders/model.ts';
import { REMINDER_KEYS } from '../../../src/core/reminders/scheduler.ts';
import { openStore } from '../../../src/infra/keyv-store.ts';
import { createHarness, door, tickEvery, titled, type Harness } from './helpers.ts';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});
const track = (h: Harness) => (open.push(h), h);

const addReminder = (x: Harness) =>
  x.scheduler.addCustom({
    date: '2026-12-01',
    time: '09:00',
    to: { kind: 'delegates' },
    text: 'Pensez à vos pouvoirs',
    createdBy: 'test',
  });

describe('the outbox', () => {
  it('after a process died mid-delivery, another takes it over once the claim expired and sends only to the doors that did not get it', async () => {
    const store = await openStore('memory:');
    const names = () => ['console', 'slack'];
    let hang = true;
    // The first process: the console delivers, then Slack never answers (the process is killed there).
    const dying = await createHarness({
      now: '2026-12-01T07:00:00Z',
      store,
      keepStore: true,
      doors: [door('console'), door('slack')],
      scheduler: { claimTtlMs: 1, doorNames: names, owner: 'dying' },
      intercept: (d) => (d.name === 'slack' && hang ? new Promise<void>(() => undefined) : undefined),
    });
    await addReminder(dying);
    dying.clock.set('2026-12-01T08:00:00Z');
    void dying.scheduler.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(dying.sent.map((s) => s.door)).toEqual(['console']);
    expect(await store.get<ReminderState>(REMINDER_KEYS.state('rappel:1'))).toMatchObject({
      status: 'pending',
      outbox: { done: ['0:console'] },
    });
    hang = false;

    const next = track(
      await createHarness({
        now: '2026-12-01T08:01:00Z',
        store,
        keepStore: true,
        doors: [door('console'), door('slack')],
        scheduler: { doorNames: names, owner: 'next' },
      }),
    );
    const report = await next.scheduler.start();
    expect(report.sent).toEqual([{ id: 'rappel:1', deferred: false }]);
    expect(next.sent.map((s) => s.door)).toEqual(['slack']);
    expect(await next.scheduler.state('rappel:1')).toMatchObject({ status: 'sent', delivered: ['console', 'slack'] });
    expect((await next.tickAt('2026-12-01T08:02:00Z')).sent).toEqual([]);
    expect(next.sent).toHaveLength(1);
  });

  it('a claim still held by a live process is left alone', async () => {
    const store = await openStore('memory:');
    const slow = await createHarness({
      now: '2026-12-01T07:00:00Z',
      store,
      keepStore: true,
      scheduler: { owner: 'slow' },
      intercept: () => new Promise<void>(() => undefined),
    });
    await addReminder(slow);
    slow.clock.set('2026-12-01T08:00:00Z');
    void slow.scheduler.tick();
    await new Promise((r) => setTimeout(r, 20));
    const other = track(
      await createHarness({ now: '2026-12-01T08:01:00Z', store, keepStore: true, scheduler: { owner: 'other' } }),
    );
    expect((await other.scheduler.tick()).sent).toEqual([]);
    expect(other.sent).toEqual([]);
  });

  it('a door down for an hour is retried with back-off and gets the reminder once, when it is back', async () => {
    const slack = door('slack');
    const h = track(await createHarness({ now: '2026-12-01T07:00:00Z', doors: [door('console'), slack] }));
    await addReminder(h);
    slack.behaviour = 'fail';
    const reports = await tickEvery(h, '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z');
    expect(reports[0]).toMatchObject({ sent: [], failed: ['rappel:1'] });
    expect(reports.flatMap((r) => r.failed)).toEqual(['rappel:1']); // the secretariat hears of it once
    const triesDuringOutage = slack.calls;
    expect(triesDuringOutage).toBeLessThan(40); // back-off: not three tries every minute
    expect(await h.scheduler.state('rappel:1')).toMatchObject({ status: 'failed' });
    slack.behaviour = 'ok';
    const after = await tickEvery(h, '2026-12-01T09:01:00Z', '2026-12-01T09:30:00Z');
    expect(after.flatMap((r) => r.sent)).toEqual([{ id: 'rappel:1', deferred: false }]);
    expect(
      titled(h.sent, 'Rappel')
        .filter((s) => s.message.reply.title === 'Rappel')
        .map((s) => s.door),
    ).toEqual(['console', 'slack']);
    expect(await h.scheduler.problems()).toEqual([]);
    expect(await h.store.get(REMINDER_KEYS.outbox)).toEqual([]);
  });

  it('past the grace it is recorded « manqué » with the way to resend it; /rappel renvoyer puts it back', async () => {
    const slack = door('slack', 'fail');
    const h = track(await createHarness({ now: '2026-12-01T07:00:00Z', doors: [door('console'), slack] }));
    await addReminder(h);
    const graceEnd = Date.parse('2026-12-01T08:00:00Z') + h.config.reminders.graceHours * 3_600_000;
    await tickEvery(h, '2026-12-01T08:00:00Z', new Date(graceEnd + 20 * 60_000).toISOString(), 5 * 60_000);
    const state = await h.scheduler.state('rappel:1');
    expect(state).toMatchObject({ status: 'missed' });
    expect(state!.detail).toContain('/rappel renvoyer rappel:1');
    expect(await h.scheduler.problems()).toEqual([expect.objectContaining({ id: 'rappel:1', status: 'missed' })]);
    const calls = slack.calls;
    await h.tickAt(new Date(graceEnd + 60 * 60_000));
    expect(slack.calls).toBe(calls);

    slack.behaviour = 'ok';
    expect(await h.scheduler.resend('rappel:1')).toMatchObject({ status: 'failed' });
    const report = await h.tickAt(new Date(graceEnd + 61 * 60_000));
    expect(report.sent).toEqual([{ id: 'rappel:1', deferred: false }]);
    expect(h.sent.filter((s) => s.message.reply.title === 'Rappel').map((s) => s.door)).toEqual(['console', 'slack']);
    expect(await h.scheduler.problems()).toEqual([]);
    expect(await h.scheduler.resend('rappel:1')).toBeUndefined();
  });
});
