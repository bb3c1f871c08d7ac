/** Autocomplete through the real client: delegates, services and sessions answered as type 8 callbacks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function choicesFor(input: Parameters<Harness['fake']['sendAutocomplete']>[0]) {
  const { callback } = await h.answer(h.fake.sendAutocomplete(input));
  expect(callback.body.type).toBe(8);
  const choices = callback.body.data.choices as { name: string; value: string }[];
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const c of choices) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(100);
    expect(c.value.length).toBeLessThanOrEqual(100);
  }
  return choices;
}

describe('Discord autocomplete', () => {
  it('suggests delegates from the roster, matching what is typed loosely', async () => {
    const choices = await choicesFor({
      name: 'pouvoir',
      subcommand: 'donner',
      options: { mandant: 'roy' },
      focused: 'mandant',
      userId: IDS.ROY,
    });
    expect(choices[0]).toMatchObject({ value: 'Mme ROY' });
    expect(choices[0]!.name).toContain('6 voix');
    const accents = await choicesFor({
      name: 'presence',
      options: { délégué: 'decle' },
      focused: 'délégué',
      userId: IDS.SECRETARIAT,
    });
    expect(accents.map((c) => c.value)).toContain('M. DECLÉ');
    const typo = await choicesFor({
      name: 'presence',
      options: { délégué: 'blokclet' },
      focused: 'délégué',
      userId: IDS.SECRETARIAT,
    });
    expect(typo.map((c) => c.value)).toContain('M. BLOCKLET');
  });

  it('offers at most 25 delegates when nothing is typed yet', async () => {
    const choices = await choicesFor({
      name: 'presence',
      options: { délégué: '' },
      focused: 'délégué',
      userId: IDS.SECRETARIAT,
    });
    expect(choices).toHaveLength(25);
  });

  it('suggests services from the catalogue, with their id as the value', async () => {
    const choices = await choicesFor({
      name: 'devis',
      options: { service: 'cyb' },
      focused: 'service',
      userId: IDS.MAIRIE,
    });
    expect(choices[0]).toEqual({ name: 'Pack « Cybersécurité »', value: expect.any(String) });
    const replyOk = await h.bot.hub.dispatcher.runLine(
      `/devis ${choices[0]!.value} 10 membre`,
      h.bot.hub.actorFor('discord', IDS.MAIRIE),
    );
    expect(replyOk.tone).not.toBe('error');
  });

  it('suggests sessions, upcoming first, by date or by title', async () => {
    await h.bot.ask('/seance planifier 2026-12-15 17:30 Amiens');
    const all = await choicesFor({ name: 'quorum', options: { séance: '' }, focused: 'séance', userId: IDS.PAYEN });
    expect(all.map((c) => c.value)).toEqual(['2026-12-15', '2024-10-07']);
    expect(all[1]!.name).toContain('Comité syndical du lundi 7 octobre 2024');
    const byDate = await choicesFor({
      name: 'quorum',
      options: { séance: '07/10' },
      focused: 'séance',
      userId: IDS.PAYEN,
    });
    expect(byDate.map((c) => c.value)).toEqual(['2024-10-07']);
  });

  it('offers « moi » first to a delegate naming a delegate, and not to an account without one', async () => {
    const payen = await choicesFor({
      name: 'pouvoir',
      subcommand: 'donner',
      options: { mandataire: '' },
      focused: 'mandataire',
      userId: IDS.PAYEN,
    });
    expect(payen[0]).toEqual({ name: 'moi (M. PAYEN)', value: 'moi' });
    expect(payen).toHaveLength(25);
    const typed = await choicesFor({
      name: 'presence',
      options: { délégué: 'mo' },
      focused: 'délégué',
      userId: IDS.PAYEN,
    });
    expect(typed[0]).toEqual({ name: 'moi (M. PAYEN)', value: 'moi' });
    const secretariat = await choicesFor({
      name: 'presence',
      options: { délégué: 'mo' },
      focused: 'délégué',
      userId: IDS.SECRETARIAT,
    });
    expect(secretariat.map((c) => c.value)).not.toContain('moi');
  });

  it("offers date phrases for a date: aujourd'hui, demain, the next sessions in words, and how the typed text is read", async () => {
    await h.bot.ask('/seance planifier 2026-12-15 17:30 Amiens'); // may exist already: the list is what matters
    const secretariat = h.bot.hub.actorFor('discord', IDS.SECRETARIAT);
    const plan = (date: string) =>
      choicesFor({
        name: 'seance',
        subcommand: 'planifier',
        options: { date },
        focused: 'date',
        userId: IDS.SECRETARIAT,
      });
    // The fake clock says Sunday 29 November 2026.
    const blank = await plan('');
    expect(blank.slice(0, 3)).toEqual([
      { name: "aujourd'hui (dimanche 29 novembre 2026)", value: "aujourd'hui" },
      { name: 'demain (lundi 30 novembre 2026)', value: 'demain' },
      { name: 'mardi 15 décembre 2026 (Comité syndical du mardi 15 décembre 2026)', value: 'mardi 15 décembre 2026' },
    ]);
    expect(blank.map((c) => c.value)).not.toContain('lundi 7 octobre 2024'); // past sessions are no date to plan
    expect((await plan('dem'))[0]!.value).toBe('demain');
    expect((await plan('15 dec'))[0]!.value).toBe('mardi 15 décembre 2026');
    const read = await plan('3 janvier');
    expect(read[0]).toEqual({
      name: 'dimanche 3 janvier 2027 (compris de « 3 janvier »)',
      value: 'dimanche 3 janvier 2027',
    });
    // Every value offered is a date the command reads.
    for (const c of [...blank.slice(0, 3), read[0]!]) {
      const r = await h.bot.hub.dispatcher.runLine(`/rappel ajouter ${c.value} 23:00 delegues Test`, secretariat);
      expect(r.tone, `${c.value}: ${r.title}`).not.toBe('error');
    }
  });

  it('answers an empty list for an option it does not complete', async () => {
    const choices = await choicesFor({
      name: 'aide',
      options: { commande: 'dev' },
      focused: 'commande',
      userId: IDS.PAYEN,
    });
    expect(choices).toEqual([]);
  });
});
