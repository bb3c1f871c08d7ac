/**
 * The doors' settings as an admin meets them, through `main` (`node src/main.ts`, stdin closed as under a service
 * manager): a half-configured door stops the start with a French message naming what is missing; Socket Mode
 * needs only the bot and app tokens.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSlackAgent, startFakeSlack } from '../helpers/fake-slack.ts';
import { startFakeSocketMode } from '../helpers/fake-socket-mode.ts';

const BOT_TOKEN = 'xoxb-settings-test-token-0000';
const APP_TOKEN = 'xapp-1-settings-test-app-token';
const DISCORD_TOKEN = 'discord-settings-test-token';

/** No door variable from the developer's own environment leaks into a run. */
const CLEAN = {
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_APP_TOKEN: '',
  SLACK_CLIENT_ID: '',
  SLACK_CLIENT_SECRET: '',
  SLACK_STATE_SECRET: '',
  DISCORD_TOKEN: '',
  DISCORD_APPLICATION_ID: '',
  SEANCE_STORE: 'memory:',
};

function run(env: Record<string, string>, untilStderr?: RegExp, timeoutMs = 15_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...CLEAN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c) => {
    stderr += c.toString();
  });
  child.stdout.on('data', (c) => {
    stdout += c.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const seen = untilStderr
    ? new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not seen on stderr: ${untilStderr}\n${stderr}`)), timeoutMs);
        child.stderr.on('data', () => {
          if (untilStderr.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`exited before ${untilStderr}: ${stderr}`));
        });
      })
    : Promise.resolve();
  return { child, exited, seen, out: () => ({ stderr, stdout }) };
}

afterAll(() => closeSlackAgent());

describe('a half-configured door', () => {
  it('SLACK_BOT_TOKEN alone: exits non-zero, naming SLACK_SIGNING_SECRET and SLACK_APP_TOKEN, never the token', async () => {
    const r = run({ SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(await r.exited).toBe(2);
    const { stderr, stdout } = r.out();
    expect(stderr).toContain('Slack à moitié configuré');
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/);
    expect(stderr + stdout).not.toContain(BOT_TOKEN);
    expect(stdout).not.toContain('Quorum'); // the console did not open instead
  });

  it('DISCORD_TOKEN alone: exits non-zero, naming DISCORD_APPLICATION_ID', async () => {
    const r = run({ DISCORD_TOKEN });
    expect(await r.exited).toBe(2);
    expect(r.out().stderr).toMatch(/Discord à moitié configuré : DISCORD_APPLICATION_ID manque/);
    expect(r.out().stderr).not.toContain(DISCORD_TOKEN);
  });

  it('DISCORD_APPLICATION_ID alone: exits non-zero, naming DISCORD_TOKEN', async () => {
    const r = run({ DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(await r.exited).toBe(2);
    expect(r.out().stderr).toMatch(/Discord à moitié configuré : DISCORD_TOKEN manque/);
  });
});

describe('Slack in Socket Mode', () => {
  it('starts with SLACK_BOT_TOKEN and SLACK_APP_TOKEN only, and answers a command over the socket', async () => {
    const socket = await startFakeSocketMode();
    const fake = await startFakeSlack();
    fake.setResponse('apps.connections.open', { url: socket.url });
    const r = run(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl },
      /connected in Socket Mode/,
    );
    try {
      await r.seen;
      await expect.poll(() => socket.sockets.length).toBe(1);
      socket.send({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'x',
          team_id: 'TFAKE',
          api_app_id: 'AFAKEAPP',
          channel_id: 'C0GENERAL',
          user_id: 'U0PAYEN001',
          user_name: 'payen',
          command: '/quorum',
          text: '2024-10-07',
          response_url: fake.responseUrl('s'),
          trigger_id: '1.2.3',
        },
      });
      // Answered in the envelope's ack (done within the ack budget).
      expect(JSON.stringify((await socket.waitForAck('env-1')).payload)).toContain('Quorum atteint');
      expect(r.out().stderr).not.toContain(BOT_TOKEN);
      expect(r.out().stderr).not.toContain(APP_TOKEN);
    } finally {
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
      await socket.close();
      await fake.close();
    }
  });
});
