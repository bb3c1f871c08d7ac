/**
 * @module A directory of two body files for tests of several bodies in one deployment: the sample config as
 * the « comite » (Slack workspace TCOMITE, Discord server COMITE_GUILD) and as the « bureau » (TBUREAU,
 * BUREAU_GUILD, its own channels). Both have the sample's people, so a direct message is ambiguous.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CONFIG } from './test-bot.ts';

export const COMITE_TEAM = 'TCOMITE';
export const BUREAU_TEAM = 'TBUREAU';
export const COMITE_GUILD = '500000000000000001';
export const BUREAU_GUILD = '500000000000000002';
/** The bureau's channels (the comité keeps the sample's). */
export const BUREAU_CHANNELS = {
  slack: { secretariat: 'C0BURSECRE', delegates: 'C0BURDELEG' },
  discord: { secretariat: '410000000000000001', delegates: '410000000000000002' },
} as const;

export interface BodyChannels {
  readonly slack: { readonly secretariat: string; readonly delegates: string };
  readonly discord: { readonly secretariat: string; readonly delegates: string };
}

/** The sample's YAML with this body's workspace, server, name and (optionally) channels. */
export function bodyYaml(opts: {
  team?: string;
  guild?: string;
  name?: string;
  id?: string;
  channels?: BodyChannels;
}): string {
  let yaml = readFileSync(SAMPLE_CONFIG, 'utf8');
  const slack = opts.channels?.slack;
  const discord = opts.channels?.discord;
  yaml = yaml.replace(
    /^slack:\n {2}secretariatChannel: \S+\n {2}delegatesChannel: \S+\ndiscord:\n {2}secretariatChannel: \S+\n {2}delegatesChannel: \S+\n/m,
    [
      'slack:',
      ...(opts.team ? [`  team: ${opts.team}`] : []),
      `  secretariatChannel: ${slack?.secretariat ?? 'C0SECRETAR'}`,
      `  delegatesChannel: ${slack?.delegates ?? 'C0DELEGUES'}`,
      'discord:',
      ...(opts.guild ? [`  guild: "${opts.guild}"`] : []),
      `  secretariatChannel: "${discord?.secretariat ?? '400000000000000001'}"`,
      `  delegatesChannel: "${discord?.delegates ?? '400000000000000002'}"`,
      '',
    ].join('\n'),
  );
  if (opts.name) yaml = yaml.replace(/^ {2}name: Somme Numérique$/m, `  name: ${opts.name}`);
  if (opts.id) yaml = yaml.replace(/^body:\n/m, `body:\n  id: ${opts.id}\n`);
  if (!yaml.includes(`team: ${opts.team ?? 'none'}`) && opts.team) throw new Error('test: sample slack section moved');
  return yaml;
}

/** A fresh directory with comite.yaml and bureau.yaml; `extra` adds files (name → YAML). */
export function writeBodiesDir(
  extra: Record<string, string> = {},
  bureau: { guild?: string; channels?: BodyChannels } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'seance-bodies-'));
  writeFileSync(join(dir, 'comite.yaml'), bodyYaml({ team: COMITE_TEAM, guild: COMITE_GUILD }));
  writeFileSync(
    join(dir, 'bureau.yaml'),
    bodyYaml({
      team: BUREAU_TEAM,
      guild: bureau.guild ?? BUREAU_GUILD,
      name: 'Bureau de Somme Numérique',
      channels: bureau.channels ?? BUREAU_CHANNELS,
    }),
  );
  for (const [name, yaml] of Object.entries(extra)) writeFileSync(join(dir, name), yaml);
  return dir;
}
