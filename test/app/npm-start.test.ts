/**
 * `npm start` as the README gives it: the compiled bot (scripts/start.mjs runs dist/, built by `npm ci` or
 * when a source changed), answering piped input; node-cron stays out of the main
 * bundle (loaded only by what uses them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const env = { ...process.env, SEANCE_STORE: 'memory:', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', WEB_PORT: '' };

describe('npm start (compiled)', () => {
  it("answers the README's piped example", () => {
    const r = spawnSync('npm', ['start', '--silent'], {
      input: '/quorum 2024-10-07\n/devis cyber 10 membre\n',
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Quorum atteint');
    expect(r.stdout).toMatch(/450,00\s€\sHT = 540,00\s€\sTTC/);
  });

  it('runs the current build, whose main bundle does not import node-cron', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs', '--as', 'M. PAYEN'], {
      input: '/quorum 2024-10-07\n',
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Quorum atteint');
    const current = JSON.parse(readFileSync('dist/current.json', 'utf8')) as {
      build: string;
      inputs: Record<string, unknown>;
    };
    expect(Object.keys(current.inputs)).toContain('src/main.ts');
    const dir = join('dist', current.build);
    expect(existsSync(join(dir, 'views'))).toBe(true);
    const main = readFileSync(join(dir, 'main.js'), 'utf8');
    expect(main).not.toMatch(/from\s+"node-cron"/);
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => /from\s+"node-cron"/.test(readFileSync(join(dir, f), 'utf8')))).toBe(true);
  });
});
