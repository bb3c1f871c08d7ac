/**
 * A session moved with /seance deplacer is still found by its old date: the date a secretary has in mind, the
 * one printed by /seance planifier, or the one in the convocation's answer buttons sent before the move.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ now: '2026-11-29T10:00:00Z' });
  await bot.say('/seance planifier 2026-12-15 17:30 Salle du conseil, Amiens et visio');
  await bot.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2027');
  expect(await bot.say('/seance deplacer 2026-12-15 2026-12-17 18:00')).toContain('Séance déplacée');
});
afterEach(() => bot.close());

describe('a moved session', () => {
  it('/odj ajouter with its old date adds to it, under its new date', async () => {
    const added = await bot.say("/odj ajouter 2026-12-15 information Rapport d'activité 2026");
    expect(added).toContain("Point ajouté à l'ordre du jour");
    expect(added).toContain('jeudi 17 décembre 2026 à 18 h');
    expect(added).toContain("2. Pour information : Rapport d'activité 2026");
    expect(await bot.say('/odj 2026-12-17')).toContain("Rapport d'activité 2026");
    expect(await bot.say('/odj ajouter 2026-12-17 deliberation Tarifs 2027')).toContain(
      '3. Délibération n° 2 : Tarifs 2027',
    );
  });

  it('moved twice, both old dates still find it; /odj retirer and a delegate’s answer too', async () => {
    await bot.say('/seance deplacer 2026-12-17 2026-12-18 18:00');
    expect(await bot.say('/odj ajouter 2026-12-15 deliberation Tarifs 2027')).toContain('vendredi 18 décembre 2026');
    expect(await bot.say('/odj retirer 2026-12-17 1')).toContain('« Budget primitif 2027 » → retiré');
    expect(await bot.say('/reponse salle 2026-12-15', 'M. PAYEN')).toContain('vendredi 18 décembre 2026');
  });

  it('a session planned again on the old date takes it back', async () => {
    expect(await bot.say('/seance planifier 2026-12-15 09:00 Mairie')).toContain('Séance planifiée');
    const added = await bot.say('/odj ajouter 2026-12-15 deliberation Autre point');
    expect(added).toContain('mardi 15 décembre 2026 à 9 h');
    expect(added).toContain('1. Délibération n° 1 : Autre point');
    expect(await bot.say('/odj 2026-12-17')).not.toContain('Autre point');
  });
});
