import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/app/load-config.ts';
import { checkConfig, formatCheck } from '../../src/core/check.ts';

const sample = readFileSync('config/somme-numerique.yaml', 'utf8');
const problems = (yaml: string) => {
  try {
    parseConfig(yaml, 'bad.yaml');
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
};

describe('loading the configuration', () => {
  it('loads the sample: 47 delegates, one session with its attendance and 12 proxies, 8 services', () => {
    const c = loadConfigFile('config/somme-numerique.yaml');
    expect(c.roster).toHaveLength(47);
    expect(c.seedRecords['2024-10-07']!.proxies).toHaveLength(12);
    expect(c.catalogue.services).toHaveLength(8);
    expect(c.body.convocationDays).toBe(5);
  });
  it('names the path, the line, what was expected and what was found', () => {
    const bad = sample.replace(
      'lastName: PAYEN, member: epci, votes: 1,',
      'lastName: PAYEN, member: epci, votes: six,',
    );
    const [p] = problems(bad);
    expect(p).toMatch(/^roster\[6\]\.votes \(ligne \d+\) : .*nombre.* ; trouvé : "six"$/);
  });
  it('reports an unknown member body and an unknown name in the recorded attendance', () => {
    const bad = sample
      .replace('lastName: THUEUX, member: epci', 'lastName: THUEUX, member: picardie')
      .replace('distance: [M. PAYEN,', 'distance: [M. DUPONT,');
    const ps = problems(bad);
    expect(ps.some((p) => /roster\[7\]\.member .*membre inconnu "picardie"/.test(p))).toBe(true);
    expect(ps.some((p) => /sessions\[0\]\.attendance\.distance\[0\].*délégué inconnu "M\. DUPONT"/.test(p))).toBe(true);
  });
  it('reports broken YAML with its line', () => {
    expect(problems('body:\n  name: [unclosed\n')[0]).toMatch(/ligne \d+/);
  });
  it('reports YAML syntax errors in French: line, column, what was expected, the line itself', () => {
    expect(problems('body:\n  name: x\n  name: y\n')).toEqual([
      "ligne 3, colonne 3 : clé en double : chaque clé ne peut apparaître qu'une fois au même niveau ; ligne concernée : « name: y »",
    ]);
    expect(problems('body:\n\tname: x\n')[0]).toMatch(
      /^ligne 2, colonne \d+ : tabulation interdite pour indenter : utiliser des espaces/,
    );
    expect(problems('a: [1, 2\nb: 3\n')[0]).toMatch(
      /^ligne 2, colonne 1 : liste entre \[ \] non fermée.*il manque sans doute « \] »/,
    );
    expect(problems('a: *nowhere\n')[0]).toMatch(/alias YAML non résolu : \*nowhere/);
  });
  it('reports a chat id given to two people', () => {
    const bad = sample.replace('slackId: U0PARSIS01', 'slackId: U0VARLET01');
    expect(problems(bad).join('\n')).toMatch(/roster\[1\]\.slackId .*"U0VARLET01" est déjà attribué à roster\[0\]/);
  });
});

describe('seance check on the sample', () => {
  const c = loadConfigFile('config/somme-numerique.yaml');
  const text = formatCheck(c, checkConfig(c));
  it("reports the roster's 107 votes against the 104 of the minutes", () => {
    expect(text).toMatch(/annonce 104 voix, mais le registre en totalise 107/);
  });
  it('reports BLOKCLET as the near-identical BLOCKLET', () => {
    expect(text).toMatch(/M\. BLOKCLET.*M\. BLOCKLET/);
  });
  it('reports the non-member Pack Cybersécurité monthly price that disagrees with its yearly price', () => {
    expect(text).toMatch(/Pack « Cybersécurité ».*36,00\s€.*35,00\s€/);
  });
  it('gives a suggestion with each warning', () => {
    const warnings = checkConfig(c);
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    for (const w of warnings) expect(w.suggestion.length).toBeGreaterThan(5);
  });
});

describe('the process on a bad configuration', () => {
  it('refuses a YAML alias bomb and an excessive depth, naming the file, without a stack trace', () => {
    const levels = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ];
    const bomb = `${levels.join('\n')}\n`;
    const refused = (yaml: string) => {
      try {
        parseConfig(yaml, 'bombe.yaml');
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    };
    const b = refused(bomb);
    expect(b).toBeInstanceOf(ConfigError);
    expect(b.message).toContain('bombe.yaml');
    expect(b.problems[0]).toMatch(/^trop d'alias YAML .* fichier refusé/);
    expect(b.message).not.toMatch(/\bat \S+ \(/); // no stack frame

    const deepFlow = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const deepBlock = `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`;
    for (const yaml of [deepFlow, deepBlock]) {
      const d = refused(yaml);
      expect(d).toBeInstanceOf(ConfigError);
      expect(d.message).toContain('bombe.yaml');
      expect(d.problems[0]).toMatch(/structure YAML trop profonde/);
    }
  });
  it('exits with status 2 and names the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seance-cfg-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, sample.replace('vatPercent: 20', 'vatPercent: vingt'));
    const r = spawnSync('npx', ['tsx', 'src/main.ts'], {
      env: { ...process.env, SEANCE_CONFIG: file, SEANCE_STORE: 'memory:' },
      encoding: 'utf8',
      input: '',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/body\.vatPercent \(ligne \d+\)/);
    expect(r.stdout).toBe('');
  });
  it('npm run check prints the warnings and exits 0', () => {
    const out = execFileSync('npx', ['tsx', 'src/main.ts', 'check'], { encoding: 'utf8' });
    expect(out).toContain('3 avertissements');
  });
});
