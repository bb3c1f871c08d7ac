/**
 * @module The bodies of a deployment, from `SEANCE_CONFIG`: one file (one body, as before), or a directory
 * of body files (one YAML per body). A body's id is `body.id`, else its file name without .yaml in a
 * directory, else `default` for a single file, so that the data of an existing install (stored under
 * `default`) stays where it was. Ids, Slack workspaces and Discord servers must be unique across the files.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppConfig } from './accounts.ts';
import { ConfigError, loadConfigFile } from './load-config.ts';

/** The body id of a single-file deployment: today's installs stored everything under it. */
export const SINGLE_BODY_ID = 'default';

export interface BodyConfig {
  readonly id: string;
  readonly config: AppConfig;
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const BODY_FILE = /\.ya?ml$/i;

/**
 * Throws a `ConfigError` (French) listing every problem of every file. `load` reads one body file (npm start
 * passes a cached one, src/app/config-cache.ts).
 */
export function loadBodies(path: string, load: (file: string) => AppConfig = loadConfigFile): BodyConfig[] {
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch (e) {
    throw new ConfigError(path, [`fichier ou dossier illisible (${(e as NodeJS.ErrnoException).code ?? 'erreur'})`]);
  }
  if (!directory) {
    const config = load(path);
    return [{ id: config.declaredId ?? SINGLE_BODY_ID, config }];
  }
  const files = readdirSync(path)
    .filter((f) => BODY_FILE.test(f) && !f.startsWith('.'))
    .sort();
  if (files.length === 0)
    throw new ConfigError(path, ["dossier sans fichier d'organe : un fichier .yaml par organe est attendu"]);
  const problems: string[] = [];
  const bodies: BodyConfig[] = [];
  for (const name of files) {
    const file = join(path, name);
    let config: AppConfig;
    try {
      config = load(file);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems.map((p) => `${name} : ${p}`));
      continue;
    }
    const stem = basename(name).replace(BODY_FILE, '');
    const id = config.declaredId ?? stem;
    if (!ID.test(id)) {
      problems.push(
        `${name}, body.id : le nom du fichier « ${stem} » ne peut pas servir d'identifiant (minuscules, chiffres et tirets) ; renommez le fichier ou donnez body.id`,
      );
      continue;
    }
    bodies.push({ id, config });
  }
  problems.push(...duplicates(bodies));
  if (problems.length) throw new ConfigError(path, problems);
  return bodies;
}

/** Two bodies with the same id, Slack workspace or Discord server: each problem names the file and the field. */
function duplicates(bodies: readonly BodyConfig[]): string[] {
  const problems: string[] = [];
  const fields = [
    ['body.id', 'identifiant', (b: BodyConfig) => b.id],
    ['slack.team', 'espace de travail Slack', (b: BodyConfig) => b.config.doors.spaces?.slack],
    ['discord.guild', 'serveur Discord', (b: BodyConfig) => b.config.doors.spaces?.discord],
  ] as const;
  for (const [field, what, valueOf] of fields) {
    const seen = new Map<string, BodyConfig>();
    for (const b of bodies) {
      const v = valueOf(b);
      if (!v) continue;
      const first = seen.get(v);
      if (first)
        problems.push(
          `${basename(b.config.file)}, ${field} : ${what} « ${v} » déjà attribué à l'organe « ${first.id} » (${basename(first.config.file)}) ; chaque organe a le sien`,
        );
      else seen.set(v, b);
    }
  }
  return problems;
}
