/**
 * The public page as an admin runs it: `npm start` with WEB_PORT and stdin closed (no chat token: the
 * process is a server, not a console), and on the Slack HTTP receiver's port when WEB_PORT is Slack's PORT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeSlackAgent,
  commandAnswer,
  postSlashCommand,
  startFakeSlack,
  type FakeSlack,
} from '../helpers/fake-slack.ts';

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

const NO_CHAT = {
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_APP_TOKEN: '',
  DISCORD_TOKEN: '',
  DISCORD_APPLICATION_ID: '',
};

interface Bot {
  child: ChildProcess;
  stderr: () => string;
  exited: () => number | null | undefined;
  stop(): Promise<number | null>;
}

async function startBot(env: Record<string, string>, port: number): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...NO_CHAT, SEANCE_STORE: 'memory:', SEANCE_NOW: '2026-11-29T10:00:00Z', ...env },
    stdio: ['ignore', 'pipe', 'pipe'], // stdin closed, as under a service manager
  });
  let stderr = '';
  let exited: number | null | undefined;
  child.stderr!.on('data', (c) => {
    stderr += c.toString();
  });
  child.on('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== undefined || Date.now() > deadline) throw new Error(`the bot did not start: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/sante`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    child,
    stderr: () => stderr,
    exited: () => exited,
    stop: () =>
      new Promise((resolve) => {
        if (exited !== undefined) return resolve(exited);
        child.once('exit', (c) => resolve(c));
        child.kill('SIGTERM');
      }),
  };
}

const started: Bot[] = [];
let fake: FakeSlack | undefined;
afterAll(async () => {
  await Promise.all(started.map((b) => b.stop()));
  closeSlackAgent();
  await fake?.close();
});

describe('npm start with WEB_PORT and no chat token', () => {
  it('runs as a server with stdin closed, serves the page, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = await startBot({ WEB_PORT: String(port), WEB_HOST: '127.0.0.1' }, port);
    started.push(bot);
    await new Promise((r) => setTimeout(r, 1000));
    expect(bot.exited()).toBeUndefined();
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Comité syndical du lundi 7 octobre 2024');
    expect((await fetch(`http://127.0.0.1:${port}/calendrier.ics`)).headers.get('content-type')).toBe(
      'text/calendar; charset=utf-8',
    );
    expect(await bot.stop()).toBe(0);
  });

  it('refuses a WEB_PORT that is not a port, in French, with status 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...NO_CHAT, SEANCE_STORE: 'memory:', WEB_PORT: 'quatre-vingt' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c) => {
      stderr += c.toString();
    });
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(stderr).toContain('WEB_PORT : numéro de port attendu');
  });
});

describe('WEB_PORT equal to the Slack port', () => {
  it('serves the page from the Slack HTTP receiver, which still answers signed slash commands', async () => {
    const SECRET = 'web-on-slack-signing-secret';
    fake = await startFakeSlack();
    const port = await freePort();
    const bot = await startBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-web-on-slack-0000',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        WEB_PORT: String(port),
      },
      port,
    );
    started.push(bot);
    const page = await fetch(`http://127.0.0.1:${port}/seances/2024-10-07`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('Adoptée à l&#39;unanimité');
    expect((await fetch(`http://127.0.0.1:${port}/tarifs`)).status).toBe(200);
    const docx = await fetch(`http://127.0.0.1:${port}/seances/2024-10-07/proces-verbal.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="pv-2024-10-07.docx"');
    const res = await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
      command: '/tarifs',
      text: 'ftth',
      user_id: 'U0PAYEN001',
      response_url: fake.responseUrl('w'),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await commandAnswer(fake, res, 'w'))).toContain('460');
    expect(await bot.stop()).toBe(0);
  });
});
