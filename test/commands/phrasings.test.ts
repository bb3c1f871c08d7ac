/**
 * How people write dates, times, attendance, membership and « moi »: each phrasing goes through the
 * dispatcher (the fake clock says Sunday 29 November 2026, Paris) and must resolve to what is written next
 * to it, or be refused with a French answer that says what was understood.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

const SEED = 'lundi 7 octobre 2024 à 17 h 30';
/** A session to come, planned before each phrasing that needs one. */
const PLAN = '/seance planifier 2026-12-15 17:30 Amiens';

interface Phrasing {
  readonly line: string;
  readonly as?: string;
  /** Every one of these must be in the answer. */
  readonly expect: readonly string[];
  readonly plan?: boolean;
}

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const rows: Phrasing[] = [
  // Dates of an existing session, however written.
  { line: '/quorum 2024-10-07', expect: [SEED] },
  { line: '/quorum 07/10/2024', expect: [SEED] },
  { line: '/quorum 7/10/2024', expect: [SEED] },
  { line: '/quorum 7 octobre 2024', expect: [SEED] },
  { line: '/quorum 7 oct. 2024', expect: [SEED] },
  { line: '/quorum 7 oct 2024', expect: [SEED] },
  { line: '/quorum Lundi 7 Octobre 2024', expect: [SEED] },
  { line: '/quorum le 7 octobre 2024', expect: [SEED] },
  { line: '/quorum lundi 7 octobre', expect: [SEED] }, // the weekday tells the year
  { line: '/quorum lundi 7 oct.', expect: [SEED] },
  { line: '/pouvoirs 7 octobre 2024', expect: [SEED] },
  { line: '/odj 7 octobre 2024', expect: [SEED, 'Ordre du jour'] },
  // Relative days, from Sunday 29 November 2026.
  { line: '/quorum hier', expect: ['Aucune séance le samedi 28 novembre 2026'] },
  { line: '/quorum demain', expect: ['Aucune séance le lundi 30 novembre 2026'] },
  { line: "/quorum aujourd'hui", expect: ['Aucune séance le dimanche 29 novembre 2026'] },
  { line: '/quorum après-demain', expect: ['Aucune séance le mardi 1er décembre 2026'] },
  { line: '/quorum avant-hier', expect: ['Aucune séance le vendredi 27 novembre 2026'] },
  { line: '/quorum lundi prochain', expect: ['Aucune séance le lundi 30 novembre 2026'] },
  { line: '/quorum mardi dernier', expect: ['Aucune séance le mardi 24 novembre 2026'] },
  { line: '/quorum 7 octobre', expect: ['Aucune séance le mercredi 7 octobre 2026'] }, // no year: the nearest
  { line: '/quorum 15 decembre', plan: true, expect: ['Comité syndical du mardi 15 décembre 2026 à 17 h 30'] },
  { line: '/quorum mardi 15 déc.', plan: true, expect: ['Comité syndical du mardi 15 décembre 2026 à 17 h 30'] },
  // Planning: a date without a year is the next one; times as people write them.
  { line: '/seance planifier 15 janvier 18h Amiens', expect: ['vendredi 15 janvier 2027 à 18 h'] },
  { line: '/seance planifier 15 janvier 2027 18 h 30 Amiens', expect: ['vendredi 15 janvier 2027 à 18 h 30'] },
  { line: '/seance planifier 15/01/2027 18:30 Amiens', expect: ['vendredi 15 janvier 2027 à 18 h 30'] },
  { line: '/seance planifier 2027-01-15 18h30', expect: ['vendredi 15 janvier 2027 à 18 h 30'] },
  { line: '/seance planifier vendredi 15 janvier 9h Amiens', expect: ['vendredi 15 janvier 2027 à 9 h'] },
  { line: '/seance planifier 15 janv. 2027 17 h Amiens', expect: ['vendredi 15 janvier 2027 à 17 h'] },
  { line: '/seance planifier 1er février 9 h 05', expect: ['lundi 1er février 2027 à 9 h 05'] },
  { line: '/seance planifier lundi prochain 18h', expect: ['lundi 30 novembre 2026 à 18 h'] },
  { line: '/seance planifier demain 18h15 Amiens', expect: ['lundi 30 novembre 2026 à 18 h 15'] },
  // Impossible or contradictory: a French answer with what was understood.
  { line: '/quorum 30 février', expect: ["le 30 février n'existe pas", "février n'a que 28 jours"] },
  { line: '/quorum 31 avril 2025', expect: ["le 31 avril 2025 n'existe pas", "avril 2025 n'a que 30 jours"] },
  { line: '/quorum 29 février', expect: ["le 29 février n'existe pas en 2026", "préciser l'année"] },
  { line: '/quorum 31/02/2024', expect: ["« 31/02/2024 » n'est pas une date du calendrier"] },
  { line: '/quorum lundi 8 octobre 2024', expect: ['le 8 octobre 2024 est un mardi, pas un lundi'] },
  {
    line: '/seance planifier 15 janvier 25h Amiens',
    expect: ["« 25h » n'est pas une heure", 'compris 25 h', 'de 0 h à 23 h 59'],
  },
  { line: '/seance planifier 15 janvier 18h75', expect: ["« 18h75 » n'est pas une heure", 'compris 75 minutes'] },
  { line: '/seance planifier 30 février 18h', expect: ["le 30 février n'existe pas"] },
  // Attendance words, agreed with the civility.
  { line: '/presence PAYEN présent 2026-12-15', plan: true, expect: ['M. PAYEN : présent en salle.'] },
  { line: '/presence ROY présente 2026-12-15', plan: true, expect: ['Mme ROY : présente en salle.'] },
  { line: '/presence ROY en salle 15 décembre', plan: true, expect: ['Mme ROY : présente en salle.'] },
  { line: '/presence PAYEN EN SALLE 2026-12-15', plan: true, expect: ['M. PAYEN : présent en salle.'] },
  { line: '/presence PAYEN présent·e 2026-12-15', plan: true, expect: ['M. PAYEN : présent en salle.'] },
  { line: '/presence PAYEN visio 2026-12-15', plan: true, expect: ['M. PAYEN : présent à distance.'] },
  { line: '/presence ROY à distance 2026-12-15', plan: true, expect: ['Mme ROY : présente à distance.'] },
  { line: '/presence ROY a distance 2026-12-15', plan: true, expect: ['Mme ROY : présente à distance.'] },
  { line: '/presence PAYEN excusé 2026-12-15', plan: true, expect: ['M. PAYEN : excusé.'] },
  { line: '/presence ROY excusée 2026-12-15', plan: true, expect: ['Mme ROY : excusée.'] },
  { line: '/presence ROY excusé·e 2026-12-15', plan: true, expect: ['Mme ROY : excusée.'] },
  { line: '/presence PAYEN absent·e 2026-12-15', plan: true, expect: ['M. PAYEN : absent.'] },
  { line: '/presence ROY absente 2026-12-15', plan: true, expect: ['Mme ROY : absente.'] },
  { line: '/présence ROY Présente 2026-12-15', plan: true, expect: ['Mme ROY : présente en salle.'] },
  // Membership.
  { line: '/devis cyber 10 non membre', expect: ['Devis : Pack « Cybersécurité », non-membre', '636,00 € TTC'] },
  { line: '/devis cyber 10 non-membre', expect: ['Devis : Pack « Cybersécurité », non-membre'] },
  { line: '/devis cyber 10 Non Membre', expect: ['Devis : Pack « Cybersécurité », non-membre'] },
  { line: '/devis cyber 10 membre', expect: ['Devis : Pack « Cybersécurité », membre'] },
  { line: '/devis cyber 10 membres', expect: ['Devis : Pack « Cybersécurité », membre'] },
  // « moi » for the asker.
  { line: '/presence moi présent 2026-12-15', as: 'M. PAYEN', plan: true, expect: ['M. PAYEN : présent en salle.'] },
  { line: '/presence moi-même excusée 2026-12-15', as: 'Mme ROY', plan: true, expect: ['Mme ROY : excusée.'] },
  {
    line: '/pouvoir donner moi VARLET 2026-12-15',
    as: 'M. PAYEN',
    plan: true,
    expect: ['Votre pouvoir à M. VARLET est transmis au secrétariat'],
  },
  {
    line: '/pouvoir donner VARLET 15 décembre',
    as: 'M. PAYEN',
    plan: true,
    expect: ['Votre pouvoir à M. VARLET est transmis au secrétariat'],
  },
  {
    line: '/presence moi présent 2026-12-15',
    plan: true,
    expect: ['« moi » non compris : votre compte', "n'est associé à aucun délégué"],
  },
  // Help however asked.
  { line: 'help', expect: ['Commandes de Séance'] },
  { line: '/help', expect: ['Commandes de Séance'] },
  { line: '?', expect: ['Commandes de Séance'] },
  { line: 'aide', expect: ['Commandes de Séance'] },
  {
    line: '/aide presence',
    expect: ['présente', 'en salle', 'visio', 'à distance', 'excusé·e', 'absent·e', '« moi » vous désigne'],
  },
  { line: '/aide devis', expect: ['non membre'] },
];

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('phrasings people use, through the dispatcher', () => {
  it('covers at least 40 phrasings', () => expect(rows.length).toBeGreaterThanOrEqual(40));
  it.each(rows.map((r) => [r.line + (r.as ? ` (${r.as})` : ''), r] as const))('%s', async (_, row) => {
    bot = await createTestBot();
    if (row.plan) expect(await bot.say(PLAN)).toContain('Séance planifiée');
    const out = nb(await bot.say(row.line, row.as));
    for (const e of row.expect) expect(out).toContain(e);
  });
});
