/** @module The pure due(): sorted index and bisection, the grace window, versions, deferred and missed reminders. */
import { describe, expect, it } from 'vitest';
import { dueBetween, firstAfter, indexReminders, nextReminders } from '../../../src/core/reminders/by-due.ts';
import { due, dueWindow } from '../../../src/core/reminders/due.ts';
import type { Reminder } from '../../../src/core/reminders/model.ts';
import { reply } from '../../../src/core/reply.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-11-19T08:00:00Z');

function rem(id: string, dueMs: number, version = String(dueMs)): Reminder {
  return { id, dueMs, version, origin: 'custom', to: [{ kind: 'delegates' }], summary: id, message: reply(id, []) };
}

describe('the reminder index', () => {
  it('sorts by due instant and finds a window by bisection', () => {
    const ix = indexReminders([rem('c', 30), rem('a', 10), rem('b', 20), rem('b2', 20)]);
    expect(ix.items.map((r) => r.id)).toEqual(['a', 'b', 'b2', 'c']);
    expect(firstAfter(ix, 20)).toBe(3);
    expect(firstAfter(ix, 0)).toBe(0);
    expect(firstAfter(ix, 99)).toBe(4);
    expect(dueBetween(ix, 10, 20).map((r) => r.id)).toEqual(['b', 'b2']);
    expect(nextReminders([ix, indexReminders([rem('z', 15)])], 10, 2).map((r) => r.id)).toEqual(['z', 'b']);
  });
});

describe('due(now, reminders, sent, grace)', () => {
  const grace = 12 * H;

  it('returns what is due now and nothing in the future', () => {
    const ix = indexReminders([rem('now', T0), rem('later', T0 + 60_000)]);
    const r = due(T0, ix, new Map(), grace);
    expect(r.send.map((d) => d.reminder.id)).toEqual(['now']);
    expect(r.send[0]!.deferred).toBe(false);
    expect(r.missed).toEqual([]);
  });

  it('skips a reminder whose version is recorded, but not one rescheduled to a new version', () => {
    const ix = indexReminders([rem('a', T0, 'v2')]);
    expect(due(T0, ix, new Map([['a', { version: 'v2' }]]), grace).send).toEqual([]);
    expect(due(T0, ix, new Map([['a', { version: 'v1' }]]), grace).send).toHaveLength(1);
    expect(due(T0, ix, (id) => (id === 'a' ? { version: 'v2' } : undefined), grace).send).toEqual([]);
  });

  it('sends a reminder late by less than the grace as deferred', () => {
    const ix = indexReminders([rem('a', T0 - 5 * H)]);
    const r = due(T0, ix, new Map(), grace, T0 - 6 * H);
    expect(r.send).toHaveLength(1);
    expect(r.send[0]).toMatchObject({ deferred: true, lateMs: 5 * H });
  });

  it('marks as updated, not deferred, a reminder that appeared after its due instant while the bot ran', () => {
    const ix = indexReminders([rem('moved', T0 - 2 * H)]);
    const r = due(T0, ix, new Map(), grace, T0 - 60_000);
    expect(r.send[0]).toMatchObject({ deferred: false, updated: true });
  });

  it('records as missed what fell due more than the grace ago while the bot was down', () => {
    const ix = indexReminders([rem('old', T0 - 20 * H), rem('recent', T0 - 2 * H)]);
    const r = due(T0, ix, new Map(), grace, T0 - 48 * H);
    expect(r.missed.map((d) => d.reminder.id)).toEqual(['old']);
    expect(r.send.map((d) => d.reminder.id)).toEqual(['recent']);
  });

  it('on a first start looks back only over the grace: nothing existed to be missed before', () => {
    const ix = indexReminders([rem('old', T0 - 20 * H), rem('recent', T0 - 2 * H)]);
    const r = due(T0, ix, new Map(), grace);
    expect(r.missed).toEqual([]);
    expect(r.send.map((d) => d.reminder.id)).toEqual(['recent']);
    expect(dueWindow(T0, grace)).toEqual({ afterMs: T0 - grace, untilMs: T0 });
  });

  it('with a grace of 0 still sends on time, and misses what is late', () => {
    const ix = indexReminders([rem('ontime', T0 - 30_000), rem('late', T0 - H)]);
    const r = due(T0, ix, new Map(), 0, T0 - 2 * H);
    expect(r.send.map((d) => d.reminder.id)).toEqual(['ontime']);
    expect(r.missed.map((d) => d.reminder.id)).toEqual(['late']);
  });

  it('reads only the window: 100,000 reminders, 10 due', () => {
    const all: Reminder[] = [];
    for (let i = 0; i < 100_000; i++) all.push(rem(`r${i}`, T0 + (i + 1) * 60_000));
    for (let i = 0; i < 10; i++) all.push(rem(`due${i}`, T0 - i * 1000));
    const ix = indexReminders(all);
    let reads = 0;
    const r = due(
      T0,
      ix,
      (id) => {
        reads++;
        return id === 'never' ? { version: '' } : undefined;
      },
      12 * H,
      T0 - 60_000,
    );
    expect(r.send).toHaveLength(10);
    expect(reads).toBe(10);
  });
});
