/**
 * @module End to end: the door starts and keeps answering while the Slack Web API is down, logs it clearly, reconnects,
 * acks before a slow command finishes, is started by `startChatDoors`, and delivers only where it can.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseDoorSettings } from '../../../src/app/settings.ts';
import { startChatDoors } from '../../../src/app/start-doors.ts';
import { startSlackDoor } from '../../../src/adapters/slack/slack-door.ts';
import { commands } from '../../../src/commands/index.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { reply, text } from '../../../src/core/reply.ts';
import {
  closeSlackAgent,
  commandAnswer,
  postSlashCommand,
  startFakeSlack,
  type FakeSlack,
} from '../../helpers/fake-slack.ts';
import { createTestBot } from '../../helpers/test-bot.ts';
import { messageText } from './block-kit-limits.ts';
import { BOT_TOKEN, SIGNING_SECRET, startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

/** A front for the fake Slack API that can play "unreachable" (connections dropped). */
async function flakyFront(target: FakeSlack) {
  const state = { down: true };
  const server = http.createServer((req, res) => {
    if (state.down) return void req.socket.destroy();
    const fwd = http.request(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return {
    state,
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});
afterAll(() => closeSlackAgent());

describe('while Slack is unreachable', () => {
  it('starts, says so in the log, keeps answering commands, and reconnects', async () => {
    const fake = await startFakeSlack();
    const front = await flakyFront(fake);
    closers.push(
      () => fake.close(),
      () => front.close(),
    );
    const h: SlackHarness = await startSlackHarness({ apiUrl: front.url, probeIntervalMs: 100 });
    closers.push(() => h.close());
    expect(await h.door.reachable).toBe(false);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'slack: Slack is unreachable; the door keeps running and will retry',
      }),
    );

    // Commands still get their answer: the response_url is not the Web API.
    const sink = await startFakeSlack();
    closers.push(() => sink.close());
    const res = await postSlashCommand(h.url, SIGNING_SECRET, {
      command: '/quorum',
      text: '2024-10-07',
      user_id: USERS.roy,
      response_url: sink.responseUrl('q'),
    });
    expect(res.status).toBe(200);
    expect(messageText(await commandAnswer(sink, res, 'q'))).toContain('Quorum');

    // A delivery that cannot reach Slack is logged and thrown (the reminder scheduler retries it, then records it).
    await expect(h.door.deliver({ to: { kind: 'secretariat' }, reply: reply('Test', [text('x')]) })).rejects.toThrow(
      /^Slack injoignable/,
    );
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: 'slack: delivery failed' }));

    front.state.down = false;
    await fake.waitForCall('auth.test', undefined, 3000);
    await expect.poll(() => h.door.identity()?.userId).toBe('UFAKEBOT');
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'slack: connected' }));
    expect(JSON.stringify(h.logs)).not.toContain(BOT_TOKEN);
  });
});

describe('a refused token', () => {
  it('is logged as such, without the token, and the door keeps running', async () => {
    const h = await startSlackHarness({ prepare: (fake) => fake.failNext('auth.test', 1, 'invalid_auth') });
    closers.push(() => h.close());
    expect(await h.door.reachable).toBe(false);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'slack: Slack refused the bot token; check SLACK_BOT_TOKEN',
        data: { error: 'invalid_auth' },
      }),
    );
    expect((await h.command(USERS.roy, '/aide')).http.status).toBe(200);
    expect(JSON.stringify(h.logs)).not.toContain(BOT_TOKEN);
  });
});

describe('acknowledgement', () => {
  it('acks empty past its budget and answers a slow command afterwards (production mode)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const lent = defineCommand({
      name: 'lent',
      description: 'Commande de test lente',
      examples: [],
      access: 'read',
      run: async () => {
        await gate;
        return reply('Enfin', [text('Réponse tardive.')]);
      },
    });
    const h = await startSlackHarness({ commands: [...commands, lent], processBeforeResponse: false, ackBudgetMs: 50 });
    closers.push(() => h.close());
    const { http: res, responses } = await h.command(USERS.roy, '/lent');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(responses).toEqual([]);
    release();
    expect(messageText((await h.fake.waitForResponse()).body)).toContain('Réponse tardive.');
  });
});

describe('startChatDoors', () => {
  it('starts the Slack door when its token and signing secret are set', async () => {
    const fake = await startFakeSlack();
    const bot = await createTestBot();
    closers.push(
      () => bot.close(),
      () => fake.close(),
    );
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
    };
    const plan = parseDoorSettings(env, bot.config);
    expect(plan).toMatchObject({
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0 },
      discord: undefined,
      console: false,
    });
    const [door] = await startChatDoors(bot.hub, plan);
    expect(door?.name).toBe('slack');
    expect(bot.hub.doors()).toContain(door);
    const port = (door as { port?: number }).port!;
    const res = await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, {
      command: '/aide',
      text: '',
      user_id: USERS.roy,
      response_url: fake.responseUrl('a'),
    });
    expect(res.status).toBe(200);
    expect(messageText(await commandAnswer(fake, res, 'a'))).toContain('Commandes de Séance');
  });

  it('refuses a bot token alone, naming what is missing and nothing secret', async () => {
    const bot = await createTestBot();
    closers.push(() => bot.close());
    expect(() => parseDoorSettings({ SLACK_BOT_TOKEN: BOT_TOKEN }, bot.config)).toThrow(
      /SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/,
    );
    expect(() => parseDoorSettings({ SLACK_BOT_TOKEN: BOT_TOKEN }, bot.config)).not.toThrow(new RegExp(BOT_TOKEN));
  });
});

describe('deliver', () => {
  it('resolves false for a delegate without a Slack id, and DMs one who has one', async () => {
    const h = await startSlackHarness();
    closers.push(() => h.close());
    const r = reply('Rappel', [text('Séance lundi.')]);
    expect(await h.door.deliver({ to: { kind: 'delegate', id: 'lhomme' }, reply: r })).toBe(false);
    expect(await h.door.deliver({ to: { kind: 'delegate', id: 'inconnu' }, reply: r })).toBe(false);
    expect(await h.door.deliver({ to: { kind: 'delegate', id: 'payen' }, reply: r })).toBe(true);
    expect(await h.door.deliver({ to: { kind: 'delegates' }, reply: r })).toBe(true);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual([`D${USERS.payen}`, 'C0DELEGUES']);
  });
});
