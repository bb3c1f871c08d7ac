/**
 * @module Issue 11 in the console door (streams, the whole turn pipeline): a session typed line by line — open,
 * roll call with the buttons' command lines and several names at once, an arrival, a departure with a proxy, a
 * withdrawal, three votes, close, /pv. The console cannot edit what it printed: the live message is printed
 * once as a message to the secretariat, then each update is printed marked as such.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole } from '../../helpers/console-session.ts';
import { readDocx } from '../../helpers/docx-text.ts';
import { createTestBot, type TestBot } from '../../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const DAY = '2026-12-15';
const count = (text: string, part: string) => text.split(part).length - 1;

describe('a whole session in the console', () => {
  it('prints the live message once, then its updates, and writes the PV with every figure', async () => {
    // The morning of the session: the agenda can still be completed before it starts.
    bot = await createTestBot({ now: `${DAY}T08:00:00Z` });
    const filesDir = mkdtempSync(join(tmpdir(), 'seance-live-'));
    const { input, door, output } = openConsole(bot, { filesDir });
    bot.hub.addDoor(door);
    const room = [
      'VARLET',
      'PARSIS',
      'DELFOSSE',
      'DEMARCY',
      'LHOMME',
      'LEFEBVRE',
      'PAYEN',
      'THUEUX',
      'BEAUFILS',
      'DEFRANCE',
      'PENAUD',
      'MAILLE-BARBARE',
      'DECLÉ',
      'ROY',
      'WALIGORA',
      'BLOCKLET',
      'FOUCAULT',
      'DELETRE',
      'DEBEUGNY',
      'HAZARD',
      'POUPART',
    ];
    const lines = [
      `/seance planifier ${DAY} 17:30 Salle du conseil, Amiens et visio`,
      `/odj ajouter ${DAY} deliberation Coffre-fort de mots de passe`,
      `/odj ajouter ${DAY} deliberation Tarifs 2027`,
      `/odj ajouter ${DAY} deliberation Adhésion de la commune de Doullens`,
      '/seance ouvrir 17:35',
      '/presence "M. MAILLE" salle 2026-12-15', // a button's command line, as /appel prints it
      `/presence salle ${room.join(' ')}`, // several names at once
      '/presence distance "DE WAZIERS", FOURNIER',
      '/presence PINON arrive 17:50',
      '/point suivant',
      '/vote 1 unanimite',
      '/point suivant',
      '/point retrait DELFOSSE',
      '/vote 2 contre: LHOMME, ROY',
      '/presence PAYEN part 19:10 DEFRANCE',
      '/point 3',
      '/vote 3 pour 30 contre 30 président pour',
      '/seance lever 19:40',
      `/pv ${DAY}`,
    ];
    for (const l of lines) input.write(`${l}\n`);
    input.end();
    await door.finished;
    const text = output();

    expect(count(text, '── Message pour secrétariat ──')).toBe(1);
    expect(count(text, '── Mise à jour du message en direct ──')).toBeGreaterThanOrEqual(10);
    const lastLive = text.slice(text.lastIndexOf('── Mise à jour du message en direct ──'));
    expect(lastLive).toMatch(/Voix\s*:\s*60 sur 104/);
    expect(text).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");
    expect(text).toContain('Adoptée par 47 voix pour, 12 contre');
    expect(text).toContain('M. PAYEN quitte la séance à 19 h 10 et donne pouvoir à M. DEFRANCE.');
    expect(text).toContain('la séance est levée à 19 h 40');
    expect(text).toContain('La séance est ouverte à 17 h 35.');
    const saved = /Fichier enregistré : (\S+\.docx)/.exec(text)?.[1];
    expect(saved).toBeDefined();
    const doc = readDocx(new Uint8Array(readFileSync(saved!))).paragraphs.join('\n');
    expect(doc).toContain('Mme PINON arrivée à 17 h 50 (en salle).');
    expect(doc).toContain("M. DELFOSSE s'est retiré et n'a pas pris part au vote");
    expect(doc).toMatch(/prépondérante/);
  });
});
