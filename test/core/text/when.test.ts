import { beforeAll, describe, expect, it } from 'vitest';
import {
  dateWordCount,
  loadDateReaderFor,
  timeWordCount,
  understandDate,
  understandTime,
} from '../../../src/core/text/when.ts';

const today = '2026-11-29'; // a Sunday
const words = (s: string) => s.split(' ');

describe('dates and times as people write them', () => {
  beforeAll(() => loadDateReaderFor('demain'));
  it('reads dates relative to the given today, never the machine clock', () => {
    expect(understandDate('demain', { today })).toEqual({ ok: true, value: '2026-11-30' });
    expect(understandDate('demain', { today: '2024-02-28' })).toEqual({ ok: true, value: '2024-02-29' });
    expect(understandDate('hier', { today: '2025-01-01' })).toEqual({ ok: true, value: '2024-12-31' });
  });
  it('takes the nearest date to look up, the next one to plan', () => {
    expect(understandDate('7 octobre', { today })).toEqual({ ok: true, value: '2026-10-07' });
    expect(understandDate('7 octobre', { today, forward: true })).toEqual({ ok: true, value: '2027-10-07' });
    expect(understandDate('lundi 7 octobre', { today })).toEqual({ ok: true, value: '2024-10-07' });
  });
  it('refuses impossible and contradictory dates, saying what was understood', () => {
    expect(understandDate('30 février 2024', { today })).toMatchObject({
      ok: false,
      message: expect.stringContaining("février 2024 n'a que 29 jours"),
    });
    expect(understandDate('lundi 8 octobre 2024', { today })).toMatchObject({
      ok: false,
      message: expect.stringContaining('est un mardi'),
    });
    expect(understandDate('bientôt', { today })).toMatchObject({
      ok: false,
      message: expect.stringContaining('date non comprise'),
    });
  });
  it('reads times and refuses impossible ones', () => {
    expect(understandTime('18 h 30')).toEqual({ ok: true, value: '18:30' });
    expect(understandTime('9h')).toEqual({ ok: true, value: '09:00' });
    expect(understandTime('24h')).toMatchObject({ ok: false });
    expect(understandTime('18')).toMatchObject({ ok: false });
  });
  it('knows how many words a date or a time takes, and that a bare number is neither', () => {
    expect(dateWordCount(words('lundi 7 oct. 2024 18h'), 0)).toBe(4);
    expect(dateWordCount(words('le 7 octobre Amiens'), 0)).toBe(3);
    expect(dateWordCount(words('lundi prochain 18h'), 0)).toBe(2);
    expect(dateWordCount(words('10 membre'), 0)).toBe(0);
    expect(dateWordCount(words('PARSIS'), 0)).toBe(0);
    expect(timeWordCount(words('18 h 30 Amiens'), 0)).toBe(3);
    expect(timeWordCount(words('18 Amiens'), 0)).toBe(0);
  });
});
