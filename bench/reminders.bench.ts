/**
 * @module Reminders: runs the reminders engineer's bench/reminders-tick.bench.ts (cost of one tick with 1,000,
 * 10,000 and 100,000 scheduled reminders, 10 due) through its exported `run`, keeps its rows as they are, and
 * adds the goal: flat in the number scheduled (each size against 1,000, within a noise margin).
 * If that file stops exporting `run`, it is spawned as a script instead and its table kept as a note.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './lib/child.ts';
import type { BenchRun, Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npx tsx bench/reminders-tick.bench.ts';
/** "Flat": a tick with 100 times more reminders may cost at most this many times more (noise, log n). */
export const FLAT_TOLERANCE = 2;

const SIZE = /^(due|tick)\(\), ([\d,]+) scheduled/;

/** Adds one growth row per function and size above the smallest, when the rows can be read. */
export function growthRows(rows: readonly Row[]): Row[] {
  const out: Row[] = [];
  for (const fn of ['due', 'tick'] as const) {
    const sized = rows
      .map((r) => ({ r, m: SIZE.exec(r.case) }))
      .filter((x): x is { r: Row; m: RegExpExecArray } => x.m !== null && x.m[1] === fn)
      .map(({ r, m }) => ({ r, size: Number(m[2]!.replace(/,/g, '')) }))
      .sort((a, b) => a.size - b.size);
    const base = sized[0];
    if (!base) continue;
    for (const s of sized.slice(1)) {
      const ratio = s.r.value / base.r.value;
      out.push({
        bench: 'reminders',
        case: `${fn}() growth, ${s.size.toLocaleString('en-US')} vs ${base.size.toLocaleString('en-US')} scheduled`,
        value: ratio,
        unit: '×',
        compare: { against: `${fn}() with ${base.size.toLocaleString('en-US')} scheduled`, ratio },
        // The goal is on the tick; due() alone is a few µs timed call by call, within timer noise.
        goal:
          fn === 'tick'
            ? {
                text: `flat (≤ ${FLAT_TOLERANCE}× for ${(s.size / base.size).toLocaleString('en-US')}× the reminders)`,
                met: ratio <= FLAT_TOLERANCE,
              }
            : undefined,
        command: s.r.command,
        note: fn === 'due' ? 'a few µs per call, timed one call at a time: mostly timer and GC noise' : undefined,
      });
    }
  }
  return out;
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const mod = (await import('./reminders-tick.bench.ts')) as { run?: BenchRun };
  if (typeof mod.run === 'function') {
    const rows = await mod.run(opts);
    return [...rows, ...growthRows(rows)];
  }
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/reminders-tick.bench.ts'], {
    cwd: ROOT,
    timeout: 300_000,
  });
  return [
    {
      bench: 'reminders',
      case: 'reminders-tick.bench.ts (spawned; no run export)',
      value: Number.NaN,
      unit: 'see note',
      command: COMMAND,
      note: stdout.trim().replace(/\n/g, ' / '),
    },
  ];
}
