/**
 * @module The layer rules of src/, checked on the imports the TypeScript parser finds in each file (static,
 * bare `import 'x'`, `export … from`, dynamic `import()`), so that a rule cannot be dodged by the import's form.
 * Used by test/architecture.test.ts on the real tree and on a deliberately bad fixture tree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Chat platforms, stores, schedulers, servers: never in the core. */
const PLATFORM =
  /^(@slack\/|discord\.js$|@discordjs\/|keyv$|@keyv\/|pg$|sqlite|better-sqlite3$|node-cron$|ws$|express$|hono$|@hono\/)/;
/** Pure libraries a command may use besides the core. */
const COMMAND_PACKAGES = new Set(['zod']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module a file imports, however it is written. */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** 'core', 'commands', 'adapters/slack', 'infra', 'app', 'main' (src/main.ts), or another top folder of src. */
function layerOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(sep);
  if (parts.length === 1) return parts[0]!.replace(/\.ts$/, '');
  return parts[0] === 'adapters' && parts.length > 2 ? `adapters/${parts[1]}` : parts[0]!;
}

/** What a layer may import from src/ (by layer) and from outside (bare specifiers). */
function allowed(layer: string, target: string): boolean {
  if (layer === 'app' || layer === 'main') return target !== 'main';
  if (layer === 'core') return target === 'core';
  if (layer === 'commands') return target === 'core' || target === 'commands';
  if (layer === 'infra') return target === 'core' || target === 'infra';
  // Doors (and any other leaf folder): the core, infra, and their own folder only.
  return target === 'core' || target === 'infra' || target === layer;
}

function bareProblem(layer: string, spec: string): string | undefined {
  if (layer === 'core') {
    if (BUILTINS.has(spec) || spec.startsWith('node:')) return 'a Node module in the core (I/O, timers...)';
    if (PLATFORM.test(spec)) return 'a platform, store or scheduler in the core';
  }
  if (layer === 'commands' && !COMMAND_PACKAGES.has(spec)) return 'a command imports only the core';
  return undefined;
}

/** Lines `file: import 'x' (why)` for every broken rule under `root`/src. */
export function layerViolations(root: string): string[] {
  const srcDir = resolve(root, 'src');
  const out: string[] = [];
  for (const file of files(srcDir)) {
    const layer = layerOf(srcDir, file);
    const source = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const spec of importsOf(source)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(srcDir + sep)) {
          out.push(`${where}: import '${spec}' (outside src/)`);
          continue;
        }
        const to = layerOf(srcDir, target);
        if (!allowed(layer, to)) out.push(`${where}: import '${spec}' (${layer} may not import ${to})`);
      } else {
        const why = bareProblem(layer, spec);
        if (why) out.push(`${where}: import '${spec}' (${why})`);
      }
    }
    if (layer === 'core') {
      if (/process\.env/.test(source)) out.push(`${where}: reads process.env`);
      if (/Date\.now\(\)|new Date\(\)/.test(source)) out.push(`${where}: reads the system clock`);
      if (/\b(setTimeout|setInterval|setImmediate)\s*\(/.test(source)) out.push(`${where}: starts a timer`);
    }
    if (layer.startsWith('adapters/') && /process\.env/.test(source))
      out.push(`${where}: a door reads process.env (it receives settings)`);
  }
  return out;
}
