/** @module The iCalendar builder: CRLF, folding at 75 octets, TEXT escaping, TZID with a real VTIMEZONE, UID, DTSTAMP. */
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, seminarIcs, sessionIcs, vtimezone } from '../../../src/core/sessions/ics.ts';
import { sampleConfig } from './helpers.ts';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('iCalendar', () => {
  const config = sampleConfig();
  const seance = config.sessions[0]!;
  const now = new Date('2026-11-29T10:00:00Z');

  it('ends every line with CRLF and keeps each line within 75 octets, without splitting a character', () => {
    const { content } = sessionIcs(seance, config, now);
    expect(content.endsWith('\r\n')).toBe(true);
    expect(content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of content.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(content).not.toContain('\uFFFD');
    const folded = foldLine('DESCRIPTION:' + 'é'.repeat(100));
    expect(folded.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);
    expect(unfold(folded)).toBe('DESCRIPTION:' + 'é'.repeat(100));
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('Amiens, salle 2; étage\\1\nsuite')).toBe('Amiens\\, salle 2\\; étage\\\\1\\nsuite');
    const { content } = sessionIcs(seance, config, now);
    expect(unfold(content)).toContain('LOCATION:Salle de réunion de Somme Numérique\\, Amiens');
  });

  it('gives the session in Paris time with its VTIMEZONE, a stable UID and DTSTAMP from the clock', () => {
    const { content, filename, contentType } = sessionIcs(seance, config, now);
    expect(filename).toBe('seance-2024-10-07.ics');
    expect(contentType).toBe('text/calendar');
    const text = unfold(content);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20241007T173000');
    expect(text).toContain('DTEND;TZID=Europe/Paris:20241007T184000');
    expect(text).toContain('UID:seance-2024-10-07@somme-numerique');
    expect(text).toContain('DTSTAMP:20261129T100000Z');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20240331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20241027T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
    expect(text).toContain('Ordre du jour :\\n1. Constat du quorum');
    expect(text.indexOf('BEGIN:VCALENDAR')).toBe(0);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });

  it('covers the 2026 changes (29 March, 25 October) and a zone without DST', () => {
    const lines = vtimezone('Europe/Paris', [2026]).join('\n');
    expect(lines).toContain('DTSTART:20260329T020000');
    expect(lines).toContain('DTSTART:20261025T030000');
    const tokyo = vtimezone('Asia/Tokyo', [2026]).join('\n');
    expect(tokyo).toContain('TZOFFSETTO:+0900');
  });

  it('a planned session without an end lasts two hours; a cancelled one says so', () => {
    const planned = { ...seance, closedAt: undefined, cancelled: true };
    const text = unfold(sessionIcs(planned, config, now).content);
    expect(text).toContain('DURATION:PT2H');
    expect(text).toContain('STATUS:CANCELLED');
  });

  it('gives the seminar as an all-day event', () => {
    const { content, filename } = seminarIcs(config.reminders.seminar!, '2026-11-26', config, now);
    expect(filename).toBe('seminaire-2026.ics');
    expect(content).toContain('DTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261127');
    expect(content).toContain('SUMMARY:Séminaire annuel de Somme Numérique');
    expect(buildIcs([], { timeZone: 'Europe/Paris', now })).not.toContain('VTIMEZONE');
  });
});
