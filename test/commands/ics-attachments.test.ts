/** @module /odj and /seminaire attach an .ics file; the console writes it to disk and prints the path. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole } from '../helpers/console-session.ts';
import { createTestBot, reader, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('calendar files', () => {
  it('/odj attaches the session as text/calendar', async () => {
    bot = await createTestBot();
    const r = await bot.ask('/odj 2024-10-07', reader);
    expect(r.attachments).toHaveLength(1);
    expect(r.attachments![0]).toMatchObject({ filename: 'seance-2024-10-07.ics', contentType: 'text/calendar' });
    expect(r.attachments![0]!.content).toContain('DTSTART;TZID=Europe/Paris:20241007T173000');
    expect(r.attachments![0]!.content).toContain('DTSTAMP:20261129T100000Z'); // from the fake clock
  });

  it('/seminaire gives the next seminar, its reminders and its .ics', async () => {
    bot = await createTestBot({ now: '2026-11-01T10:00:00Z' });
    const r = await bot.ask('/seminaire', reader);
    expect(r.attachments![0]).toMatchObject({ filename: 'seminaire-2026.ics', contentType: 'text/calendar' });
    const text = await bot.say('/seminaire', reader);
    expect(text).toContain('jeudi 26 novembre 2026');
    expect(text).toContain('J-7 (jeudi 19 novembre 2026 à 9 h)');
  });

  it('the console writes the file and prints its path', async () => {
    bot = await createTestBot();
    const dir = join(mkdtempSync(join(tmpdir(), 'seance-ics-')), 'ics');
    const { input, door, output } = openConsole(bot, { filesDir: dir });
    input.end('/odj 2024-10-07\n');
    await door.finished;
    const text = output();
    const path = join(dir, 'seance-2024-10-07.ics');
    expect(text).toContain(`Fichier enregistré : ${path}`);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });
});
