/**
 * @module End to end (real Bolt on 127.0.0.1): forged or stale requests are refused and change nothing, an unmapped
 * Slack user changes nothing, user text never becomes a mention or a link, and logs never hold a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import {
  blockActionPayload,
  closeSlackAgent,
  nowSeconds,
  postEvent,
  postInteraction,
  postSigned,
} from '../../helpers/fake-slack.ts';
import { blockKitViolations, messageText } from './block-kit-limits.ts';
import {
  BOT_TOKEN,
  BOT_USER,
  SECRETARIAT,
  SIGNING_SECRET,
  startSlackHarness,
  USERS,
  type SlackHarness,
} from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ logLevel: LogLevel.DEBUG });
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

const QUORUM = '/quorum 2024-10-07';
const rawOf = (x: unknown) => JSON.stringify(x);

describe('request signatures', () => {
  it('refuses a bad signature and a 6-minute-old timestamp with 401, changing nothing', async () => {
    const before = await h.peek(QUORUM);
    const calls = h.fake.received.length;
    for (const opts of [{ badSignature: true }, { timestamp: nowSeconds() - 360 }, { omitHeaders: true }]) {
      const { http, responses } = await h.command(USERS.secretary, '/presence ROY salle 2024-10-07', opts);
      expect(http.status).toBe(401);
      expect(responses).toEqual([]);
      const click = blockActionPayload({
        action_id: 'proxy.confirm',
        value: '/presence ROY salle 2024-10-07',
        user_id: USERS.secretary,
        response_url: h.fake.responseUrl(),
      });
      expect((await postInteraction(h.url, SIGNING_SECRET, click, opts)).status).toBe(401);
      const dm = {
        type: 'message',
        channel: 'DX',
        channel_type: 'im',
        user: USERS.secretary,
        text: '/presence ROY salle 2024-10-07',
        ts: '1700000001.000001',
      };
      expect((await postEvent(h.url, SIGNING_SECRET, dm, opts)).status).toBe(401);
    }
    expect(h.fake.received.length).toBe(calls);
    expect(await h.peek(QUORUM)).toBe(before);
    // The same command correctly signed does change the record (the session is closed: a rectification allows
    // one change): the refusals above were the signature's doing.
    await h.peek('/seance rectifier 2024-10-07 essai de signature');
    const { http } = await h.command(USERS.secretary, '/presence ROY salle 2024-10-07');
    expect(http.status).toBe(200);
    expect(await h.peek(QUORUM)).not.toBe(before);
    await h.peek("/seance rectifier 2024-10-07 retour à l'état initial");
    await h.command(USERS.secretary, '/presence ROY excuse 2024-10-07');
  });
});

describe('a signed request with an empty payload', () => {
  it('is answered 400 at once (Bolt alone left the connection open), and the door still answers', async () => {
    const FORM = 'application/x-www-form-urlencoded';
    for (const [body, type] of [
      ['payload=null', FORM],
      ['null', 'application/json'],
      ['payload=7', FORM],
      // The key percent-encoded: Bolt's parser decodes it, so the check must too.
      ['team_id=T1&payl%6Fad=null', FORM],
    ] as const) {
      const res = await postSigned(h.url, SIGNING_SECRET, body, type, { timeoutMs: 20_000 });
      expect(res.status, body).toBe(400);
    }
    // Unsigned, it is Bolt's to refuse, as any unsigned request.
    expect((await postSigned(h.url, SIGNING_SECRET, 'payload=null', FORM, { badSignature: true })).status).toBe(401);
    expect(h.logs.filter((l) => l.msg === 'slack: signed request with an empty payload, answered 400')).toHaveLength(4);
    expect((await h.command(USERS.payen, QUORUM)).http.status).toBe(200);
  });
});

describe('an unmapped Slack user', () => {
  it('can read but gets a French refusal for any change, and changes nothing', async () => {
    const before = await h.peek(QUORUM);
    const read = await h.command(USERS.stranger, QUORUM);
    expect((read.responses[0]!.body as any).response_type).toBe('in_channel');
    for (const line of [
      '/presence ROY salle 2024-10-07',
      '/pouvoir donner ROY PARSIS',
      '/pouvoir confirmer ROY 2024-10-07',
      '/seance planifier 2027-01-11 17:30',
    ]) {
      const { responses } = await h.command(USERS.stranger, line);
      const body = responses[0]!.body as any;
      expect(body.response_type, line).toBe('ephemeral');
      expect(messageText(body), line).toMatch(/Accès refusé[\s\S]*(vous pouvez consulter, pas modifier|réservée à)/i);
    }
    const start = h.fake.calls.length;
    await h.message(USERS.stranger, 'refuser ROY 2024-10-07');
    const answer = h.fake.calls.slice(start).find((c) => c.method === 'chat.postMessage')!;
    expect(messageText(answer.body)).toContain('Accès refusé');
    expect(await h.peek(QUORUM)).toBe(before);
  });
});

describe('injection attempts', () => {
  it('escapes mentions and links typed in a slash command', async () => {
    const attempts: [line: string, visible: string][] = [
      ['/devis <!channel> 3', '<!channel>'],
      ['/pouvoir donner <@U123> PARSIS', '<@U123>'],
      ['/devis <https://evil.example|ici> 2', '<https://evil.example'],
      ['/tarifs <!here|here> & co', '<!here'],
    ];
    for (const [line, visible] of attempts) {
      const { responses } = await h.command(USERS.roy, line);
      for (const r of responses) {
        expect(rawOf(r.body), line).not.toMatch(/<[!@#h]/);
        expect(blockKitViolations(r.body), line).toEqual([]);
      }
      expect(messageText(responses[0]!.body), line).toContain(visible); // shown as typed, as plain text
    }
  });

  it('escapes a mention typed in a message and a title stored then shown to everyone', async () => {
    const start = h.fake.calls.length;
    await h.message(USERS.roy, 'devis <!channel> 3');
    await h.command(USERS.secretary, '/seance planifier 2026-12-14 17:30 <!here> salle');
    await h.command(
      USERS.secretary,
      '/odj ajouter 2026-12-14 information <!channel> & <@U0ROY00001> <https://evil.example|ici>',
    );
    const shown = await h.command(USERS.roy, '/odj 2026-12-14');
    expect(messageText(shown.responses[0]!.body)).toContain('<!channel> & <@U0ROY00001>');
    for (const c of [...h.fake.calls.slice(start), ...h.fake.responses]) {
      const body = c.body as Record<string, unknown>;
      expect(rawOf(body)).not.toMatch(/<[!@#h]/);
    }
  });
});

describe('logs', () => {
  it('never contain the bot token or the signing secret, even at debug level', async () => {
    await h.message(USERS.secretary, 'pouvoir ROY PARSIS', { channel: SECRETARIAT, channel_type: 'channel' });
    await h.message(BOT_USER, 'hello');
    const all = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(5);
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toMatch(/xox[bp]-/);
  });
});
