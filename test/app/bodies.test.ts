/**
 * Several bodies in one deployment: a directory of body files, their ids, and what must be unique across
 * them (French errors naming the file and the field); one file keeps today's body `default`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBodies } from '../../src/app/bodies.ts';
import { ConfigError } from '../../src/app/load-config.ts';
import { BUREAU_TEAM, bodyYaml, writeBodiesDir } from '../helpers/bodies-dir.ts';
import { SAMPLE_CONFIG } from '../helpers/test-bot.ts';

const problemsOf = (path: string) => {
  try {
    loadBodies(path);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('test: expected a ConfigError');
};

describe('loadBodies', () => {
  it('reads one body per file of a directory, named by its file, with its workspace and server', () => {
    const bodies = loadBodies(writeBodiesDir());
    expect(bodies.map((b) => b.id)).toEqual(['bureau', 'comite']);
    expect(bodies[0]!.config.doors.spaces).toEqual({ slack: BUREAU_TEAM, discord: '500000000000000002' });
    expect(bodies[0]!.config.body.name).toBe('Bureau de Somme Numérique');
  });

  it('keeps a single file as the body « default » (the data of existing installs), or its body.id', () => {
    expect(loadBodies(SAMPLE_CONFIG).map((b) => b.id)).toEqual(['default']);
    const dir = mkdtempSync(join(tmpdir(), 'seance-one-'));
    writeFileSync(join(dir, 'x.yaml'), bodyYaml({ id: 'bureau' }));
    expect(loadBodies(join(dir, 'x.yaml')).map((b) => b.id)).toEqual(['bureau']);
  });

  it('body.id overrides the file name, and two bodies with one id are refused naming the file and the field', () => {
    const message = problemsOf(writeBodiesDir({ 'autre.yaml': bodyYaml({ id: 'comite' }) }));
    expect(message).toContain(
      "comite.yaml, body.id : identifiant « comite » déjà attribué à l'organe « comite » (autre.yaml)",
    );
  });

  it('refuses one Slack workspace or Discord server for two bodies', () => {
    const message = problemsOf(
      writeBodiesDir({ 'ca.yaml': bodyYaml({ team: BUREAU_TEAM, guild: '500000000000000001' }) }),
    );
    expect(message).toContain(
      "ca.yaml, slack.team : espace de travail Slack « TBUREAU » déjà attribué à l'organe « bureau » (bureau.yaml)",
    );
    expect(message).toContain(
      "comite.yaml, discord.guild : serveur Discord « 500000000000000001 » déjà attribué à l'organe « ca » (ca.yaml)",
    );
  });

  it('names the file of a broken body, an unusable file name, and an empty directory', () => {
    const broken = problemsOf(writeBodiesDir({ 'ca.yaml': 'body: {}\n' }));
    expect(broken).toMatch(/ca\.yaml : body\.name/);
    expect(problemsOf(writeBodiesDir({ 'Conseil Municipal.yaml': bodyYaml({}) }))).toContain(
      "Conseil Municipal.yaml, body.id : le nom du fichier « Conseil Municipal » ne peut pas servir d'identifiant",
    );
    expect(problemsOf(mkdtempSync(join(tmpdir(), 'seance-empty-')))).toContain("dossier sans fichier d'organe");
  });
});
