#!/usr/bin/env node
/**
 * `npm start`: runs the compiled bot (dist/, built by `npm ci`), compiling it first when a source file
 * changed since (or was never built): plain JavaScript starts in a fraction of the time the TypeScript
 * loader takes. Arguments are passed through (`npm start -- --as "M. PAYEN"`, `npm run check`).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = new URL('..', import.meta.url);
const DIST = new URL('dist/', ROOT);

/** The current build's entry, if every input it was made from is unchanged. */
function freshBuild() {
  let current;
  try {
    current = JSON.parse(readFileSync(new URL('current.json', DIST), 'utf8'));
  } catch {
    return undefined;
  }
  for (const [file, [mtimeMs, size]] of Object.entries(current.inputs)) {
    try {
      const s = statSync(new URL(file, ROOT));
      if (s.mtimeMs !== mtimeMs || s.size !== size) return undefined;
    } catch {
      return undefined;
    }
  }
  return new URL(`${current.build}/main.js`, DIST);
}

let entry = freshBuild();
if (!entry) {
  const { buildDist } = await import('./build.mjs');
  entry = pathToFileURL(await buildDist());
}
// The checked config is cached inside the build (src/app/config-cache.ts): a new build checks it again.
process.env.SEANCE_CONFIG_CACHE ??= fileURLToPath(new URL('config-cache/', entry));
await import(entry.href);
