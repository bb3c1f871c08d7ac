/**
 * @module The checked config kept as JSON beside the compiled bot, under a hash of the file's path and
 * content: a start whose config did not change skips the YAML parser and the schema checks (a large share of
 * start-up CPU). Only `npm start` sets the folder (scripts/start.mjs: SEANCE_CONFIG_CACHE, inside its
 * build), so a config checked by older code is never read by a newer build. Any trouble with the cache
 * (unreadable, read-only install) falls back to loading the file as always.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './accounts.ts';
import { loadConfigFile, parseConfig } from './load-config.ts';

/** A body-file loader that reads and fills the cache in `cacheDir` (none: the plain loader). */
export function cachedConfigLoader(cacheDir: string | undefined): (file: string) => AppConfig {
  if (!cacheDir) return loadConfigFile;
  return (file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return loadConfigFile(file); // says why in French
    }
    const key = createHash('sha256').update(file).update('\u0000').update(text).digest('hex').slice(0, 40);
    const path = join(cacheDir, `${key}.json`);
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as AppConfig;
    } catch {
      // not cached yet
    }
    const config = parseConfig(text, file);
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(config));
      renameSync(tmp, path);
    } catch {
      // a read-only install simply does not cache
    }
    return config;
  };
}
