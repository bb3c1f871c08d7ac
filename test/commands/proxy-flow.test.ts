import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot();
  // A committee planned from chat, then its attendance, as a secretary would do before the session.
  expect(await bot.say('/seance planifier 2026-12-15 17:30 Salle de réunion, Amiens et visio')).toContain(
    'Séance planifiée',
  );
});
afterEach(async () => {
  await bot.close();
});

describe('a session planned from the console', () => {
  it('is listed and shown like a configured one, with its convocation deadline', async () => {
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*à venir/);
    expect(await bot.say('/odj')).toContain('mardi 15 décembre 2026 à 17 h 30');
    const planned = await bot.say('/seance planifier 2026-12-15 18:00');
    expect(planned).toContain('Une séance existe déjà');
  });
  it('tells the latest convocation date in jours francs', async () => {
    const r = await bot.say('/seance planifier 2027-03-12 17:30 Amiens');
    expect(r).toContain('au plus tard le samedi 6 mars 2027 (5 jours francs)');
  });
  it('refuses a date in the past', async () => {
    expect(await bot.say('/seance planifier 2020-01-01 17:30')).toContain('est passé');
  });
  it('takes agenda items and numbers the deliberations', async () => {
    await bot.say('/odj ajouter 2026-12-15 information Point sur le FEDER');
    const out = await bot.say('/odj ajouter 15/12/2026 délibération Budget primitif 2027');
    expect(out).toContain('1. Pour information : Point sur le FEDER');
    expect(out).toContain('2. Délibération n° 1 : Budget primitif 2027');
    expect(await bot.say('/odj 2026-12-15')).toContain('Budget primitif 2027');
  });
  it('a delegate cannot plan a session or change the agenda', async () => {
    expect(await bot.say('/seance planifier 2026-12-20 17:30', 'M. PAYEN')).toContain(
      'réservée à : secrétariat. Votre rôle : délégué',
    );
    expect(await bot.say('/odj ajouter 2026-12-15 information X', 'M. PAYEN')).toMatch(/réservée/);
  });
});

describe('proxies: declared by a delegate, confirmed by the secretariat', () => {
  it('goes pending, reaches the secretariat with buttons, then counts once confirmed', async () => {
    await bot.say('/presence PARSIS salle 2026-12-15');
    const declared = await bot.ask('/pouvoir donner ROY PARSIS 2026-12-15', 'Mme ROY');
    expect(declared.title).toContain('en attente de confirmation');
    expect(declared.visibility).toBe('ephemeral');
    const request = bot.delivered.at(-1)!;
    expect(request.to).toEqual({ kind: 'secretariat' });
    expect(request.reply.actions?.map((a) => a.value)).toEqual([
      expect.stringMatching(/^\/pouvoir confirmer ROY 2026-12-15 demande:\S+Z$/),
      expect.stringMatching(/^\/pouvoir refuser ROY 2026-12-15 demande:\S+Z$/),
    ]);
    expect(await bot.say('/pouvoirs 2026-12-15')).toContain('Mme ROY → M. PARSIS (déclaré par Mme ROY)');
    expect(await bot.say('/quorum 2026-12-15')).toMatch(/Pouvoirs\s+: aucun représenté/);

    expect(await bot.say('/pouvoir confirmer ROY 2026-12-15', 'M. PAYEN')).toMatch(/réservée/);
    const confirmed = await bot.say('/pouvoir confirmer ROY 2026-12-15');
    expect(confirmed).toContain('Pouvoir de Mme ROY à M. PARSIS confirmé par Console (secrétariat)');
    expect(bot.delivered.at(-1)!.to).toEqual({ kind: 'delegate', id: 'roy' });
    expect(await bot.say('/quorum 2026-12-15')).toMatch(/Pouvoirs\s+: 1 représenté\n/);
    expect(await bot.say('/pouvoirs 2026-12-15')).toMatch(/M\. PARSIS\s+Mme ROY\s+7/);
  });
  it('a delegate may declare only their own proxy', async () => {
    expect(await bot.say('/pouvoir donner ROY PARSIS 2026-12-15', 'M. PAYEN')).toContain(
      'ne peut déclarer que son propre pouvoir',
    );
  });
  it('the secretariat records directly; refusals cite the rule', async () => {
    expect(await bot.say('/pouvoir donner ROY PARSIS 2026-12-15')).toContain('Pouvoir enregistré');
    expect(await bot.say('/pouvoir donner DECLE PARSIS 2026-12-15')).toContain(
      "aucun membre ne peut disposer de plus d'un pouvoir de vote",
    );
    expect(await bot.say('/pouvoir donner ROY PAYEN 2026-12-15')).toContain('a déjà donné un pouvoir');
    expect(await bot.say('/pouvoir donner PARSIS PARSIS 2026-12-15')).toContain('ne peut pas se donner pouvoir');
    expect(await bot.say('/pouvoir donner PARSIS PAYEN 2026-12-15')).toMatch(/pas de pouvoir en cascade/i);
    expect(await bot.say('/pouvoir donner DECLE ROY 2026-12-15')).toMatch(/pas de pouvoir en cascade/i);
    await bot.say('/presence PAYEN excuse 2026-12-15');
    expect(await bot.say('/pouvoir donner DECLE PAYEN 2026-12-15')).toMatch(/Le mandataire doit être présent/);
    await bot.say('/presence LHOMME salle 2026-12-15');
    expect(await bot.say('/pouvoir donner LHOMME VARLET 2026-12-15')).toContain(
      'Un délégué présent ne donne pas de pouvoir',
    );
  });
  it('a refused request is removed and the delegate is told', async () => {
    await bot.say('/pouvoir donner "de waziers" PENAUD 2026-12-15', 'Mme DE WAZIERS');
    expect(await bot.say('/pouvoir refuser de waziers 2026-12-15')).toContain(
      'Pouvoir de Mme DE WAZIERS à M. PENAUD refusé',
    );
    expect(bot.delivered.at(-1)).toMatchObject({ to: { kind: 'delegate', id: 'de-waziers' } });
    expect(await bot.say('/pouvoirs 2026-12-15')).toContain('Aucun pouvoir enregistré');
  });
  it('marking the giver present later cancels the proxy and says so; the holder leaving stops it counting', async () => {
    await bot.say('/presence PARSIS salle 2026-12-15');
    await bot.say('/pouvoir donner ROY PARSIS 2026-12-15');
    expect(await bot.say('/presence PARSIS absent 2026-12-15')).toContain(
      "ne compte plus tant que M. PARSIS n'est pas présent",
    );
    expect(await bot.say('/pouvoirs 2026-12-15')).toContain(
      'Mme ROY → M. PARSIS : ne compte pas (M. PARSIS est absent)',
    );
    await bot.say('/presence PARSIS distance 2026-12-15');
    expect(await bot.say('/presence ROY salle 2026-12-15')).toContain('Le pouvoir de Mme ROY à M. PARSIS est annulé');
    expect(await bot.say('/quorum 2026-12-15')).toMatch(/Pouvoirs\s+: aucun représenté/);
  });
  it('a delegate may set only their own attendance; the journal records who changed what, from which door', async () => {
    expect(await bot.say('/presence PAYEN distance 2026-12-15', 'M. PAYEN')).toContain('présent à distance');
    expect(await bot.say('/presence ROY salle 2026-12-15', 'M. PAYEN')).toContain(
      'ne peut enregistrer que sa propre présence',
    );
    const journal = await bot.say('/journal 2026-12-15');
    expect(journal).toMatch(/M\. PAYEN\s+test\s+présence\s+M\. PAYEN : non renseigné → présent à distance/);
    expect(await bot.say('/journal 2026-12-15', 'M. VARLET')).toContain('Journal (2)'); // planned, then PAYEN's attendance
  });
  it('the seed session is closed: a change is refused unless rectified, then the quorum follows it', async () => {
    expect(await bot.say('/presence LHOMME absent 2024-10-07')).toContain('est levée et son procès-verbal arrêté');
    expect(await bot.say('/quorum 2024-10-07')).toContain('Quorum atteint');
    await bot.say('/seance rectifier 2024-10-07 Départ de Mme LHOMME omis');
    await bot.say('/presence LHOMME absent 2024-10-07');
    const out = await bot.say('/quorum 2024-10-07');
    expect(out).toContain('Quorum non atteint');
    expect(out).toMatch(/Comptés pour le quorum\s+: 22 délégués/);
    expect(out).toContain('il manque 2 délégués');
  });
});

