/** @module End to end: with SLACK_APP_TOKEN the door connects out in Socket Mode (fake apps.connections.open + websocket). */
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeSlackAgent, startFakeSlack } from '../../helpers/fake-slack.ts';
import { messageText } from './block-kit-limits.ts';
import { APP_TOKEN, startSlackHarness, USERS } from './slack-harness.ts';

afterAll(() => closeSlackAgent());

it('answers a slash command received over the socket, acking its envelope', async () => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: WebSocket[] = [];
  const acks: unknown[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => acks.push(JSON.parse(String(data))));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        connection_info: { app_id: 'AFAKEAPP' },
        debug_info: { host: 'fake' },
      }),
    );
  });
  const sink = await startFakeSlack();
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  const h = await startSlackHarness({
    env: { SLACK_APP_TOKEN: APP_TOKEN },
    prepare: (fake) => fake.setResponse('apps.connections.open', { url }),
  });
  try {
    expect(h.door.mode).toBe('socket');
    expect(h.door.port).toBeUndefined();
    await expect.poll(() => h.logs.some((l) => l.msg === 'slack: connected in Socket Mode')).toBe(true);
    expect(sockets.length).toBe(1);
    expect(h.fake.callsTo('apps.connections.open').at(-1)!.token).toBe(APP_TOKEN);
    sockets[0]!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'x',
          team_id: 'TFAKE',
          api_app_id: 'AFAKEAPP',
          channel_id: 'C0GENERAL',
          user_id: USERS.roy,
          user_name: 'roy',
          command: '/quorum',
          text: '2024-10-07',
          response_url: sink.responseUrl('s'),
          trigger_id: '1.2.3',
        },
      }),
    );
    expect(messageText((await sink.waitForResponse('s', 5000)).body)).toContain('Quorum atteint');
    expect(acks).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
  } finally {
    await h.close();
    await sink.close();
    for (const ws of sockets) ws.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  }
});

it('starts while Slack is unreachable, says so, and stops cleanly', async () => {
  const dead = await startFakeSlack();
  const apiUrl = dead.apiUrl;
  await dead.close(); // nothing listens there any more
  const h = await startSlackHarness({ env: { SLACK_APP_TOKEN: APP_TOKEN }, apiUrl, probeIntervalMs: 60_000 });
  try {
    expect(await h.door.reachable).toBe(false);
    await expect.poll(() => h.logs.some((l) => l.msg === 'slack: Socket Mode could not connect; retrying')).toBe(true);
    expect(JSON.stringify(h.logs)).not.toContain(APP_TOKEN);
  } finally {
    await h.close();
  }
});
