/**
 * A store that vanished is reported, not silently recreated (issue 17), through `npm start`'s entry point in
 * child processes on a real SQLite file: deleted between two starts, the start is refused with a French message
 * naming the file and what to do, exit non-zero, nothing recreated; SEANCE_STORE_VIDE=oui starts empty. Deleted
 * while the bot runs, the next change answers the cause in French.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ADD = (text: string) => `/rappel ajouter 2027-06-10 09:00 secretariat ${text}\n`;
const fresh = () => join(mkdtempSync(join(tmpdir(), 'seance-vanished-')), 'seance.sqlite');
const env = (file: string, extra: NodeJS.ProcessEnv = {}) => ({
  ...process.env,
  SEANCE_STORE: `sqlite://${file}`,
  SLACK_BOT_TOKEN: '',
  DISCORD_TOKEN: '',
  ...extra,
});
const start = (file: string, input: string, extra?: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: env(file, extra),
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
const remove = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
};

describe('a SQLite store file that vanished', () => {
  it('between two starts: refused, naming the file and what to do; SEANCE_STORE_VIDE=oui starts empty', async () => {
    const file = fresh();
    const first = start(file, ADD('Relancer les pouvoirs'));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Rappel n° 1 programmé');
    expect(existsSync(`${file}.existe`)).toBe(true);

    rmSync(file);
    const refused = start(file, '/rappels\n');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(
      `Stockage refusé : « ${file} » : le fichier a disparu alors que le stockage existait`,
    );
    expect(refused.stderr).toContain('restaurez-le depuis une sauvegarde');
    expect(refused.stderr).toContain('SEANCE_STORE_VIDE=oui');
    expect(existsSync(file)).toBe(false); // not recreated

    const empty = start(file, '/rappels\n', { SEANCE_STORE_VIDE: 'oui' });
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.stdout).not.toContain('Relancer les pouvoirs');
    expect(existsSync(file)).toBe(true);
  }, 120_000);

  it('an existing file without a marker (an install from before) starts, and gets its marker', async () => {
    const file = fresh();
    expect(start(file, '', {}).status).toBe(0);
    rmSync(`${file}.existe`);
    expect(start(file, '/rappels\n').status).toBe(0);
    expect(existsSync(`${file}.existe`)).toBe(true);
  }, 120_000);

  it('while the bot runs: the next change answers the cause in French', async () => {
    const file = fresh();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: env(file),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const seen = async (text: string) => {
      const deadline = Date.now() + 30_000;
      while (!out.includes(text)) {
        if (Date.now() > deadline) throw new Error(`not seen: ${text}\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      child.stdin!.write(ADD('Premier'));
      await seen('Rappel n° 1 programmé');
      remove(file);
      child.stdin!.write(ADD('Second'));
      await seen('pendant que le bot tournait');
      expect(out).toContain(`le fichier ${file} a disparu pendant que le bot tournait`);
      expect(out).toContain('restaurez le fichier puis redémarrez le bot');
      expect(out).not.toContain('Rappel n° 2 programmé');
    } finally {
      child.stdin!.end();
      await exited;
    }
  }, 120_000);
});
