/** The bot as an admin runs it on a server: `npm start` with Slack tokens, stdin closed, logs on stderr. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeSlackAgent,
  commandAnswer,
  postSlashCommand,
  startFakeSlack,
  type FakeSlack,
} from '../helpers/fake-slack.ts';

const SECRET = 'server-mode-signing-secret';
const TOKEN = 'xoxb-server-mode-token-0000';

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
let port: number;
let stderr = '';
let exited: number | null | undefined;

beforeAll(async () => {
  fake = await startFakeSlack();
  port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      SEANCE_STORE: 'memory:',
      DISCORD_TOKEN: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'], // stdin closed, as under a service manager
  });
  child.stderr!.on('data', (c) => {
    stderr += c.toString();
  });
  child.on('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + 15_000;
  while (!/slack/i.test(stderr) || !(await reachable())) {
    if (exited !== undefined || Date.now() > deadline) throw new Error(`the bot did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

async function reachable(): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' });
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  if (exited === undefined) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  closeSlackAgent();
  await fake.close();
});

describe('npm start with Slack tokens and stdin closed', () => {
  it('keeps running after stdin is closed, and answers a signed slash command', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    expect(exited).toBeUndefined();
    const res = await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
      command: '/quorum',
      text: '2024-10-07',
      user_id: 'U0PAYEN001',
      response_url: fake.responseUrl('q'),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await commandAnswer(fake, res, 'q'))).toContain('Quorum atteint');
  });
  it('never writes its tokens to the log', () => {
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(SECRET);
  });
  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) =>
      exited !== undefined ? r(exited) : child.once('exit', (c) => r(c)),
    );
    expect(code).toBe(0);
  });
});

describe('npm start -- --console with Slack tokens', () => {
  it('answers the console, and keeps serving Slack once the console input ends', async () => {
    const consolePort = await freePort();
    const c = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(consolePort),
        SEANCE_STORE: 'memory:',
        DISCORD_TOKEN: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let code: number | null | undefined;
    c.stdout!.on('data', (d) => {
      out += d.toString();
    });
    c.on('exit', (x) => {
      code = x;
    });
    c.stdin!.end('/quorum 2024-10-07\n');
    const deadline = Date.now() + 15_000;
    while (!out.includes('Quorum atteint') && Date.now() < deadline && code === undefined)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Quorum atteint');
    await new Promise((r) => setTimeout(r, 800));
    expect(code).toBeUndefined();
    const res = await postSlashCommand(`http://127.0.0.1:${consolePort}/slack/events`, SECRET, {
      command: '/tarifs',
      text: '',
      user_id: 'U0PAYEN001',
      response_url: fake.responseUrl('t'),
    });
    expect(res.status).toBe(200);
    c.kill('SIGTERM');
    await new Promise((r) => (code !== undefined ? r(code) : c.once('exit', r)));
  });
});
