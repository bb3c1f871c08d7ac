/**
 * One failure stops nothing (issue 17, isolation): `npm start` with Slack and Discord set, Discord unreachable
 * at start, then a signed `payload=null` and 200 random signed bodies: the process stays up, keeps answering
 * Slack, retries Discord in the background, and never logs a token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeSlackAgent,
  commandAnswer,
  postSigned,
  postSlashCommand,
  startFakeSlack,
  type FakeSlack,
} from '../helpers/fake-slack.ts';

const SECRET = 'isolation-signing-secret';
const TOKEN = 'xoxb-isolation-token-0000';
const DISCORD_TOKEN = 'discord-isolation-token-0000';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let fake: FakeSlack;
let child: ChildProcess;
let url: string;
let stderr = '';
let exited: number | null | undefined;

beforeAll(async () => {
  fake = await startFakeSlack();
  const port = await freePort();
  const discordPort = await freePort(); // nothing listens there: Discord is down
  url = `http://127.0.0.1:${port}/slack/events`;
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      SEANCE_STORE: 'memory:',
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_API_URL: `http://127.0.0.1:${discordPort}/api`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (c) => {
    stderr += c.toString();
  });
  child.on('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + 30_000;
  while (!stderr.includes('discord door unreachable')) {
    if (exited !== undefined || Date.now() > deadline) throw new Error(`the bot did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 40_000);

afterAll(async () => {
  if (exited === undefined) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  if (process.env.SHOW_CHILD_LOG) console.log(stderr.slice(-6000));
  {
  }
  closeSlackAgent();
  await fake.close();
});

/** A small deterministic generator, so a failing body can be found again. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function randomBody(next: () => number, i: number): { body: string; type: string } {
  const chars = '{}[]":,=&%/ \\azAZ09éœ\u0000null-true1e999payloadcommandtype';
  const junk = Array.from(
    { length: 1 + Math.floor(next() * 200) },
    () => chars[Math.floor(next() * chars.length)],
  ).join('');
  const shapes = [
    { body: junk, type: 'application/x-www-form-urlencoded' },
    { body: junk, type: 'application/json' },
    { body: `payload=${encodeURIComponent(junk)}`, type: 'application/x-www-form-urlencoded' },
    {
      body: `payload=${encodeURIComponent(JSON.stringify({ type: ['block_actions', 'view_submission', 'shortcut', null, 7][i % 5], actions: next() > 0.5 ? null : [{}] }))}`,
      type: 'application/x-www-form-urlencoded',
    },
    {
      body: JSON.stringify({ type: 'event_callback', event: next() > 0.5 ? null : { type: 'message', text: junk } }),
      type: 'application/json',
    },
    {
      body: `command=${encodeURIComponent(`/${junk.slice(0, 8)}`)}&text=${encodeURIComponent(junk)}`,
      type: 'application/x-www-form-urlencoded',
    },
  ];
  return shapes[i % shapes.length]!;
}

describe('npm start with Slack and Discord, Discord down', () => {
  it('does not exit when Discord is unreachable at start, and answers Slack', async () => {
    expect(exited).toBeUndefined();
    const res = await postSlashCommand(url, SECRET, {
      command: '/quorum',
      text: '2024-10-07',
      user_id: 'U0PAYEN001',
      response_url: fake.responseUrl('q1'),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await commandAnswer(fake, res, 'q1'))).toContain('Quorum atteint');
  });

  it('survives a signed payload=null and 200 random signed bodies, then still answers', async () => {
    // Answered at once (it used to hang until the server's timeout).
    expect((await postSigned(url, SECRET, 'payload=null', 'application/x-www-form-urlencoded')).status).toBe(400);
    const next = random(17);
    // In parallel: a body no listener acks waits for Bolt's 3 s timeout.
    const bodies = Array.from({ length: 200 }, (_, i) => randomBody(next, i));
    await Promise.all(
      bodies.map(({ body, type }) => postSigned(url, SECRET, body, type, { timeoutMs: 8000 }).catch(() => undefined)),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(exited).toBeUndefined();
    const res = await postSlashCommand(url, SECRET, {
      command: '/quorum',
      text: '2024-10-07',
      user_id: 'U0PAYEN001',
      response_url: fake.responseUrl('q2'),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await commandAnswer(fake, res, 'q2'))).toContain('Quorum atteint');
  }, 60_000);

  it('logs the Discord retry, and never a token', () => {
    expect(stderr).toMatch(/discord door unreachable; the other doors keep running, retrying/);
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(SECRET);
    expect(stderr).not.toContain(DISCORD_TOKEN);
  });
});
