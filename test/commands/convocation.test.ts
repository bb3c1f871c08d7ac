/** @module /convocation: deadline, compliance of the recorded sending, draft letter with the agenda. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, reader, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('/convocation', () => {
  it('for 7 October 2024 convened on 30 September: 6 jours francs, compliant at 5', async () => {
    bot = await createTestBot();
    const text = await bot.say('/convocation 2024-10-07', reader);
    expect(text).toMatch(/À envoyer au plus tard le\s+: mardi 1er octobre 2024/);
    expect(text).toContain('lundi 30 septembre 2024 — 6 jours francs : délai respecté (5 requis)');
    expect(text).toContain('statuts du syndicat mixte (à défaut, CGCT, article L2121-12)');
  });

  it('drafts the letter with the agenda titles, never the outcomes of a past session', async () => {
    bot = await createTestBot();
    const text = await bot.say('/convocation 2024-10-07');
    expect(text).toContain(
      "J'ai l'honneur de vous convoquer à la réunion du Comité syndical de Somme Numérique, qui se tiendra le lundi 7 octobre 2024 à 17 h 30",
    );
    expect(text).toContain('8. Service mutualisé de coffre-fort de mots de passe');
    expect(text).not.toContain("Adoptée à l'unanimité");
    expect(text).toContain('Le Président, M. VARLET');
  });

  it('for a planned session: deadline in jours francs and no sending recorded', async () => {
    bot = await createTestBot({ now: '2026-03-01T10:00:00Z' });
    await bot.say('/seance planifier 2026-03-12 17:30 Amiens et visio');
    await bot.say('/odj ajouter 2026-03-12 deliberation Budget primitif 2026');
    const text = await bot.say('/convocation 2026-03-12');
    expect(text).toMatch(/À envoyer au plus tard le\s+: vendredi 6 mars 2026/);
    expect(text).toMatch(/Envoi enregistré\s+: aucun/);
    expect(text).toContain('1. Budget primitif 2026');
    expect(text).toMatch(/En cas d'urgence\s+: 1 jour franc, soit au plus tard le mardi 10 mars 2026/);
  });
});
