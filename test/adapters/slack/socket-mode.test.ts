/** @module End to end: with SLACK_APP_TOKEN the door connects out in Socket Mode (fake apps.connections.open + websocket). */
import { afterAll, expect, it } from 'vitest';
import { closeSlackAgent, startFakeSlack } from '../../helpers/fake-slack.ts';
import { startFakeSocketMode } from '../../helpers/fake-socket-mode.ts';
import { messageText } from './block-kit-limits.ts';
import { APP_TOKEN, startSlackHarness, USERS } from './slack-harness.ts';

afterAll(() => closeSlackAgent());

const slashEnvelope = (envelopeId: string, command: string, text: string, responseUrl: string) => ({
  envelope_id: envelopeId,
  type: 'slash_commands',
  accepts_response_payload: true,
  payload: {
    token: 'x',
    team_id: 'TFAKE',
    api_app_id: 'AFAKEAPP',
    channel_id: 'C0GENERAL',
    user_id: USERS.roy,
    user_name: 'roy',
    command,
    text,
    response_url: responseUrl,
    trigger_id: '1.2.3',
  },
});

it('answers a slash command received over the socket in its envelope ack', async () => {
  const socket = await startFakeSocketMode();
  const h = await startSlackHarness({
    env: { SLACK_APP_TOKEN: APP_TOKEN },
    prepare: (fake) => fake.setResponse('apps.connections.open', { url: socket.url }),
  });
  try {
    expect(h.door.mode).toBe('socket');
    expect(h.door.port).toBeUndefined();
    await expect.poll(() => h.logs.some((l) => l.msg === 'slack: connected in Socket Mode')).toBe(true);
    expect(socket.sockets.length).toBe(1);
    expect(h.fake.callsTo('apps.connections.open').at(-1)!.token).toBe(APP_TOKEN);
    socket.send(slashEnvelope('env-1', '/quorum', '2024-10-07', h.fake.responseUrl('s')));
    expect(messageText((await socket.waitForAck('env-1')).payload)).toContain('Quorum atteint');
    expect(h.fake.responses).toEqual([]); // answered in the ack, not through the response_url
  } finally {
    await h.close();
    await socket.close();
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
