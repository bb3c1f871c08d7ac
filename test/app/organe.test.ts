/**
 * `--organe` through `main` (`node src/main.ts`), with SEANCE_CONFIG naming a directory of two bodies: the
 * console acts on the body it names, and says which ids exist when none or an unknown one is given; `check`
 * checks every body file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBodiesDir } from '../helpers/bodies-dir.ts';

const CLEAN = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', DISCORD_TOKEN: '', WEB_PORT: '' };

function main(args: string[], env: Record<string, string>, input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...process.env, ...CLEAN, SEANCE_STORE: 'memory:', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm start -- --organe', () => {
  const dir = writeBodiesDir();

  it('with several bodies and none named, lists the ids in French and exits 2', () => {
    const r = main([], { SEANCE_CONFIG: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `Plusieurs organes dans ${dir} : choisissez celui de la console avec --organe (bureau, comite)`,
    );
    const unknown = main(['--organe', 'conseil'], { SEANCE_CONFIG: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`--organe : organe inconnu « conseil » ; organes de ${dir} : bureau, comite.`);
  });

  it("acts on the named body only: a session planned in the bureau's console is not the comité's", () => {
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-organe-')), 'seance.sqlite')}`;
    const env = { SEANCE_CONFIG: dir, SEANCE_STORE: store };
    const planned = main(['--organe', 'bureau'], env, '/seance planifier 2026-12-15 17:30 Amiens\n');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('Séance planifiée');
    expect(main(['--organe=bureau'], env, '/seances\n').stdout).toContain('15 décembre 2026');
    const comite = main(['--organe', 'comite'], env, '/seances\n');
    expect(comite.code).toBe(0);
    expect(comite.stdout).not.toContain('15 décembre 2026');
  });

  it('check checks every body file', () => {
    const r = main(['check'], { SEANCE_CONFIG: dir });
    expect(r.stdout).toContain(`== Organe « bureau » (${join(dir, 'bureau.yaml')}) ==`);
    expect(r.stdout).toContain(`== Organe « comite » (${join(dir, 'comite.yaml')}) ==`);
  });
});
