/**
 * @module Issue 17, "Done when", on the real SQLite file, the real Slack door (Bolt) and real processes:
 * - kill -9 in the middle of delivering a reminder (the fake Slack holds chat.postMessage unanswered to pin the
 *   moment), then restart: the reminder is delivered, once;
 * - a console (`src/main.ts`, the sample config names Slack channels, no Slack token) open on the same store
 *   across the due minute, beside the Slack bot: the reminder reaches Slack once, never the console.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REMINDERS_ELSEWHERE } from '../../src/app/reminder-owner.ts';
import { startFakeSlack, type ApiCall, type FakeSlack } from '../helpers/fake-slack.ts';

const J7_TITLE = 'Séminaire annuel de Somme Numérique dans 7 jours';
const DUE = '2026-11-19T08:00:00Z'; // the seminar's J-7, 09:00 in Paris
const children: ChildProcess[] = [];
const fakes: FakeSlack[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

function botProcess(storeUrl: string, slack: FakeSlack, now: string, claimTtlMs = 300) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/infra/reminder-bot-child.ts'], {
    env: {
      ...process.env,
      SEANCE_STORE: storeUrl,
      SLACK_API_URL: slack.apiUrl,
      SEANCE_NOW: now,
      CLAIM_TTL_MS: String(claimTtlMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      /* not ours */
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const report = async () => {
    const code = await exited;
    const found = lines.find((l) => l.report);
    if (!found) throw new Error(`bot process exited ${code} without a report: ${stderr}`);
    return found.report as { sent: { id: string }[]; failed: string[] };
  };
  return { child, exited, report };
}

const accepted = (slack: FakeSlack, channel: string) =>
  slack
    .callsTo('chat.postMessage')
    .filter(
      (c: ApiCall) => c.status === 200 && c.body.channel === channel && JSON.stringify(c.body).includes(J7_TITLE),
    );

async function fixture() {
  const slack = await startFakeSlack({ botUserId: 'UBOT' });
  fakes.push(slack);
  return { slack, storeUrl: `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-crash-')), 'seance.sqlite')}` };
}

describe('reminders survive a kill -9 mid-delivery', () => {
  it('killed while Slack holds the post: after a restart the reminder reaches each channel once', async () => {
    const { slack, storeUrl } = await fixture();
    slack.hangNext('chat.postMessage', 1);
    const first = botProcess(storeUrl, slack, DUE);
    await slack.waitForCall('chat.postMessage', (c) => c.status === 0, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(accepted(slack, 'C0DELEGUES')).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 400)); // the dead process's claim (300 ms) expires
    const second = botProcess(storeUrl, slack, '2026-11-19T08:01:00Z');
    expect((await second.report()).sent.map((s) => s.id)).toEqual(['seminaire:2026-11-26:J-7']);
    expect(accepted(slack, 'C0DELEGUES')).toHaveLength(1);
    expect(accepted(slack, 'C0SECRETAR')).toHaveLength(1);

    const third = botProcess(storeUrl, slack, '2026-11-19T08:02:00Z');
    expect((await third.report()).sent).toEqual([]);
    expect(accepted(slack, 'C0DELEGUES')).toHaveLength(1);
    expect(accepted(slack, 'C0SECRETAR')).toHaveLength(1);
  }, 120_000);
});

describe('reminders after an ambiguous failure on Slack', () => {
  it('Slack took the post but the answer never came, then kill -9: the restart finds it by its metadata and posts nothing more', async () => {
    const { slack, storeUrl } = await fixture();
    slack.hangNext('chat.postMessage', 1, { accepted: true });
    const first = botProcess(storeUrl, slack, DUE);
    const hung = await slack.waitForCall('chat.postMessage', (c) => c.status === 0, 60_000);
    expect(hung.body.metadata).toMatchObject({
      event_type: 'seance_reminder',
      event_payload: { key: expect.stringMatching(/^reminder:seminaire:2026-11-26:J-7:/) },
    });
    first.child.kill('SIGKILL');
    await first.exited;

    await new Promise((r) => setTimeout(r, 400));
    const second = botProcess(storeUrl, slack, '2026-11-19T08:01:00Z');
    expect((await second.report()).sent.map((s) => s.id)).toEqual(['seminaire:2026-11-26:J-7']);
    expect(slack.callsTo('conversations.history').map((c) => String(c.body.include_all_metadata))).toContain('true');
    const shown = (channel: string) => slack.messages.filter((m) => m.channel === channel && m.text.includes(J7_TITLE));
    expect(shown('C0DELEGUES')).toHaveLength(1);
    expect(accepted(slack, 'C0DELEGUES')).toHaveLength(0); // not posted again
    expect(shown('C0SECRETAR')).toHaveLength(1);
  }, 120_000);
});

describe('a console beside the Slack bot on one store', () => {
  it('across the due minute the reminder reaches Slack, once, and never the console', async () => {
    const { slack, storeUrl } = await fixture();
    const env = {
      ...process.env,
      SEANCE_STORE: storeUrl,
      SEANCE_NOW: DUE,
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      WEB_PORT: '',
    };
    const console = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(console);
    let out = '';
    console.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const consoleExit = new Promise<number | null>((resolve) => console.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600 && !out.includes(REMINDERS_ELSEWHERE); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(REMINDERS_ELSEWHERE);

    const bot = botProcess(storeUrl, slack, DUE, 120_000);
    expect((await bot.report()).sent.map((s) => s.id)).toEqual(['seminaire:2026-11-26:J-7']);
    console.stdin.end('/rappels\n');
    expect(await consoleExit).toBe(0);
    expect(out).not.toContain(J7_TITLE);
    expect(accepted(slack, 'C0DELEGUES')).toHaveLength(1);
    expect(accepted(slack, 'C0SECRETAR')).toHaveLength(1);
  }, 120_000);
});
