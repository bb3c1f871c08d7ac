/**
 * Proves the fake Slack helper against a bare @slack/bolt App (HTTPReceiver on 127.0.0.1).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  blockActionPayload,
  closeSlackAgent,
  nowSeconds,
  postEvent,
  postInteraction,
  postSlashCommand,
  startFakeSlack,
  urlVerification,
  type FakeSlack,
} from './fake-slack.ts';

const SIGNING_SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-token';
const BOT_USER_ID = 'UFAKEBOT';

describe('fake Slack against a bare Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let eventsUrl: string;
  const seen: { actions: unknown[]; messages: unknown[]; errors: unknown[] } = {
    actions: [],
    messages: [],
    errors: [],
  };

  beforeAll(async () => {
    fake = await startFakeSlack({ botUserId: BOT_USER_ID });
    app = new App({
      token: BOT_TOKEN,
      botId: 'BFAKEBOT',
      botUserId: BOT_USER_ID,
      logLevel: LogLevel.ERROR,
      receiver: new HTTPReceiver({
        signingSecret: SIGNING_SECRET,
        processBeforeResponse: true,
        logLevel: LogLevel.ERROR,
      }),
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });

    app.command('/echo', async ({ ack, respond, command }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: `echo: ${command.text}` });
    });
    app.command('/say', async ({ ack, say, command }) => {
      await ack();
      await say({
        text: command.text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${command.text}*` } }],
      });
    });
    app.command('/fragile', async ({ ack, say, respond }) => {
      await ack();
      try {
        await say('this may fail');
      } catch (error) {
        seen.errors.push(error);
        await respond('could not post');
      }
    });
    app.action('vote_yes', async ({ ack, action, body, respond }) => {
      await ack();
      seen.actions.push({ action, user: body.user.id });
      await respond({ replace_original: true, text: 'vote recorded' });
    });
    app.message(/hello/, async ({ message, say }) => {
      seen.messages.push(message);
      await say('hello to you');
    });

    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterEach(() => {
    fake.reset();
    seen.actions.length = 0;
    seen.messages.length = 0;
    seen.errors.length = 0;
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    closeSlackAgent();
  });

  it('routes a signed slash command and delivers respond() to the response_url sink', async () => {
    const responseUrl = fake.responseUrl('cmd-1');
    const result = await postSlashCommand(eventsUrl, SIGNING_SECRET, {
      command: '/echo',
      text: 'bonjour',
      user_id: 'U123',
      response_url: responseUrl,
    });

    expect(result.status).toBe(200);
    const response = await fake.waitForResponse('cmd-1');
    expect(response.body).toEqual({ response_type: 'ephemeral', text: 'echo: bonjour' });
  });

  it('delivers say() to chat.postMessage with the token and decoded blocks', async () => {
    const result = await postSlashCommand(eventsUrl, SIGNING_SECRET, {
      command: '/say',
      text: 'Ordre du jour',
      user_id: 'U123',
      channel_id: 'C777',
      response_url: fake.responseUrl(),
    });

    expect(result.status).toBe(200);
    const call = await fake.waitForCall('chat.postMessage');
    expect(call.token).toBe(BOT_TOKEN);
    expect(call.body).toMatchObject({
      channel: 'C777',
      text: 'Ordre du jour',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Ordre du jour*' } }],
    });
  });

  it('answers client.chat.postMessage with an incrementing ts and the posted message', async () => {
    const first = await app.client.chat.postMessage({ channel: 'C1', text: 'one' });
    const second = await app.client.chat.postMessage({ channel: 'C1', text: 'two' });

    expect(first).toMatchObject({ ok: true, channel: 'C1', ts: '1700000000.000100', message: { text: 'one' } });
    expect(second.ts).toBe('1700000000.000200');
  });

  it('rejects a request with a bad signature with 401', async () => {
    const result = await postSlashCommand(
      eventsUrl,
      SIGNING_SECRET,
      { command: '/echo', text: 'x', user_id: 'U123', response_url: fake.responseUrl() },
      { badSignature: true },
    );

    expect(result.status).toBe(401);
    expect(fake.received).toHaveLength(0);
  });

  it('rejects a correctly signed request that is six minutes old with 401', async () => {
    const result = await postSlashCommand(
      eventsUrl,
      SIGNING_SECRET,
      { command: '/echo', text: 'x', user_id: 'U123', response_url: fake.responseUrl() },
      { timestamp: nowSeconds() - 6 * 60 },
    );

    expect(result.status).toBe(401);
    expect(fake.received).toHaveLength(0);
  });

  it('routes a button block_action to its app.action handler', async () => {
    const responseUrl = fake.responseUrl('btn');
    const result = await postInteraction(
      eventsUrl,
      SIGNING_SECRET,
      blockActionPayload({ action_id: 'vote_yes', value: 'motion-1', user_id: 'U42', response_url: responseUrl }),
    );

    expect(result.status).toBe(200);
    expect(seen.actions).toEqual([
      { action: expect.objectContaining({ action_id: 'vote_yes', value: 'motion-1', type: 'button' }), user: 'U42' },
    ]);
    expect((await fake.waitForResponse('btn')).body).toEqual({ replace_original: true, text: 'vote recorded' });
  });

  it('routes a message event to app.message and say() answers in its channel', async () => {
    const result = await postEvent(eventsUrl, SIGNING_SECRET, {
      type: 'message',
      channel: 'C555',
      channel_type: 'channel',
      user: 'U42',
      text: 'hello everyone',
      ts: '1700000001.000100',
    });

    expect(result.status).toBe(200);
    expect(seen.messages).toEqual([expect.objectContaining({ text: 'hello everyone', user: 'U42' })]);
    const call = await fake.waitForCall('chat.postMessage');
    expect(call.body).toMatchObject({ channel: 'C555', text: 'hello to you' });
  });

  it('makes chat.postMessage reject while failNext is armed, then succeed again', async () => {
    fake.failNext('chat.postMessage', 1, 500);
    const result = await postSlashCommand(eventsUrl, SIGNING_SECRET, {
      command: '/fragile',
      text: '',
      user_id: 'U123',
      response_url: fake.responseUrl('fragile'),
    });

    expect(result.status).toBe(200);
    expect(seen.errors).toHaveLength(1);
    expect(seen.errors[0]).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect((await fake.waitForResponse('fragile')).body).toEqual({ text: 'could not post' });
    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([500]);

    await expect(app.client.chat.postMessage({ channel: 'C1', text: 'again' })).resolves.toMatchObject({ ok: true });
  });

  it('makes chat.postMessage reject with a Slack error such as channel_not_found', async () => {
    fake.failNext('chat.postMessage', 2, 'channel_not_found');

    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(app.client.chat.postMessage({ channel: 'CGONE', text: 'x' })).rejects.toMatchObject({
        code: 'slack_webapi_platform_error',
        data: { ok: false, error: 'channel_not_found' },
      });
    }
    await expect(app.client.chat.postMessage({ channel: 'CGONE', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers url_verification with the challenge', async () => {
    const result = await urlVerification(eventsUrl, SIGNING_SECRET, 'challenge-123');

    expect(result.status).toBe(200);
    expect(result.json).toEqual({ challenge: 'challenge-123' });
  });

  it('records the bytes of a filesUploadV2 upload and completes it', async () => {
    const result = await app.client.filesUploadV2({
      channel_id: 'C9',
      filename: 'pv.txt',
      content: 'Procès-verbal',
      title: 'PV',
    });

    expect(result.ok).toBe(true);
    const upload = await fake.waitFor((item) => item.kind === 'upload');
    expect(upload).toMatchObject({ kind: 'upload', filename: 'pv.txt' });
    expect(fake.uploads[0]?.bytes.toString('utf8')).toBe('Procès-verbal');
    const complete = await fake.waitForCall('files.completeUploadExternal');
    expect(complete.body).toMatchObject({ channel_id: 'C9', files: [{ id: fake.uploads[0]?.fileId, title: 'PV' }] });
  });

  it('answers conversations.open with a D-prefixed channel id', async () => {
    const result = await app.client.conversations.open({ users: 'U42' });

    expect(result.channel?.id).toBe('DU42');
  });

  it('rejects waitFor on timeout with a list of what was received', async () => {
    await app.client.users.info({ user: 'U42' });

    await expect(fake.waitForCall('chat.postMessage', undefined, 50)).rejects.toThrow(/users\.info.*U42/s);
  });
});
