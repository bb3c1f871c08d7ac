/**
 * @module Issue 11's « done when » through the test bot (the whole turn pipeline, every command as a secretary
 * types or clicks it): open, roll call by buttons with the live message edited not re-posted, one arrival and one
 * departure with a proxy, a withdrawal on one item, three votes (unanimity, a split weighted vote, a tie decided
 * by the president), close; /pv then states each fact with its figures, in the Markdown and in the DOCX read back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.ts';
import { replyToText } from '../../src/core/reply-text.ts';
import { replyOutline } from '../helpers/reply-outline.ts';
import { readDocx } from '../helpers/docx-text.ts';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const DAY = '2026-12-15';
const KEY = `seance:${DAY}:direct`;
const liveText = (b: TestBot) => replyToText(b.updated.at(-1)!.reply);

async function prepare(): Promise<TestBot> {
  const b = await createTestBot({ now: '2026-12-01T10:00:00Z' });
  expect(await b.say(`/seance planifier ${DAY} 17:30 Salle du conseil, Amiens et visio`)).toContain('Séance planifiée');
  for (const t of ['Coffre-fort de mots de passe', 'Tarifs 2027', 'Adhésion de la commune de Doullens']) {
    await b.say(`/odj ajouter ${DAY} deliberation ${t}`);
  }
  b.clock.set(new Date(`${DAY}T16:35:00Z`)); // 17:35 in Paris
  return b;
}

/** Clicks the button `label` of a reply: its command line, run as the clicker (what every door does). */
async function click(b: TestBot, r: Reply, label: string): Promise<string> {
  const a = r.actions?.find((x) => x.label === label);
  if (!a) throw new Error(`no button ${label}`);
  return b.say(a.command);
}

describe('a whole session, played in chat', () => {
  it('opens, calls the roll by buttons, follows movements, withdrawals and three votes, closes, and writes the PV', async () => {
    bot = await prepare();
    const b = bot;
    expect(await b.say('/seance ouvrir', 'M. PAYEN')).toContain('réservée');
    expect(await b.say('/seance ouvrir')).toContain('La séance est ouverte à 17 h 35');
    const posted = b.delivered.filter((m) => m.reply.opens === KEY);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.to).toEqual({ kind: 'secretariat' });
    expect(replyToText(posted[0]!.reply)).toMatch(/Quorum[^\n]*non atteint : il manque 24/);
    expect(await b.say('/seance ouvrir')).toContain('déjà ouverte');

    // Roll call: three pages of buttons; the first 22 in the room, two remote.
    for (let page = 1; page <= 3; page++) {
      const r = await b.ask(`/appel ${page}`);
      expect(r.actions).toHaveLength(24);
      const names = [...new Set(r.actions!.map((a) => a.label.replace(/ : \w+$/u, '')))];
      for (const n of names) {
        const where = n === 'Mme DE WAZIERS' || n === 'M. FOURNIER' ? 'distance' : 'salle';
        expect(await click(b, r, `${n} : ${where}`)).toContain('Présence enregistrée');
      }
    }
    // The live message was edited at each click, never posted again.
    expect(b.delivered.filter((m) => m.reply.title === 'Séance en direct')).toHaveLength(1);
    expect(b.updated.length).toBeGreaterThanOrEqual(24);
    expect(b.updated.every((u) => u.key === KEY)).toBe(true);
    let live = liveText(b);
    expect(live).toMatch(/Présents en salle\s*:?\s*22/);
    expect(live).toMatch(/Présents à distance\s*:?\s*2/);
    expect(live).toMatch(/Voix\s*:?\s*54 sur 104/);
    expect(live).toMatch(/Quorum\s*:?\s*atteint \(24, seuil : 24\)/);

    // Several names at once (the console's way), then an arrival with its time.
    expect(await b.say('/appel excuse MAROTTE FRION')).toContain('Présences enregistrées');
    expect(await b.say('/presence PINON arrive 17:50')).toContain('Mme PINON : arrivée à 17 h 50');
    live = liveText(b);
    expect(live).toMatch(/Voix\s*:?\s*60 sur 104/);

    // Item 1: unanimity.
    expect(await b.say('/point suivant')).toContain('1. Coffre-fort de mots de passe');
    expect(liveText(b)).toContain('Point en cours');
    expect(liveText(b)).toContain('1. Coffre-fort de mots de passe');
    const v1 = await b.say('/vote 1 unanimite');
    expect(v1).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");

    // Item 2: DELFOSSE withdraws; a split weighted vote by names.
    await b.say('/point suivant');
    const w = await b.say('/point retrait DELFOSSE');
    expect(w).toContain('M. DELFOSSE se retire du point 2');
    expect(w).toContain('Quorum atteint pour le point 2 : 24, seuil : 24');
    expect(liveText(b)).toContain('retrait : M. DELFOSSE');
    const v2 = await b.say('/vote 2 contre: LHOMME, ROY');
    expect(v2).toContain('Adoptée par 47 voix pour, 12 contre');

    // A departure with a proxy, then item 3: a tie the president decides.
    const part = await b.say('/presence PAYEN part 19:10 DEFRANCE');
    expect(part).toContain('M. PAYEN : quitte la séance à 19 h 10 et donne pouvoir à M. DEFRANCE');
    await b.say('/point 3');
    expect(await b.say('/vote 3 pour 30 contre 30')).toMatch(
      /Vote non enregistré : partage des voix[^\n]*\n\nPréciser le vote du président/,
    );
    const v3 = await b.say('/vote 3 pour 30 contre 30 président pour');
    expect(v3).toMatch(/Adoptée/);
    expect(v3).toMatch(/prépondérante/);
    const detail = await b.say('/vote 2');
    expect(detail).toContain('47 voix');

    const closed = await b.say('/seance lever 19:40');
    expect(closed).toContain('La séance est levée à 19 h 40');
    expect(await b.say('/vote 3 unanimite')).toContain('levée');
    expect(await b.say('/presence PAYEN salle')).not.toContain('Présence enregistrée');

    // The minutes.
    const pv = await b.ask(`/pv ${DAY}`);
    const md = replyOutline(pv);
    const docx = readDocx(Buffer.from(pv.attachments![0]!.content, 'base64'));
    const doc = [...docx.paragraphs, ...docx.tables.flat().map((r) => r.join(' | '))].join('\n');
    for (const text of [md, doc]) {
      expect(text).toContain('La séance est ouverte à 17 h 35.');
      expect(text).toContain('Mme PINON arrivée à 17 h 50 (en salle).');
      expect(text).toContain('M. PAYEN quitte la séance à 19 h 10 et donne pouvoir à M. DEFRANCE.');
      expect(text).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");
      expect(text).toContain("M. DELFOSSE s'est retiré et n'a pas pris part au vote");
      expect(text).toContain('Adoptée par 47 voix pour, 12 contre');
      expect(text).toMatch(/prépondérante/);
      expect(text).toContain('la séance est levée à 19 h 40');
    }
    // The tables show the room at the opening: PAYEN present (he left at 19:10), PINON not yet there (17:50).
    expect(md).toMatch(/\| M\. PAYEN \| — \| 1 \|/);
    expect(md).not.toMatch(/\| Mme PINON \|/);
    expect(md).not.toMatch(/\| M\. DEFRANCE \| M\. PAYEN/);
    // The vote on item 1 counts PAYEN present (he left later); item 3 counts him through DEFRANCE's proxy.
    expect(md).toContain('Voix présentes ou représentées pour ce vote : 60.');
  });
});
