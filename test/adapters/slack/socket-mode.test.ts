/** @module End to end: with SLACK_APP_TOKEN the door connects out in Socket Mode (fake apps.connections.open + websocket). */
import { afterAll, expect, it } from 'vitest';
import { blockActionPayload, closeSlackAgent, startFakeSlack } from '../../helpers/fake-slack.ts';
import { startFakeSocketMode } from '../../helpers/fake-socket-mode.ts';
import { messageText } from './block-kit-limits.ts';
import { APP_TOKEN, startSlackHarness, USERS } from './slack-harness.ts';

afterAll(() => closeSlackAgent());

const slashEnvelope = (
  envelopeId: string,
  command: string,
  text: string,
  responseUrl: string,
  userId: string = USERS.roy,
) => ({
  envelope_id: envelopeId,
  type: 'slash_commands',
  accepts_response_payload: true,
  payload: {
    token: 'x',
    team_id: 'TFAKE',
    api_app_id: 'AFAKEAPP',
    channel_id: 'C0GENERAL',
    user_id: userId,
    user_name: 'user',
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

it('runs an envelope delivered twice once: a slash command and a button click (replay protection)', async () => {
  const socket = await startFakeSocketMode();
  const h = await startSlackHarness({
    env: { SLACK_APP_TOKEN: APP_TOKEN },
    prepare: (fake) => fake.setResponse('apps.connections.open', { url: socket.url }),
  });
  try {
    await expect.poll(() => h.logs.some((l) => l.msg === 'slack: connected in Socket Mode')).toBe(true);
    const command = slashEnvelope(
      'env-cmd',
      '/rappel',
      'ajouter 2026-12-10 09:00 secretariat Par la commande',
      h.fake.responseUrl('cmd'),
      USERS.secretary,
    );
    socket.send(command);
    expect(messageText((await socket.waitForAck('env-cmd')).payload)).toContain('Rappel n° 1 programmé');
    socket.send(command); // the same envelope again
    await expect.poll(() => socket.acks.filter((a) => a.envelope_id === 'env-cmd').length).toBe(2);
    expect(JSON.stringify(socket.acks.filter((a) => a.envelope_id === 'env-cmd')[1])).not.toContain('Rappel');

    const click = {
      envelope_id: 'env-click',
      type: 'interactive',
      accepts_response_payload: false,
      payload: blockActionPayload({
        action_id: 'test.add',
        value: '/rappel ajouter 2026-12-11 09:00 secretariat Par le bouton',
        user_id: USERS.secretary,
        response_url: h.fake.responseUrl('click'),
      }),
    };
    socket.send(click);
    await socket.waitForAck('env-click');
    socket.send(click);
    await expect.poll(() => socket.acks.filter((a) => a.envelope_id === 'env-click').length).toBe(2);
    await expect.poll(() => h.logs.filter((l) => l.msg.startsWith('slack: request already handled')).length).toBe(2);
    const listed = await h.peek('/rappels');
    expect(listed.split('Par la commande')).toHaveLength(2);
    expect(listed.split('Par le bouton')).toHaveLength(2);
    // A new envelope with the same command is a new command.
    socket.send({ ...command, envelope_id: 'env-cmd-2' });
    expect(messageText((await socket.waitForAck('env-cmd-2')).payload)).toContain('Rappel n° 3 programmé');
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
