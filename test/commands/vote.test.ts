/**
 * @module /vote on a session in progress with the 7 October 2024 attendance (54 voix present or represented):
 * unanimity, a split weighted vote by names, a tie decided by the president, a withdrawal that breaks the
 * item's quorum; then /pv and its Word document carry each result.
 */
import { replyOutline } from '../helpers/reply-outline.ts';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDocx } from '../helpers/docx-text.ts';
import { createTestBot, reader, secretary, SAMPLE_CONFIG, type TestBot } from '../helpers/test-bot.ts';

const sample = readFileSync(SAMPLE_CONFIG, 'utf8');
/** The 7 October attendance and proxies, for a session on 15 December 2026 with three deliberations. */
function yaml(): string {
  const start = sample.indexOf('    # Attendance and proxies as the minutes record them');
  const end = sample.indexOf('\ncatalogue:');
  const session = [
    '  - date: 2026-12-15',
    '    time: "17:30"',
    '    place: Salle de réunion de Somme Numérique, Amiens',
    '    remote: true',
    '    president: M. VARLET',
    '    secretary: M. PARSIS',
    '    agenda:',
    '      - { kind: deliberation, title: Budget primitif 2027 }',
    '      - { kind: deliberation, title: Tarifs 2027 }',
    '      - { kind: deliberation, title: Adhésion de la commune de Corbie }',
    '      - { kind: information, title: Questions diverses }',
  ].join('\n');
  return `${sample.slice(0, end)}\n${session}\n${sample.slice(start, end)}${sample.slice(end)}`;
}

let bot: TestBot;
// 18:30 in Paris on the day: the secretariat has opened the session (votes are taken only once it is open).
beforeEach(async () => {
  bot = await createTestBot({ yaml: yaml(), now: '2026-12-15T17:30:00Z' });
  expect(await bot.say('/seance ouvrir 17:35')).toContain('La séance est ouverte à 17 h 35');
});
afterEach(async () => {
  await bot.close();
});
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const say = async (line: string, as = secretary) => nb(await bot.say(line, as));

describe('/vote during the session', () => {
  it('records unanimity, a weighted vote by names and a tie decided by the president; /pv and the .docx carry them', async () => {
    expect(await say('/vote 1 unanimite')).toContain("Adoptée à l'unanimité des suffrages exprimés (54 voix)");
    const split = await say('/vote 2 contre: DELFOSSE, LEFEBVRE');
    expect(split).toContain('Vote enregistré : délibération n° 2');
    expect(split).toContain('Adoptée par 45 voix pour, 9 contre');
    expect(split).toContain('Ont voté contre : M. DELFOSSE, M. LEFEBVRE, M. WALIGORA, Mme DELETRE');
    expect(await say('/vote 3 pour 27 contre 27')).toMatch(
      /Vote non enregistré : partage des voix \(27 pour, 27 contre\)\n\nPréciser le vote du président/,
    );
    expect(await say('/vote 3 pour 27 contre 27 président pour')).toContain(
      'Adoptée par 27 voix pour, 27 contre, la voix du président étant prépondérante',
    );
    expect(await say('/vote 2', reader)).toMatch(/Suffrages exprimés\s+: 54 voix \(majorité requise : 28\)/);

    const r = await bot.ask('/pv 2026-12-15', reader);
    const md = replyOutline(r);
    expect(md).toContain(
      "1. Délibération n° 1 : Budget primitif 2027**\n\n***Adoptée à l'unanimité des suffrages exprimés (54 voix)***",
    );
    expect(md).toContain('***Adoptée par 45 voix pour, 9 contre***');
    expect(md).toContain('***Adoptée par 27 voix pour, 27 contre, la voix du président étant prépondérante***');
    const doc = readDocx(new Uint8Array(Buffer.from(r.attachments![0]!.content, 'base64')));
    const text = nb(doc.paragraphs.join('\n'));
    expect(text).toContain('Adoptée par 45 voix pour, 9 contre');
    expect(text).toContain('Ont voté contre : M. DELFOSSE, M. LEFEBVRE, M. WALIGORA, Mme DELETRE');
    expect(text).toContain('la voix du président étant prépondérante');
    expect(await say('/journal 2026-12-15')).toMatch(/vote enregistré[\s\S]*point 3, délibération n° 3/);
  });

  it("a withdrawal (L2131-11) that breaks the item's quorum refuses the vote; a new count replaces the old", async () => {
    const withdrawn = await say('/vote 1 unanimite retrait: LHOMME');
    expect(withdrawn).toContain('Vote non enregistré : quorum non atteint pour ce point\n');
    expect(withdrawn).toContain('22 sur 24 requis (il manque 2)');
    expect(await say('/vote 1 pour 50 contre 4')).toContain('Adoptée par 50 voix pour, 4 contre');
    await say('/vote 1 unanimite');
    expect(await say('/vote 1', reader)).toContain("Adoptée à l'unanimité des suffrages exprimés (54 voix)");
    expect(await say('/journal 2026-12-15')).toContain('vote corrigé');
  });

  it('refuses a vote before the secretariat opens the session, even after its planned time', async () => {
    await bot.close();
    bot = await createTestBot({ yaml: yaml(), now: '2026-12-15T17:30:00Z' });
    expect(await say('/vote 1 unanimite')).toMatch(
      /Vote non enregistré : la séance du .* est planifiée\n\nLes votes s'enregistrent pendant la séance/,
    );
  });

  it('never records into a past session by default (its record is closed)', async () => {
    bot.clock.set('2026-12-16T09:00:00Z');
    expect(await say('/vote 1 unanimite')).toContain('Aucune séance à venir');
  });

  it('answers in French to what cannot be voted', async () => {
    expect(await say('/vote 1 unanimite', reader)).toContain(
      'Vote non enregistré : seul le secrétariat enregistre les votes',
    );
    expect(await say('/vote 4 unanimite')).toContain("n'est pas une délibération");
    expect(await say('/vote 9 unanimite')).toContain('pas de point n° 9');
    expect(await say('/vote 2 contre: PINON')).toContain("Mme PINON n'est ni présente ni représentée");
    expect(await say('/vote 2 pour 60 contre 0')).toContain('dépasse les voix des délégués présents ou représentés');
    expect(await say('/vote 2 adopté')).toContain('Vote non reconnu');
  });
});
