/**
 * @module Convocation answers on Discord (real discord.js against the fake on 127.0.0.1): the convocation the
 * bot sends reaches each delegate by DM with buttons; three delegates answer by button (salle, distance, a proxy
 * chosen from the list), the secretariat confirms it by button; /quorum forecasts; the J-2 alert goes once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, expectValidMessage, IDS, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: { now: '2026-12-04T10:00:00Z' } });
  expect(await h.bot.say('/seance planifier 2026-12-15 17:30 Amiens et visio')).toContain('Séance planifiée');
});
afterAll(async () => {
  await h.close();
});

const buttons = (body: any): { custom_id: string; label: string }[] =>
  (body?.components ?? []).flatMap((row: any) => row.components);
const dmPosts = (userId: string) =>
  h.fake.requests.filter(
    (r) => r.method === 'POST' && r.path === `/channels/${h.fake.dmChannelFor(userId).id}/messages`,
  );
const click = async (userId: string, customId: string) => h.answer(h.fake.sendButton({ customId, userId, dm: true }));
const idFor = (body: any, label: string) => buttons(body).find((b) => b.label === label)!.custom_id;

describe('answering the convocation by button on Discord', () => {
  it('the bot sends the convocation at its time: a DM with the four answer buttons to each delegate Discord can reach', async () => {
    h.bot.clock.set(new Date('2026-12-09T08:00:00Z'));
    await h.bot.hub.reminders.tick();
    for (const id of [IDS.VARLET, IDS.PARSIS, IDS.PAYEN, IDS.ROY]) {
      const dm = dmPosts(id).find((r) => buttons(r.body).length)!;
      expectValidMessage(dm.body);
      expect(bodyText(dm.body)).toContain('Convocation : Comité syndical du mardi 15 décembre 2026');
      expect(buttons(dm.body).map((b) => b.label)).toEqual([
        'Présent(e) en salle',
        'À distance',
        'Excusé(e)',
        'Je donne pouvoir…',
      ]);
      expect(dm.body.allowed_mentions.parse).toEqual([]);
    }
    expect(await h.bot.say('/convocation 2026-12-15')).toMatch(
      /mercredi 9 décembre 2026 à 9 h par le bot \(console, Discord\)/,
    );
  });

  it('PARSIS answers « salle » and PAYEN « à distance »: private answers, the DM keeps its buttons', async () => {
    for (const [id, label, said] of [
      [IDS.PARSIS, 'Présent(e) en salle', 'présent en salle'],
      [IDS.PAYEN, 'À distance', 'présent à distance'],
    ] as const) {
      const dm = dmPosts(id).find((r) => buttons(r.body).length)!;
      const { callback, message } = await click(id, idFor(dm.body, label));
      expect(callback.body.type).toBe(4);
      expect(message.flags).toBe(64);
      expect(bodyText(message)).toContain(`Réponse enregistrée : ${said}`);
    }
    expect(h.fake.requests.some((r) => r.body?.type === 7)).toBe(false);
  });

  it('ROY gives her proxy: « Je donne pouvoir… », then PARSIS from the list; the secretary confirms with the button', async () => {
    const dm = dmPosts(IDS.ROY).find((r) => buttons(r.body).length)!;
    const list = await click(IDS.ROY, idFor(dm.body, 'Je donne pouvoir…'));
    expect(list.message.flags).toBe(64);
    expect(bodyText(list.message)).toContain('À qui donnez-vous pouvoir ?');
    expect(
      buttons(list.message)
        .slice(0, 2)
        .map((b) => b.label),
    ).toEqual(['M. PARSIS', 'M. PAYEN']);
    expectValidMessage(list.message);

    const chosen = await click(IDS.ROY, idFor(list.message, 'M. PARSIS'));
    expect(bodyText(chosen.message)).toContain('vous donnez pouvoir à M. PARSIS ; le secrétariat le confirmera');
    const request = await h.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${h.fake.secretariatChannelId}/messages` &&
        bodyText(r.body).includes('Mme ROY annonce'),
    );
    const confirmed = await h.answer(
      h.fake.sendButton({ customId: idFor(request.body, 'Confirmer'), userId: IDS.SECRETARIAT }),
    );
    expect(confirmed.callback.body.type).toBe(7);
    expect(bodyText(confirmed.message)).toContain('confirmé par Secrétariat de Somme Numérique');
    expect((await h.bot.hub.records.record('2026-12-15')).proxies).toMatchObject([
      { giver: 'roy', holder: 'parsis', status: 'confirmed' },
    ]);
  });

  it('/quorum shows the forecast with those answers; the J-2 alert goes to the secretariat once', async () => {
    const q = await h.bot.say('/quorum 2026-12-15');
    expect(q).toMatch(/Présents annoncés\s+: 2 \(1 en salle, 1 à distance\)/);
    expect(q).toMatch(/Pouvoirs annoncés\s+: 1/);
    expect(q).toContain('quorum non atteint : 3 sur 24 délégués, il en manque 21');

    const alerts = () =>
      h.fake.requests.filter(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${h.fake.secretariatChannelId}/messages` &&
          bodyText(r.body).includes('Quorum compromis'),
      );
    for (const iso of ['2026-12-13T08:00:00Z', '2026-12-13T08:01:00Z', '2026-12-13T09:00:00Z']) {
      h.bot.clock.set(new Date(iso));
      await h.bot.hub.reminders.tick();
    }
    expect(alerts()).toHaveLength(1);
    expect(bodyText(alerts()[0]!.body)).toContain('Sans réponse (44)');
    expect(dmPosts(IDS.VARLET).filter((r) => bodyText(r.body).includes('votre réponse ?'))).toHaveLength(1);
    expect(dmPosts(IDS.PARSIS).filter((r) => bodyText(r.body).includes('votre réponse ?'))).toHaveLength(0);
  });
});