describe('moving and cancelling a session from chat', () => {
  it('moves the session, keeps its record and agenda, journals it, and its reminders follow', async () => {
    await bot.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2027');
    await bot.say('/presence PARSIS salle 2026-12-15');
    const moved = await bot.say('/seance deplacer 2026-12-15 2026-12-17 18:00');
    expect(moved).toContain('aura lieu le jeudi 17 décembre 2026 à 18 h');
    expect(moved).toContain('au plus tard le vendredi 11 décembre 2026');
    expect(await bot.say('/odj 2026-12-17')).toContain('Budget primitif 2027');
    // The old date still names the moved session (a date people have in mind, or in an earlier message).
    expect(await bot.say('/odj 2026-12-15')).toContain('Comité syndical du jeudi 17 décembre 2026 à 18 h');
    expect(await bot.say('/quorum 2026-12-17')).toMatch(/Présents en salle\s+: 1/);
    expect(await bot.say('/journal 2026-12-17')).toContain('séance déplacée');
    const reminders = await bot.say('/rappels');
    expect(reminders).toContain('17 décembre 2026');
    expect(reminders).not.toContain('du mardi 15 décembre 2026');
  });
  it("refuses to move onto another session's date, or into the past", async () => {
    await bot.say('/seance planifier 2026-12-20 17:30 Amiens');
    expect(await bot.say('/seance deplacer 2026-12-15 2026-12-20 18:00')).toContain('Une séance existe déjà');
    expect(await bot.say('/seance deplacer 2026-12-15 2025-12-20 18:00')).toContain('est passé');
    expect(await bot.say('/seance deplacer 2024-10-07 2026-12-21 18:00')).toContain(
      'est levée et son procès-verbal arrêté',
    );
  });
  it('cancels the session: listed as cancelled, no reminder left for it', async () => {
    expect(await bot.say('/seance annuler 2026-12-15', 'M. PAYEN')).toContain('réservée');
    expect(await bot.say('/seance annuler 2026-12-15 confirmer')).toContain(
      'ses rappels et sa convocation ne partiront pas',
    );
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*annulée/);
    expect(await bot.say('/rappels')).not.toContain('15 décembre 2026');
    expect(await bot.say('/seance annuler 2026-12-15 confirmer')).toMatch(/est annulée\n\nLa rétablir d'abord/);
  });
});
