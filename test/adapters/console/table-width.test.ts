/** Console tables fit the terminal: the answer is laid out for a forced width, through the console door itself. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole } from '../../helpers/console-session.ts';
import { fitWidths, tableToText } from '../../../src/core/reply-text.ts';
import { createTestBot, type TestBot } from '../../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function consoleAt(width: number, lines: string[]): Promise<string> {
  bot = await createTestBot();
  // Attachments (the /pv document) go to a temporary folder, not the working tree.
  const { input, door, output } = openConsole(bot, { width, filesDir: mkdtempSync(join(tmpdir(), 'seance-width-')) });
  bot.hub.addDoor(door);
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await door.finished;
  const text = output();
  return text;
}

/** The lines of the tables: a rule of ─ and the lines around it up to the next blank line. */
function tableLines(out: string): string[] {
  const lines = out.split('\n');
  const found: string[] = [];
  lines.forEach((l, i) => {
    if (!/^─+( +─+)*$/.test(l)) return;
    found.push(lines[i - 1]!, l);
    for (let j = i + 1; j < lines.length && lines[j]!.trim(); j++) found.push(lines[j]!);
  });
  return found;
}

const len = (s: string) => [...s].length;

describe('console tables sized to the terminal', () => {
  it('/pouvoirs 2024-10-07 fits 80 columns with every holder, giver and voix', async () => {
    const out = await consoleAt(80, ['/pouvoirs 2024-10-07']);
    const rows = tableLines(out);
    expect(rows.length).toBeGreaterThanOrEqual(16); // 2 headers, 2 rules, 12 proxies
    for (const l of out.split('\n')) expect(len(l), l).toBeLessThanOrEqual(80);
    expect(out).toMatch(/Mme MAILLE-BARBARE\s+M\. FOURNIER\s+7/);
  });
  it('/pv 2024-10-07 reads as a document in 80 columns: underlined headings, marked parts, indented lists, aligned tables', async () => {
    const out = await consoleAt(80, ['/pv 2024-10-07']);
    const lines = out.split('\n');
    for (const l of lines) expect(len(l), l).toBeLessThanOrEqual(80);
    const at = (s: string) => lines.indexOf(s);
    expect(lines[at('Somme Numérique') + 1]).toBe('═'.repeat(15));
    const title = 'Procès-verbal – Comité syndical du lundi 7 octobre 2024';
    expect(lines[at(title) + 1]).toBe('─'.repeat(len(title)));
    expect(at('▸ Excusés (35)')).toBeGreaterThan(at('▸ Présents en salle (6)'));
    expect(out).toMatch(/^M\. VARLET +M\. DECLÉ +7$/m);
    expect(out).toContain('  35. M. HAZARD');
    // A list item that wraps keeps its bullet's indent; its next line is indented under the text.
    expect(out).toMatch(/^ {2}• 1 – Constat du quorum : quorum atteint .*\n {4}\S/m);
    expect(out).not.toContain('###');
    expect(out).toContain('Fichier enregistré');
  });
  it('wraps wide tables (roster, catalogue, journal) inside 80 and 50 columns, keeping short columns whole', async () => {
    for (const width of [80, 50]) {
      const out = await consoleAt(width, [
        '/delegues',
        '/tarifs',
        '/devis cyber 10',
        '/presence PAYEN salle 2024-10-07',
        '/journal 2024-10-07',
      ]);
      const rows = tableLines(out);
      expect(rows.length).toBeGreaterThan(60);
      for (const l of rows) expect(len(l), l).toBeLessThanOrEqual(width);
      expect(out).toContain('Voix');
    }
  });
  it('keeps the natural layout when there is no width (piped output) or the table fits', () => {
    const cols = ['Présents', 'Pouvoirs', 'Voix'];
    const rows = [['M. VARLET', 'M. DECLÉ', '7']];
    expect(tableToText(cols, rows)).toEqual([
      'Présents   Pouvoirs  Voix',
      '─────────  ────────  ────',
      'M. VARLET  M. DECLÉ  7',
    ]);
    expect(tableToText(cols, rows, { width: 80 })).toEqual(tableToText(cols, rows));
    expect(tableToText(cols, [['M. VARLET Philippe, président du comité', 'M. DECLÉ', '7']], { width: 30 })).toEqual([
      'Présents        Pouvoirs  Voix',
      '──────────────  ────────  ────',
      'M. VARLET       M. DECLÉ  7',
      'Philippe,',
      'président du',
      'comité',
    ]);
  });
  it('takes room from the widest columns first', () => {
    expect(fitWidths([10, 4, 60], 80)).toEqual([10, 4, 60]);
    expect(fitWidths([10, 4, 60], 50)).toEqual([10, 4, 32]);
    expect(fitWidths([40, 40, 4], 50)).toEqual([21, 21, 4]);
  });
});
