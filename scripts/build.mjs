#!/usr/bin/env node
/**
 * Compiles src/ into one ES module bundle (esbuild, the compiler tsx already ships) for `npm start`: run by
 * `npm ci` (the `prepare` script) and again by scripts/start.mjs when a source changed since. Libraries
 * stay in node_modules (imported at run time), the doors, the store engines and the ticker stay separate
 * chunks loaded only when used. Each build goes to its own folder and `dist/current.json` is replaced
 * atomically at the end, so a process starting meanwhile never reads a half-written build.
 */
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const CURRENT = join(DIST, 'current.json');
/** Files read at run time next to the code (src/web/render.ts finds them beside its module). */
const ASSETS = ['src/web/views', 'src/web/style.css'];
/** Builds kept besides the newest one: a process started on an older build may still load its chunks. */
const KEPT_BUILDS = 2;

/** Every file under `path` (or `path` itself), relative to the root. */
function filesUnder(path) {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** What a build was made from: each input's modification time and size. */
export function fingerprint(files) {
  return Object.fromEntries(
    files.map((f) => {
      const s = statSync(join(ROOT, f));
      return [f, [s.mtimeMs, s.size]];
    }),
  );
}

export async function buildDist({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const { build } = await import('esbuild');
  const started = Date.now();
  const name = `build-${started}-${process.pid}`;
  const outdir = join(DIST, name);
  mkdirSync(DIST, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  for (const asset of ASSETS)
    cpSync(join(ROOT, asset), join(outdir, asset.replace(/^src\/web\//, '')), { recursive: true });
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')),
    ...ASSETS.flatMap(filesUnder),
  ];
  const next = `${CURRENT}.${process.pid}.tmp`;
  writeFileSync(next, JSON.stringify({ build: name, inputs: fingerprint(inputs) }));
  renameSync(next, CURRENT);
  const older = readdirSync(DIST)
    .filter((d) => d.startsWith('build-') && d !== name)
    .sort()
    .slice(0, -KEPT_BUILDS || undefined);
  for (const d of older) rmSync(join(DIST, d), { recursive: true, force: true });
  log(`Séance compilé dans ${relative(ROOT, outdir)} (${Date.now() - started} ms)`);
  return join(outdir, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildDist();
