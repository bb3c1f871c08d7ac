/**
 * @module The scheduler over the store and the doors: in the outbox before any door sees it, a failing door
 * retried with back-off then recorded and shown, catch-up within and beyond the grace, rescheduling.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../../src/core/reply.ts';
import { REMINDER_KEYS } from '../../../src/core/reminders/scheduler.ts';
import type { ReminderState } from '../../../src/core/reminders/model.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { createHarness, door, session, tickEvery, titled, type Harness } from './helpers.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const addDelegatesReminder = (x: Harness, date: string, time: string, text = 'Pensez à vos pouvoirs') =>
  x.scheduler.addCustom({ date, time, to: { kind: 'delegates' }, text, createdBy: 'test' });

describe('exactly once', () => {
  it('puts the reminder in the durable outbox (pending, with its message) before handing it to a door', async () => {
    const seen: (ReminderState | undefined)[] = [];
    h = await createHarness({
      now: '2026-12-01T07:00:00Z',
      onSend: async (m: Outgoing) => {
        if (m.reply.title === 'Rappel') seen.push(await h!.store.get<ReminderState>(REMINDER_KEYS.state('rappel:1')));
      },
    });
    await addDelegatesReminder(h, '2026-12-01', '09:00');
    await h.tickAt('2026-12-01T08:00:00Z');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      status: 'pending',
      version: '2026-12-01T08:00:00.000Z',
      outbox: { message: { title: 'Rappel' }, done: [] },
    });
    expect(await h.store.get(REMINDER_KEYS.outbox)).toEqual([]);
    expect(await h.scheduler.state('rappel:1')).toMatchObject({ status: 'sent', delivered: ['console'] });
  });

  it('sends once however many ticks follow', async () => {
    h = await createHarness({ now: '2026-12-01T07:00:00Z' });
    await addDelegatesReminder(h, '2026-12-01', '09:00');
    await tickEvery(h, '2026-12-01T07:58:00Z', '2026-12-01T09:00:00Z');
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.at).toBe('2026-12-01T08:00:00.000Z');
  });
});

describe('a failing door', () => {
  it('is retried with back-off, then the failure is recorded and shown to the secretariat', async () => {
    h = await createHarness({ now: '2026-12-01T07:00:00Z', doors: [door('console'), door('slack', 'fail')] });
    await addDelegatesReminder(h, '2026-12-01', '09:00');
    const report = await h.tickAt('2026-12-01T08:00:00Z');
    expect(report.failed).toEqual(['rappel:1']);
    // Three tries of Slack alone (the console delivered on the first), waiting 1 s then 4 s.
    expect(h.doors.find((d) => d.name === 'slack')!.calls).toBe(4); // 3 for the reminder, 1 for the notice
    expect(h.sleeps).toEqual([1_000, 4_000]);
    expect(titled(h.sent, 'Rappel').filter((s) => s.message.reply.title === 'Rappel')).toHaveLength(1);
    const state = await h.scheduler.state('rappel:1');
    expect(state).toMatchObject({ status: 'failed', delivered: ['console'] });
    expect(state!.detail).toContain('slack : HTTP 500 (3 tentatives)');
    const problems = await h.scheduler.problems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ id: 'rappel:1', status: 'failed' });
    const notice = titled(h.sent, 'Rappels non remis');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.message.to).toEqual({ kind: 'secretariat' });
    expect(replyToText(notice[0]!.message.reply)).toContain('Pensez à vos pouvoirs (pour les délégués)');
    // Not sent again on the next tick: the failure is recorded, never silently retried forever nor dropped.
    await h.tickAt('2026-12-01T08:01:00Z');
    expect(titled(h.sent, 'Rappel').filter((s) => s.message.reply.title === 'Rappel')).toHaveLength(1);
  });

  it('that recovers on a retry counts as delivered', async () => {
    const slack = { ...door('slack'), failFirst: 2 };
    h = await createHarness({ now: '2026-12-01T07:00:00Z', doors: [slack] });
    await addDelegatesReminder(h, '2026-12-01', '09:00');
    const report = await h.tickAt('2026-12-01T08:00:00Z');
    expect(report.sent).toEqual([{ id: 'rappel:1', deferred: false }]);
    expect(slack.calls).toBe(3);
    expect(await h.scheduler.problems()).toEqual([]);
  });

  it('a recipient no running door can reach is recorded as not delivered', async () => {
    h = await createHarness({ now: '2026-12-01T07:00:00Z', doors: [door('slack', 'unreachable')] });
    const roy = h.config.roster.find((d) => d.lastName === 'ROY')!;
    await h.scheduler.addCustom({
      date: '2026-12-01',
      time: '09:00',
      to: { kind: 'delegate', id: roy.id },
      text: 'Votre pouvoir',
      createdBy: 'test',
    });
    await h.tickAt('2026-12-01T08:00:00Z');
    expect(await h.scheduler.state('rappel:1')).toMatchObject({ status: 'undelivered' });
    expect((await h.scheduler.problems())[0]!.detail).toContain('Mme ROY');
  });
});

describe('catch-up after a stop', () => {
  it('sends on start, marked "(envoi différé)", what fell due less than the grace ago', async () => {
    h = await createHarness({ now: '2026-12-01T07:00:00Z' });
    await addDelegatesReminder(h, '2026-12-01', '09:00');
    await h.tickAt('2026-12-01T07:59:00Z'); // last tick before the bot stopped
    h.clock.set('2026-12-01T13:00:00Z'); // restarted five hours later
    const report = await h.scheduler.start();
    expect(report.sent).toEqual([{ id: 'rappel:1', deferred: true }]);
    expect(h.sent[0]!.message.reply.title).toBe('Rappel (envoi différé)');
    expect(replyToText(h.sent[0]!.message.reply)).toContain(
      'prévu le mardi 1er décembre 2026 à 9 h, envoyé le mardi 1er décembre 2026 à 14 h',
    );
  });

  it('records as missed, and lists, what fell due more than the grace ago', async () => {
    h = await createHarness({ now: '2026-12-01T07:00:00Z' });
    await addDelegatesReminder(h, '2026-12-01', '09:00', 'manqué');
    await addDelegatesReminder(h, '2026-12-02', '06:00', 'différé');
    await h.tickAt('2026-12-01T07:59:00Z');
    h.clock.set('2026-12-02T10:00:00Z'); // down 26 hours; grace 12 h
    const report = await h.scheduler.start();
    expect(report.missed).toEqual(['rappel:1']);
    expect(report.sent).toEqual([{ id: 'rappel:2', deferred: true }]);
    expect(await h.scheduler.state('rappel:1')).toMatchObject({ status: 'missed' });
    const problems = await h.scheduler.problems();
    expect(problems.map((p) => [p.id, p.status])).toEqual([['rappel:1', 'missed']]);
    expect(problems[0]!.detail).toContain('délai de grâce : 12 h');
    expect(titled(h.sent, 'Rappels non remis')).toHaveLength(1);
    // Still missed, never sent, on later ticks.
    await h.tickAt('2026-12-02T10:01:00Z');
    expect(
      h.sent.filter((s) => s.message.reply.title.startsWith('Rappel (')).map((s) => s.message.reply.blocks[0]),
    ).toEqual([{ type: 'text', text: 'différé' }]);
  });
});

describe('sessions moved or cancelled', () => {
  it('a moved session is reminded at its new date, not the old one', async () => {
    h = await createHarness({ now: '2026-03-01T10:00:00Z', sessions: [session('2026-03-12')] });
    await h.tickAt('2026-03-01T10:00:00Z');
    h.sessions = [session('2026-03-19')];
    await h.tickAt('2026-03-11T08:00:00Z'); // 09:00 the day before the old date
    expect(titled(h.sent, 'demain')).toEqual([]);
    await h.tickAt('2026-03-18T08:00:00Z');
    expect(titled(h.sent, 'demain')).toHaveLength(1);
    expect(replyToText(titled(h.sent, 'demain')[0]!.message.reply)).toContain('jeudi 19 mars 2026');
  });

  it('a session moved to another hour after its J-1 reminder is reminded again with the new hour', async () => {
    h = await createHarness({ now: '2026-03-11T07:59:00Z', sessions: [session('2026-03-12', '17:30')] });
    await h.tickAt('2026-03-11T08:00:00Z');
    h.sessions = [session('2026-03-12', '18:30')];
    await h.tickAt('2026-03-11T08:30:00Z');
    expect(titled(h.sent, 'demain').map((s) => s.message.reply.title)).toEqual([
      'Rappel : Comité syndical demain à 17 h 30',
      'Rappel : Comité syndical demain à 18 h 30 (mise à jour)',
    ]);
  });

  it('a cancelled session sends nothing', async () => {
    h = await createHarness({ now: '2026-03-01T10:00:00Z', sessions: [session('2026-03-12')] });
    expect((await h.scheduler.upcoming(10)).length).toBe(4); // deadline, convocation, J-2 quorum alert, J-1
    h.sessions = [session('2026-03-12', '17:30', { cancelled: true })];
    expect(await h.scheduler.upcoming(10)).toEqual([]);
    await tickEvery(h, '2026-03-04T07:00:00Z', '2026-03-12T20:00:00Z', 15 * 60_000);
    expect(h.sent).toEqual([]);
  });

  it('nothing is sent for a past session, even within the grace', async () => {
    h = await createHarness({ now: '2026-03-12T17:00:00Z', sessions: [session('2026-03-12', '17:30')] });
    await h.tickAt('2026-03-12T17:00:00Z'); // the session started at 16:30 UTC; its J-1 is long gone
    await h.tickAt('2026-03-12T16:50:00Z');
    expect(h.sent).toEqual([]);
  });
});

describe('custom reminders', () => {
  it('are numbered, listed, and removed before they go', async () => {
    h = await createHarness({ now: '2026-12-01T07:00:00Z' });
    const a = await addDelegatesReminder(h, '2026-12-01', '09:00', 'a');
    const b = await addDelegatesReminder(h, '2026-12-01', '10:00', 'b');
    expect([a.number, b.number]).toEqual([1, 2]);
    expect((await h.scheduler.upcoming(5)).map((r) => r.number)).toEqual([1, 2]);
    expect((await h.scheduler.removeCustom(1))?.text).toBe('a');
    expect(await h.scheduler.removeCustom(1)).toBeUndefined();
    const c = await addDelegatesReminder(h, '2026-12-01', '11:00', 'c');
    expect(c.number).toBe(3); // numbers are never reused
    await tickEvery(h, '2026-12-01T07:59:00Z', '2026-12-01T10:01:00Z');
    expect(h.sent.map((s) => s.message.reply.blocks[0])).toEqual([
      { type: 'text', text: 'b' },
      { type: 'text', text: 'c' },
    ]);
  });
});
