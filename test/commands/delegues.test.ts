import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

describe('/delegues', () => {
  it('lists the roster by member body with votes, attendance and proxies', async () => {
    const out = await bot.say('/delegues');
    expect(out).toMatch(/^Délégués \(47 en exercice, 107 voix\)/);
    expect(out).toContain('Présence et pouvoirs : Comité syndical du lundi 7 octobre 2024');
    expect(out).toContain('Amiens Métropole : 6 délégués, 36 voix');
    expect(out).toMatch(/Mme ROY\s+6\s+excusée\s+donné à M\. PARSIS\n/);
    expect(out).toMatch(/M\. PARSIS Laurent\s+1\s+présent en salle\s+détient celui de Mme ROY\n/);
    expect(out).toMatch(/M\. VARLET Philippe \(président\)\s+6/);
  });
  it('shows one member body, and pending proxies of the next session', async () => {
    await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
    await bot.say('/presence VARLET salle 2026-12-15');
    await bot.say('/pouvoir donner moi VARLET', 'Mme ROY');
    const out = await bot.say('/delegues amiens metropole');
    expect(out).toMatch(/^Délégués \(6 en exercice, 36 voix\)/);
    expect(out).not.toContain('PARSIS');
    expect(out).toContain('mardi 15 décembre 2026');
    expect(out).toMatch(/Mme ROY\s+6\s+non renseigné\s+donné à M\. VARLET \(en attente\)/);
  });
  it('names the member bodies when the one asked is unknown', async () => {
    const unknown = await bot.say('/delegues Picardie');
    expect(unknown).toMatch(/^✗ Membre inconnu : « Picardie »\n/);
    expect(unknown).toContain('Membres : Département de la Somme, Amiens Métropole ou EPCI membres.');
  });
});
