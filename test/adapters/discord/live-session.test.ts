/**
 * @module Issue 11's live message on Discord (real discord.js against the fake on 127.0.0.1): posted ONCE in the
 * secretariat's channel when the session opens, then edited in place (PATCH on that message) as the roll is
 * called, people arrive and leave, an item is withdrawn from and voted; closing leaves the closing time on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, startHarness, type Harness } from './harness.ts';

const DAY = '2026-12-15';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: { now: `${DAY}T08:00:00Z` } });
  expect(await h.bot.say(`/seance planifier ${DAY} 17:30 Amiens et visio`)).toContain('Séance planifiée');
  for (const t of ['Coffre-fort', 'Tarifs 2027', 'Adhésion de Doullens'])
    await h.bot.say(`/odj ajouter ${DAY} deliberation ${t}`);
});
afterAll(async () => {
  await h.close();
});

describe('the live message on Discord', () => {
  it('is posted once, edited in place at each change, and closed with the closing time', async () => {
    expect(await h.bot.say('/seance ouvrir 17:35')).toContain('La séance est ouverte à 17 h 35');
    const live = () =>
      h.fake.requests.filter(
        (r) =>
          r.method === 'POST' &&
          /\/channels\/[^/]+\/messages$/.test(r.path) &&
          bodyText(r.body).includes('Séance en direct'),
      );
    await expect.poll(() => live().length).toBe(1);
    for (const line of [
      '/appel salle VARLET PARSIS DELFOSSE DEMARCY LHOMME LEFEBVRE PAYEN THUEUX BEAUFILS DEFRANCE PENAUD MAILLE-BARBARE DECLÉ ROY WALIGORA BLOCKLET FOUCAULT DELETRE DEBEUGNY HAZARD POUPART MAILLE',
      '/appel distance "DE WAZIERS", FOURNIER',
      '/presence PINON arrive 17:50',
      '/point suivant',
      '/vote 1 unanimite',
      '/point suivant',
      '/point retrait DELFOSSE',
      '/vote 2 contre: LHOMME, ROY',
      '/presence PAYEN part 19:10 DEFRANCE',
      '/point 3',
    ])
      await h.bot.say(line);
    const edits = () =>
      h.fake.requests.filter((r) => r.method === 'PATCH' && /\/channels\/[^/]+\/messages\/[^/]+$/.test(r.path));
    const liveEdits = () => edits().filter((r) => bodyText(r.body).includes('Séance en direct'));
    await expect.poll(() => liveEdits().length).toBeGreaterThanOrEqual(10);
    expect(new Set(liveEdits().map((r) => r.path)).size).toBe(1);
    expect(live()).toHaveLength(1);
    await expect.poll(() => bodyText(liveEdits().at(-1)!.body)).toMatch(/Voix\s+60 sur 104/);

    expect(await h.bot.say('/seance lever 19:40')).toContain('La séance est levée à 19 h 40');
    const path = liveEdits()[0]!.path;
    await expect
      .poll(() =>
        bodyText(
          edits()
            .filter((r) => r.path === path)
            .at(-1)!.body,
        ),
      )
      .toContain('Séance levée à 19 h 40');
    const closed = edits()
      .filter((r) => r.path === path)
      .at(-1)!.body;
    expect(bodyText(closed)).toMatch(/60 sur 104/);
    expect(closed.components).toEqual([]);
  });
});
