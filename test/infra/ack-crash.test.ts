/**
 * @module Issue 17, « acknowledge what is stored », on the real SQLite file, the real Slack door (Bolt, production
 * mode) and a real process: a change command is killed (kill -9) the moment its ack arrives; after a restart the
 * change is in the store. The child's writes are slowed down (0.2 s each), so an ack sent before storing (the
 * old answer-first design) would be killed with its change unwritten.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, expect, it } from 'vitest';
import { closeSlackAgent, postSlashCommand, startFakeSlack } from '../helpers/fake-slack.ts';
import { createTestBot } from '../helpers/test-bot.ts';
import { messageText } from '../adapters/slack/block-kit-limits.ts';

const SECRET = 'ack-crash-signing-secret';
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(() => closeSlackAgent());

it('a change acked by Slack is in the store after a kill -9 right after the ack', async () => {
  const slack = await startFakeSlack({ botUserId: 'UBOT' });
  const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-ack-')), 'seance.sqlite')}`;
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/infra/ack-child.ts'], {
      env: {
        ...process.env,
        SEANCE_STORE: storeUrl,
        SLACK_API_URL: slack.apiUrl,
        SIGNING_SECRET: SECRET,
        SLOW_WRITES_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => {
        const ready = JSON.parse(l) as { port?: number };
        if (ready.port) resolve(ready.port);
      });
      child.on('exit', () => reject(new Error(`the bot process exited before it was ready: ${stderr}`)));
    });

    const ack = await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
      command: '/rappel',
      text: 'ajouter 2027-06-10 09:00 secretariat Relancer les pouvoirs',
      user_id: 'U0SECRET01',
      response_url: slack.responseUrl('r'),
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(ack.status).toBe(200);

    const restarted = await createTestBot({ storeUrl });
    try {
      expect(await restarted.say('/rappels')).toContain('Relancer les pouvoirs');
    } finally {
      await restarted.close();
    }
    expect(messageText(ack.json)).toContain('Rappel n° 1 programmé'); // and the user saw it done
  } finally {
    await slack.close();
  }
}, 60_000);
