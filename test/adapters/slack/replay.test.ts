/** Replay protection (issue 17): a signed Slack request, or an event Slack retries, runs once. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../../src/infra/clock.ts';
import {
  closeSlackAgent,
  eventEnvelope,
  nowSeconds,
  postSigned,
  slashCommandBody,
  type ApiCall,
} from '../../helpers/fake-slack.ts';
import { messageText } from './block-kit-limits.ts';
import { BOT_USER, SECRETARIAT, SIGNING_SECRET, startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(() => closeSlackAgent());

const FORM = 'application/x-www-form-urlencoded';

describe('Slack replays', () => {
  it('the same signed /rappel ajouter sent 3 times makes one reminder', async () => {
    h = await startSlackHarness();
    const body = slashCommandBody({
      command: '/rappel',
      text: 'ajouter 2026-12-10 09:00 secretariat Relancer les pouvoirs',
      user_id: USERS.secretary,
      response_url: h.fake.responseUrl('r'),
    });
    const timestamp = nowSeconds();
    const acks = [];
    for (let i = 0; i < 3; i++) acks.push(await postSigned(h.url, SIGNING_SECRET, body, FORM, { timestamp }));
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200]);
    // The first is answered in its ack; the replays get an empty ack and nothing else.
    expect(JSON.stringify(acks[0]!.json)).toContain('Rappel n° 1');
    expect(acks.slice(1).map((a) => a.body)).toEqual(['', '']);
    expect(h.fake.responses.filter((r) => r.id === 'r')).toEqual([]);
    const list = await h.peek('/rappels');
    expect(list).toContain('Relancer les pouvoirs');
    expect(list.split('Relancer les pouvoirs')).toHaveLength(2);
    expect(h.logs.filter((l) => l.msg.startsWith('slack: request already handled'))).toHaveLength(2);

    // A new request (new timestamp, so a new signature) with the same text is a new command.
    const again = await postSigned(h.url, SIGNING_SECRET, body, FORM, { timestamp: timestamp + 1 });
    expect(JSON.stringify(again.json)).toContain('Rappel n° 2');
  });

  it('an event Slack retries (x-slack-retry-num, new signature) is answered once', async () => {
    h = await startSlackHarness();
    const envelope = eventEnvelope(
      {
        type: 'message',
        channel: `D${USERS.payen}`,
        channel_type: 'im',
        text: '/tarifs',
        ts: '1700000000.000001',
        user: USERS.payen,
      },
      { bot_user_id: BOT_USER },
    );
    const raw = JSON.stringify(envelope);
    const t = nowSeconds();
    await postSigned(h.url, SIGNING_SECRET, raw, 'application/json', { timestamp: t });
    await postSigned(h.url, SIGNING_SECRET, raw, 'application/json', {
      timestamp: t + 1,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === `D${USERS.payen}`)).toHaveLength(1);
  });
});

const buttons = (call: ApiCall) =>
  ((call.body.blocks as { type: string; elements?: unknown[] }[]).find((b) => b.type === 'actions')?.elements ??
    []) as { action_id: string; value: string }[];

describe('a stale « Refuser »', () => {
  it('cannot refuse a newer declaration of the same delegate', async () => {
    h = await startSlackHarness();
    await h.peek('/seance planifier 2026-12-14 17:30 Amiens');
    await h.peek('/presence PARSIS salle 2026-12-14');
    const requestTo = async (before: number) =>
      h!.fake.waitForCall(
        'chat.postMessage',
        (c) => c.body.channel === SECRETARIAT && h!.fake.calls.indexOf(c) >= before,
      );

    let before = h.fake.calls.length;
    await h.command(USERS.roy, '/pouvoir donner ROY PARSIS 2026-12-14');
    const first = await requestTo(before);
    const refuseFirst = buttons(first).find((b) => b.action_id === 'proxy.refuse')!;
    await h.click(USERS.secretary, refuseFirst, first, '1700000100.000100');
    expect(await h.peek('/pouvoirs 2026-12-14')).not.toContain('Mme ROY → M. PARSIS');

    (h.hub.clock as FakeClock).advance(60_000);
    before = h.fake.calls.length;
    await h.command(USERS.roy, '/pouvoir donner ROY PARSIS 2026-12-14');
    const second = await requestTo(before);
    expect(buttons(second).find((b) => b.action_id === 'proxy.refuse')!.value).not.toBe(refuseFirst.value);

    // The first request's button, clicked again (its copy elsewhere, or a captured click sent anew).
    const stale = await h.click(USERS.secretary, refuseFirst, first, '1700000100.000100');
    const answer = messageText(stale.responses[0]!.body);
    expect(answer).toMatch(/^❌ Ce bouton concerne une demande de pouvoir de Mme ROY déjà traitée\n/);
    expect(answer).toContain('Une nouvelle déclaration est en attente');
    expect(await h.peek('/pouvoirs 2026-12-14')).toContain('En attente');

    // The newer request's own button decides it.
    await h.click(
      USERS.secretary,
      buttons(second).find((b) => b.action_id === 'proxy.refuse')!,
      second,
      '1700000200.000100',
    );
    expect(await h.peek('/pouvoirs 2026-12-14')).not.toContain('En attente');
  });
});
