/**
 * The three example configs (config/examples/), each loaded by the real entry point through SEANCE_CONFIG:
 * `seance check` passes (exit 0) and the console answers with the rule of that kind of body.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function seance(config: string, args: string[], input = '', now = '2026-01-20T08:00:00Z') {
  return spawnSync('npx', ['tsx', 'src/main.ts', ...args], {
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      SEANCE_NOW: now,
      SEANCE_CONFIG: config,
      SEANCE_STORE: 'memory:',
      SLACK_BOT_TOKEN: '',
      DISCORD_TOKEN: '',
    },
  });
}

const examples = [
  {
    file: 'config/examples/commune.yaml',
    lines: ['/quorum 2026-03-12', '/presence DAVID distance 2026-04-09', '/convocation 2026-04-09'],
    expected: [
      /Quorum atteint/,
      /Pouvoirs\s+: 3 représentés \(ne comptent pas pour le quorum\)/,
      /quorum atteint \(10 ≥ 10\)/,
      /Présence non enregistrée : Mme DAVID ne peut pas être notée présente à distance/,
      /Délai\s+: 1 jour franc/,
      /en urgence/,
      /Le Maire\n/,
      /Convoque et signe\s+: le maire \(CGCT, article L2121-10/,
      /Note explicative de synthèse : non obligatoire/,
    ],
  },
  {
    file: 'config/examples/communaute-de-communes.yaml',
    lines: ['/quorum 2026-02-05', '/convocation 2026-07-02', '/presence XAVIER suppleant 2026-07-02'],
    expected: [
      /Remplacés par leur suppléant\s+: 1/,
      /Seuil\s+: 15 délégués \(la majorité de 29\)/,
      /quorum atteint \(15 ≥ 15\)/,
      /⚠ « Élection du président » .*L5211-11-1/,
      /Note explicative de synthèse : à joindre/,
      /M\. YVON siège à la place de Mme XAVIER, avec sa voix/,
    ],
  },
  {
    file: 'config/examples/syndicat-voix.yaml',
    lines: ['/quorum 2026-01-20', '/presence BARBIER absent 2026-01-20', '/quorum 2026-01-20', '/devis eau 3'],
    expected: [
      /Seuil\s+: 17 voix \(la majorité de 32\)/,
      /quorum atteint \(17 ≥ 17\)/,
      /article 9 des statuts du syndicat/,
      /quorum non atteint : il manque 1 voix/,
      /Total première année\s+: 240,00.€ HT = 253,20.€ TTC/,
      /TVA 5,5 % \(taux propre à ce service\)/,
    ],
  },
];

describe('the example configs through the console', () => {
  it.each(examples)('$file: check passes and the console cites its rules', ({ file, lines, expected }) => {
    const check = seance(file, ['check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).not.toContain('ERREUR');
    const run = seance(file, [], `${lines.join('\n')}\n`);
    expect(run.status).toBe(0);
    for (const re of expected) expect(run.stdout).toMatch(re);
  });

  it('check exits 1 and says ERREUR when a recorded proxy breaks the one-per-holder rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seance-legal-'));
    const file = join(dir, 'commune.yaml');
    writeFileSync(
      file,
      readFileSync('config/examples/commune.yaml', 'utf8').replace(
        '{ holder: M. ROBERT, giver: M. LEFEVRE }',
        '{ holder: Mme PETIT, giver: M. LEFEVRE }',
      ),
    );
    const check = seance(file, ['check']);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(
      /1 erreur :\n1\. ERREUR sessions\(2026-03-12\)\.proxies\[1\] : pouvoir de M\. LEFEVRE à Mme PETIT : non pris en compte/,
    );
  });
});
