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
