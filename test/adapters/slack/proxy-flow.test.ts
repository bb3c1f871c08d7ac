/**
 * @module End to end (real Bolt on 127.0.0.1): a delegate declares a proxy in Slack, the request reaches the
 * secretariat channel with buttons, only the secretary's click counts; confirmation by plain message; the bot
 * ignores its own messages and other bots'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../helpers/fake-slack.ts';
import { closeSlackAgent } from '../../helpers/fake-slack.ts';
import { blockKitViolations, messageText } from './block-kit-limits.ts';
import { BOT_USER, SECRETARIAT, startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  // A session to come (the fake clock says 29 November 2026), with PARSIS present to hold a proxy.
  expect(await h.peek('/seance planifier 2026-12-14 17:30 Amiens')).toContain('Séance planifiée');
  expect(await h.peek('/presence PARSIS salle 2026-12-14')).toContain('Présence enregistrée');
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

const callsSince = (n: number, method: string) => h.fake.calls.slice(n).filter((c) => c.method === method);
const buttons = (call: ApiCall) =>
  ((call.body.blocks as any[]).find((b) => b.type === 'actions')?.elements ?? []) as {
    action_id: string;
    value: string;
  }[];

describe('proxy confirmation by button', () => {
  let request: ApiCall;
  const TS = '1700000123.000200';

  it("posts the delegate's declaration in the secretariat channel with Confirmer / Refuser", async () => {
    const { responses } = await h.command(USERS.roy, '/pouvoir donner ROY PARSIS');
    expect((responses[0]!.body as any).response_type).toBe('ephemeral');
    expect(messageText(responses[0]!.body)).toContain('Pouvoir déclaré, en attente de confirmation');
    request = await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === SECRETARIAT);
    expect(blockKitViolations(request.body)).toEqual([]);
    expect(messageText(request.body)).toContain('Mme ROY déclare donner pouvoir à M. PARSIS (6 voix).');
    expect(buttons(request).map((b) => [b.action_id, b.value])).toEqual([
      ['proxy.confirm', expect.stringMatching(/^\/pouvoir confirmer ROY 2026-12-14 demande:\S+Z$/)],
      ['proxy.refuse', expect.stringMatching(/^\/pouvoir refuser ROY 2026-12-14 demande:\S+Z$/)],
    ]);
  });

  it("refuses a non-secretary's click ephemerally and changes nothing", async () => {
    const before = h.fake.calls.length;
    for (const user of [USERS.payen, USERS.stranger]) {
      const { http, responses } = await h.click(user, buttons(request)[0]!, request, TS);
      expect(http.status).toBe(200);
      const body = responses[0]!.body as any;
      expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(messageText(body)).toMatch(/Accès refusé[\s\S]*(réservée à|consulter, pas modifier)/);
    }
    expect(callsSince(before, 'chat.update')).toEqual([]);
    expect(callsSince(before, 'chat.postMessage')).toEqual([]);
    expect(await h.peek('/pouvoirs 2026-12-14')).toContain('En attente de confirmation par le secrétariat');
  });

  it("confirms on the secretary's click: message updated with the outcome and who, DM to the delegate", async () => {
    const before = h.fake.calls.length;
    const { http } = await h.click(USERS.secretary, buttons(request)[0]!, request, TS);
    expect(http.status).toBe(200);
    const update = callsSince(before, 'chat.update')[0]!;
    expect(update.body).toMatchObject({ channel: SECRETARIAT, ts: TS });
    expect(blockKitViolations(update.body, { allowUserMentions: true })).toEqual([]);
    expect(buttons(update)).toEqual([]);
    const shown = messageText(update.body);
    expect(shown).toContain('Mme ROY déclare donner pouvoir à M. PARSIS');
    expect(shown).toContain('Pouvoir confirmé');
    expect(shown).toContain('Décision : Secrétariat de Somme Numérique (<@U0SECRET01>)');

    expect(callsSince(before, 'conversations.open')[0]!.body.users).toBe(USERS.roy);
    const dm = callsSince(before, 'chat.postMessage')[0]!;
    expect(dm.body.channel).toBe(`D${USERS.roy}`);
    expect(messageText(dm.body)).toContain(
      'Votre pouvoir à M. PARSIS pour la séance du lundi 14 décembre 2026 est confirmé',
    );
  });

  it('shows the confirmed proxy in /pouvoirs', async () => {
    const { responses } = await h.command(USERS.roy, '/pouvoirs 2026-12-14');
    const shown = messageText(responses[0]!.body);
    expect(shown).toMatch(/M\. PARSIS.*Mme ROY/);
    expect(shown).not.toContain('En attente');
  });
});

describe('proxy confirmation by plain message', () => {
  it('confirms when the secretary writes « confirmer PAYEN » in a DM to the bot', async () => {
    await h.command(USERS.payen, '/pouvoir donner PAYEN VARLET 2026-12-14');
    expect(await h.peek('/pouvoirs 2026-12-14')).toContain('En attente');
    const before = h.fake.calls.length;
    expect((await h.message(USERS.secretary, 'confirmer PAYEN')).status).toBe(200);
    const answer = callsSince(before, 'chat.postMessage').find((c) => c.body.channel === `D${USERS.secretary}`)!;
    expect(messageText(answer.body)).toContain(
      'Pouvoir de M. PAYEN à M. VARLET confirmé par Secrétariat de Somme Numérique.',
    );
    expect(callsSince(before, 'conversations.open').map((c) => c.body.users)).toEqual([USERS.payen]);
    expect(await h.peek('/pouvoirs 2026-12-14')).not.toContain('En attente');
  });

  it('records « pouvoir LHOMME DELFOSSE » written in the secretariat channel, answering in the thread', async () => {
    const before = h.fake.calls.length;
    await h.message(USERS.secretary, 'pouvoir LHOMME DELFOSSE', {
      channel: SECRETARIAT,
      channel_type: 'channel',
      ts: '1700000500.000100',
    });
    const answer = callsSince(before, 'chat.postMessage')[0]!;
    expect(answer.body).toMatchObject({ channel: SECRETARIAT, thread_ts: '1700000500.000100' });
    expect(messageText(answer.body)).toContain('Pouvoir enregistré');
  });

  it("answers a delegate's « confirmer » in the channel with an ephemeral refusal", async () => {
    const before = h.fake.calls.length;
    await h.message(USERS.roy, 'refuser PAYEN', { channel: SECRETARIAT, channel_type: 'channel' });
    expect(callsSince(before, 'chat.postMessage')).toEqual([]);
    const eph = callsSince(before, 'chat.postEphemeral')[0]!;
    expect(eph.body.user).toBe(USERS.roy);
    expect(messageText(eph.body)).toContain('réservée');
  });

  it('leaves ordinary talk in the secretariat channel alone', async () => {
    const before = h.fake.calls.length;
    await h.message(USERS.secretary, 'Bonjour à tous, la salle est réservée.', {
      channel: SECRETARIAT,
      channel_type: 'channel',
    });
    expect(h.fake.calls.length).toBe(before);
  });
});

describe('messages the bot must ignore', () => {
  it("ignores its own messages and other bots', and changes nothing", async () => {
    await h.peek('/seance planifier 2026-12-21 17:30 Amiens');
    await h.command(USERS.varlet, '/pouvoir donner VARLET PENAUD 2026-12-21');
    const pending = await h.peek('/pouvoirs 2026-12-21');
    expect(pending).toContain('En attente');
    const before = h.fake.calls.length;
    await h.message(BOT_USER, 'confirmer VARLET 2026-12-21');
    await h.message(BOT_USER, 'confirmer VARLET 2026-12-21', { bot_id: 'BFAKEBOT' });
    await h.message(undefined, 'confirmer VARLET 2026-12-21', {
      subtype: 'bot_message',
      bot_id: 'BOTHER01',
      username: 'autre bot',
    });
    await h.message('U0OTHERBOT', 'confirmer VARLET 2026-12-21', { bot_id: 'BOTHER02' });
    await h.message(USERS.secretary, 'confirmer VARLET 2026-12-21', {
      channel: SECRETARIAT,
      channel_type: 'channel',
      subtype: 'message_changed',
    });
    expect(h.fake.calls.length).toBe(before);
    expect(await h.peek('/pouvoirs 2026-12-21')).toBe(pending);
  });

  it('handles a redelivered event once', async () => {
    const before = h.fake.calls.length;
    const event = {
      type: 'message',
      channel: `D${USERS.roy}`,
      channel_type: 'im',
      user: USERS.roy,
      text: 'quorum 2024-10-07',
      ts: '1700000900.000100',
    };
    const { postEvent } = await import('../../helpers/fake-slack.ts');
    const { SIGNING_SECRET } = await import('./slack-harness.ts');
    await postEvent(h.url, SIGNING_SECRET, event, { event_id: 'EvSAME1' });
    await postEvent(h.url, SIGNING_SECRET, event, {
      event_id: 'EvSAME1',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(callsSince(before, 'chat.postMessage').length).toBe(1);
  });
});
