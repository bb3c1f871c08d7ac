/**
 * @module Daylight-saving changes in Paris (29 March and 25 October 2026), driven minute by minute with the
 * fake clock: 09:00 fires once at 09:00 local on both sides; 02:30 in the spring gap fires once at 03:30
 * CEST (the documented `fromZoned` rule); 02:30 that occurs twice in autumn fires once, at the first one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dstNote } from '../../../src/core/reminders/custom.ts';
import { zonedInstant } from '../../../src/core/reminders/zoned.ts';
import { addDays, fromZoned, toZoned } from '../../../src/core/text/dates.ts';
import { createHarness, tickEvery, type Harness } from './helpers.ts';

const TZ = 'Europe/Paris';
const local = (iso: string) => toZoned(new Date(iso), TZ);
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function withReminders(now: string, at: [string, string][]) {
  h = await createHarness({ now });
  for (const [date, time] of at)
    await h.scheduler.addCustom({ date, time, to: { kind: 'delegates' }, text: `${date} ${time}`, createdBy: 'test' });
  return h;
}

const sentTexts = (x: Harness) =>
  x.sent.map((s) => ({
    text: s.message.reply.blocks[0]!.type === 'text' ? (s.message.reply.blocks[0] as { text: string }).text : '',
    at: s.at,
  }));

describe('spring forward, Sunday 29 March 2026', () => {
  it('09:00 fires once at 09:00 local the day before (CET) and the day after (CEST)', async () => {
    const x = await withReminders('2026-03-28T06:00:00Z', [
      ['2026-03-28', '09:00'],
      ['2026-03-30', '09:00'],
    ]);
    await tickEvery(x, '2026-03-28T06:00:00Z', '2026-03-30T09:00:00Z');
    const sent = sentTexts(x);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({ text: '2026-03-28 09:00', at: '2026-03-28T08:00:00.000Z' });
    expect(sent[1]).toEqual({ text: '2026-03-30 09:00', at: '2026-03-30T07:00:00.000Z' });
    for (const s of sent) expect(local(s.at).time).toBe('09:00');
  });

  it('02:30, which does not exist that day, fires once at 03:30 CEST', async () => {
    const x = await withReminders('2026-03-28T22:00:00Z', [['2026-03-29', '02:30']]);
    await tickEvery(x, '2026-03-28T22:00:00Z', '2026-03-29T04:00:00Z');
    expect(x.sent).toHaveLength(1);
    expect(x.sent[0]!.at).toBe('2026-03-29T01:30:00.000Z');
    expect(local(x.sent[0]!.at)).toMatchObject({ date: '2026-03-29', time: '03:30' });
    expect(dstNote('2026-03-29', '02:30', TZ)).toContain('3 h 30');
  });
});

describe('fall back, Sunday 25 October 2026', () => {
  it('09:00 fires once at 09:00 local on both sides of the change', async () => {
    const x = await withReminders('2026-10-24T05:00:00Z', [
      ['2026-10-24', '09:00'],
      ['2026-10-26', '09:00'],
    ]);
    await tickEvery(x, '2026-10-24T05:00:00Z', '2026-10-26T09:00:00Z');
    const sent = sentTexts(x);
    expect(sent.map((s) => s.at)).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    for (const s of sent) expect(local(s.at).time).toBe('09:00');
  });

  it('02:30, which occurs twice, fires once: at the first occurrence (CEST)', async () => {
    const x = await withReminders('2026-10-24T22:00:00Z', [['2026-10-25', '02:30']]);
    await tickEvery(x, '2026-10-24T22:00:00Z', '2026-10-25T03:00:00Z');
    expect(x.sent).toHaveLength(1);
    expect(x.sent[0]!.at).toBe('2026-10-25T00:30:00.000Z');
    expect(dstNote('2026-10-25', '02:30', TZ)).toContain('une seule fois');
    expect(dstNote('2026-10-25', '09:00', TZ)).toBeUndefined();
  });

  it('even when a tick runs at 02:30 CEST and again at 02:30 CET', async () => {
    const x = await withReminders('2026-10-25T00:00:00Z', [['2026-10-25', '02:30']]);
    await x.tickAt('2026-10-25T00:30:00Z'); // 02:30 CEST
    await x.tickAt('2026-10-25T01:30:00Z'); // 02:30 CET, the same wall time again
    expect(x.sent).toHaveLength(1);
  });
});

describe('the per-day fast path for stored reminders', () => {
  it('gives the same instant as fromZoned on every half hour of 2026 in Paris', () => {
    for (let date = '2026-01-01'; date < '2027-01-01'; date = addDays(date, 1)) {
      for (let m = 0; m < 24 * 60; m += 30) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        if (zonedInstant(date, time, TZ).getTime() !== fromZoned(date, time, TZ).getTime())
          throw new Error(`${date} ${time}`);
      }
    }
  });
});
