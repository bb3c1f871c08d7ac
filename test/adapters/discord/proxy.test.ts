/** Proxy confirmation on Discord: the request posted with buttons in the secretariat channel, clicks, and DMs. */
import { afterEach, describe, expect, it } from 'vitest';
import { bodyText, expectValidMessage, IDS, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SESSION = '2026-12-15';

async function setup(): Promise<Harness> {
  const harness = await startHarness();
  await harness.bot.ask(`/seance planifier ${SESSION} 17:30 Amiens`);
  harness.fake.reset(); // keep only what follows in the recorded requests
  return harness;
}

const proxyStatus = async (harness: Harness, giverLastName: string) => {
  const giver = harness.bot.config.roster.find((d) => d.lastName === giverLastName)!;
  return (await harness.bot.hub.records.record(SESSION)).proxies.find((p) => p.giver === giver.id)?.status;
};

/** ROY declares her proxy to PARSIS with the slash command; resolves with the request posted in the secretariat channel. */
async function declare(harness: Harness) {
  const sent = harness.fake.sendCommand({
    name: 'pouvoir',
    subcommand: 'donner',
    options: { mandant: 'ROY', mandataire: 'PARSIS' },
    userId: IDS.ROY,
  });
  const { message } = await harness.answer(sent);
  expect(message.flags).toBe(64);
  expect(message.embeds[0].title).toBe('Pouvoir déclaré, en attente de confirmation');
  const post = await harness.fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${harness.fake.secretariatChannelId}/messages`,
  );
  expectValidMessage(post.body);
  return post;
}

const dmTo = (harness: Harness, userId: string) =>
  harness.fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${harness.fake.dmChannelFor(userId).id}/messages`,
  );

describe('proxy confirmation on Discord', () => {
  it("posts the request with Confirmer / Refuser buttons; refuses a delegate's click; the secretary's click confirms, updates the message and DMs the delegate", async () => {
    h = await setup();
    const post = await declare(h);
    expect(bodyText(post.body)).toContain('Mme ROY déclare donner pouvoir à M. PARSIS');
    const buttons = post.body.components.flatMap((row: any) => row.components);
    expect(buttons.map((b: any) => [b.label, b.style])).toEqual([
      ['Confirmer', 1],
      ['Refuser', 4],
    ]);
    expect(post.body.allowed_mentions.parse).toEqual([]);
    expect(await proxyStatus(h, 'ROY')).toBe('pending');
    const confirm = buttons[0].custom_id as string;

    // A delegate's click: refused privately, nothing changes.
    const byPayen = h.fake.sendButton({ customId: confirm, userId: IDS.PAYEN });
    expect(byPayen.payload.message.embeds[0].title).toBe('Demande de pouvoir à confirmer');
    const refused = await h.answer(byPayen);
    expect(refused.callback.body.type).toBe(4);
    expect(refused.message.flags).toBe(64);
    expect(bodyText(refused.message)).toContain('réservée à');
    expect(await proxyStatus(h, 'ROY')).toBe('pending');
    expect(h.fake.requests.some((r) => r.body?.type === 7)).toBe(false);

    // The secretary's click: the message is updated with the outcome and who decided, without buttons.
    // (The same message: the fake would otherwise pick the bot's last message, the refusal above.)
    const bySecretary = h.fake.sendButton({
      customId: confirm,
      userId: IDS.SECRETARIAT,
      message: byPayen.payload.message,
    });
    const updated = await h.answer(bySecretary);
    expect(updated.callback.body.type).toBe(7);
    expect(updated.message.components).toEqual([]);
    expectValidMessage(updated.message);
    const text = bodyText(updated.message);
    expect(text).toContain('Mme ROY déclare donner pouvoir à M. PARSIS');
    expect(text).toContain('Pouvoir confirmé');
    expect(text).toContain('confirmé par Secrétariat de Somme Numérique');
    expect(updated.message.allowed_mentions.parse).toEqual([]);
    expect(await proxyStatus(h, 'ROY')).toBe('confirmed');

    // The delegate hears of it by DM.
    const dm = await dmTo(h, IDS.ROY);
    expect(h.fake.requests.find((r) => r.path === '/users/@me/channels')?.body).toEqual({ recipient_id: IDS.ROY });
    expect(dm.body.embeds[0].title).toBe('Pouvoir confirmé');
    expect(dm.body.flags ?? 0).toBe(0);
    expect(dm.body.allowed_mentions.parse).toEqual([]);
  });

  it('lets the secretary refuse with the button', async () => {
    h = await setup();
    const post = await declare(h);
    const refuse = post.body.components[0].components[1].custom_id;
    const updated = await h.answer(h.fake.sendButton({ customId: refuse, userId: IDS.SECRETARIAT }));
    expect(updated.callback.body.type).toBe(7);
    expect(bodyText(updated.message)).toContain('refusé par Secrétariat de Somme Numérique');
    expect(await proxyStatus(h, 'ROY')).toBeUndefined();
    expect(bodyText((await dmTo(h, IDS.ROY)).body)).toContain('a été refusé');
  });

  it('lets the secretary confirm by direct message (« confirmer ROY »), through the same command path', async () => {
    h = await setup();
    await declare(h);
    const dm = h.fake.sendMessage({ content: 'confirmer ROY', authorId: IDS.SECRETARIAT, dm: true });
    const answer = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`,
    );
    expect(answer.body.embeds[0].title).toBe('Pouvoir confirmé');
    expect(answer.body.message_reference.message_id).toBe(dm.id);
    expect(answer.body.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    expect(await proxyStatus(h, 'ROY')).toBe('confirmed');
    expect((await dmTo(h, IDS.ROY)).body.embeds[0].title).toBe('Pouvoir confirmé');
  });

  it("lets a delegate declare by DM and refuses a delegate's « confirmer » by DM", async () => {
    h = await setup();
    const declared = h.fake.sendMessage({ content: 'pouvoir donner ROY PARSIS', authorId: IDS.ROY, dm: true });
    const answer = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${declared.channel_id}/messages`,
    );
    expect(answer.body.embeds[0].title).toBe('Pouvoir déclaré, en attente de confirmation');
    await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${h!.fake.secretariatChannelId}/messages`,
    );

    const attempt = h.fake.sendMessage({ content: '/pouvoir confirmer ROY', authorId: IDS.PAYEN, dm: true });
    const refusal = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${attempt.channel_id}/messages`,
    );
    expect(bodyText(refusal.body)).toContain('réservée à');
    expect(await proxyStatus(h, 'ROY')).toBe('pending');
  });

  it('answers a button it does not know with a private notice', async () => {
    h = await setup();
    await declare(h);
    const answer = await h.answer(h.fake.sendButton({ customId: 'act#inconnu', userId: IDS.SECRETARIAT }));
    expect(answer.message.flags).toBe(64);
    expect(answer.message.embeds[0].title).toBe('Bouton périmé');
  });
});
