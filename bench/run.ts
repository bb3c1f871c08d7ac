/**
 * @module `npm run bench`: runs every benchmark in sequence, prints the table and writes bench/RESULTS.md
 * with the machine, the date and the command behind each figure.
 *   npm run bench                 all benchmarks
 *   npm run bench -- core slack   only these (core, records, config, slack, discord, startup, …): their sections
 *                                 of RESULTS.md are replaced, the others kept with the date they were measured
 *   npm run bench -- --quick      tiny iteration counts (what the smoke test runs); RESULTS.md is not written
 *   npm run bench -- --out FILE   write only this run's figures to FILE (RESULTS.md and results.json untouched)
 *   npm run bench -- --rerender   rewrite RESULTS.md from bench/results.json (after editing bench/NOTES.md)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS, type BenchName } from './registry.ts';
import { elapsedMs, nowNs } from './lib/measure.ts';
import { rowsToText, skipped, type Row } from './lib/result.ts';
import { mergeReports, resultsMarkdown, type Report } from './lib/report.ts';

export const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/**
 * The figures behind RESULTS.md, kept in the tree: a run of some benchmarks replaces their sections and keeps
 * the others (each with its own date), and RESULTS.md can be rewritten without measuring again.
 */
export const SAVED_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

/** Writes the report, then lets Biome align its tables: `npm test` checks the tree's format, this file included. */
function writeResults(file: string, markdown: string, saved?: Report): void {
  writeFileSync(file, markdown);
  if (file !== RESULTS_FILE) return; // Biome formats only the project's files (an --out elsewhere stays as written)
  if (saved) writeFileSync(SAVED_FILE, `${JSON.stringify(saved, null, 2)}\n`);
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  execFileSync(biome, ['format', '--write', file, ...(saved ? [SAVED_FILE] : [])], { stdio: 'ignore' });
}

function readSaved(): Report | undefined {
  if (!existsSync(SAVED_FILE)) return undefined;
  const saved = JSON.parse(readFileSync(SAVED_FILE, 'utf8')) as Omit<Report, 'date'> & { date: string };
  return { ...saved, date: new Date(saved.date) };
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started and when it ended: the machine is shared. */
  readonly load: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load: loadavg()[0]!.toFixed(2),
  };
}

interface Cli {
  readonly names: BenchName[];
  readonly quick: boolean;
  readonly out: string | undefined;
  readonly rerender: boolean;
}

function parseCli(argv: readonly string[]): Cli {
  const known = Object.keys(BENCHMARKS) as BenchName[];
  const names: BenchName[] = [];
  let quick = false;
  let out: string | undefined;
  let rerender = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--rerender') rerender = true;
    else if (a === '--out') out = argv[++i];
    else if ((known as string[]).includes(a)) names.push(a as BenchName);
    else throw new Error(`unknown argument ${a}; benchmarks: ${known.join(', ')}`);
  }
  return { names: names.length ? names : known, quick, out, rerender };
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  if (cli.rerender) {
    const saved = readSaved();
    if (!saved) throw new Error(`${SAVED_FILE} is missing: run npm run bench first`);
    const file = cli.out ?? RESULTS_FILE;
    writeResults(file, resultsMarkdown(saved));
    process.stdout.write(`Rewritten ${file} from ${SAVED_FILE} (run of ${saved.date.toISOString()})\n`);
    return;
  }
  const started = new Date();
  const loadAtStart = machine().load;
  const t0 = nowNs();
  const rows: Row[] = [];
  const durations: Record<string, number> = {};
  for (const name of cli.names) {
    process.stderr.write(`bench: ${name}…\n`);
    const t = nowNs();
    try {
      const mod = await BENCHMARKS[name]();
      rows.push(...(await mod.run({ quick: cli.quick })));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      process.stderr.write(`bench: ${name} failed: ${e instanceof Error ? e.stack : why}\n`);
      rows.push(skipped(name, `${name} (failed)`, why.split('\n')[0]!, `npm run bench -- ${name}`));
    }
    durations[name] = elapsedMs(t) / 1000;
    process.stderr.write(`bench: ${name} done in ${durations[name]!.toFixed(1)} s\n`);
  }
  const totalSeconds = elapsedMs(t0) / 1000;
  process.stdout.write(`\n${rowsToText(rows)}\n\nTotal ${totalSeconds.toFixed(1)} s\n`);
  if (!cli.quick || cli.out) {
    const file = cli.out ?? RESULTS_FILE;
    const m = machine();
    const load = `${loadAtStart} at start, ${m.load} at end`;
    const report: Report = {
      rows,
      machine: { ...m, load },
      date: started,
      totalSeconds,
      durations,
      names: cli.names,
      sections: Object.fromEntries(cli.names.map((n) => [n, { date: started.toISOString(), load }])),
    };
    // Into RESULTS.md, this run's sections replace the saved ones; an --out file shows only this run.
    const saved = file === RESULTS_FILE && !cli.quick ? mergeReports(readSaved(), report) : undefined;
    writeResults(file, resultsMarkdown(saved ?? report), saved);
    process.stdout.write(`Written ${file}\n`);
  }
  // Keep-alive agents, child processes and timers of the benchmarks are closed by each one; exit anyway.
  process.exit(0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
