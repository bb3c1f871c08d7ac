import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDateLong,
  formatDateTime,
  formatTime,
  fromZoned,
  parseDate,
  parseTime,
  toZoned,
} from '../../../src/core/text/dates.ts';

describe('dates and times in French and in Paris time', () => {
  it('reads ISO and French dates, and refuses impossible ones', () => {
    expect(parseDate('2024-10-07')).toBe('2024-10-07');
    expect(parseDate('07/10/2024')).toBe('2024-10-07');
    expect(parseDate('7/10/2024')).toBe('2024-10-07');
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseDate('2024-13-01')).toBeNull();
    expect(parseDate('demain')).toBeNull();
  });
  it('reads times of day and refuses bare numbers', () => {
    expect(parseTime('17:30')).toBe('17:30');
    expect(parseTime('17h30')).toBe('17:30');
    expect(parseTime('9h')).toBe('09:00');
    expect(parseTime('17')).toBeNull();
    expect(parseTime('25:00')).toBeNull();
  });
  it('writes the session date the French way', () => {
    expect(formatDateLong('2024-10-07')).toBe('lundi 7 octobre 2024');
    expect(formatDateLong('2024-11-01')).toBe('vendredi 1er novembre 2024');
    expect(formatDateTime('2024-10-07', '17:30')).toBe('lundi 7 octobre 2024 à 17 h 30');
    expect(formatTime('09:00')).toBe('9 h');
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2024-09-30', 2)).toBe('2024-10-02');
    expect(addDays('2026-03-12', -6)).toBe('2026-03-06');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('converts Paris wall-clock time to instants on both sides of the DST changes', () => {
    expect(fromZoned('2024-10-07', '17:30', 'Europe/Paris').toISOString()).toBe('2024-10-07T15:30:00.000Z');
    expect(fromZoned('2026-01-15', '09:00', 'Europe/Paris').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    // Spring forward 2026-03-29: 02:30 does not exist; documented as 03:30 CEST.
    expect(fromZoned('2026-03-29', '02:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // Fall back 2026-10-25: 02:30 happens twice; the first one (CEST) is taken.
    expect(fromZoned('2026-10-25', '02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(toZoned(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris').time).toBe('02:30');
  });
});

describe('zonedDate, remembered for the minute', () => {
  it('gives the Paris date of each instant, across midnight and the clock changes', async () => {
    const { zonedDate, toZoned } = await import('../../../src/core/text/dates.ts');
    const tz = 'Europe/Paris';
    // Midnight in Paris in winter (UTC+1), the spring change (29 March 2026) and the autumn one (25 October 2026).
    const instants = [
      '2026-01-14T22:59:59Z',
      '2026-01-14T23:00:00Z',
      '2026-01-14T23:00:59Z',
      '2026-03-28T22:59:00Z',
      '2026-03-28T23:00:00Z',
      '2026-03-29T21:59:30Z',
      '2026-03-29T22:00:00Z',
      '2026-10-24T21:59:00Z',
      '2026-10-24T22:00:00Z',
      '2026-10-25T22:59:59Z',
      '2026-10-25T23:00:00Z',
    ];
    for (const at of instants) expect(zonedDate(new Date(at), tz), at).toBe(toZoned(new Date(at), tz).date);
    expect(zonedDate(new Date('2026-01-14T22:59:59Z'), tz)).toBe('2026-01-14');
    expect(zonedDate(new Date('2026-01-14T23:00:00Z'), tz)).toBe('2026-01-15');
    // Another zone in the same minute is not answered from Paris's memory.
    expect(zonedDate(new Date('2026-01-14T23:00:00Z'), 'America/Cayenne')).toBe('2026-01-14');
  });
});
