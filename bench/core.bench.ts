/**
 * @module Core benchmark: commands per second in-process, parse → run → render to text (`replyToText`), for
 * /quorum, /pouvoirs, /tarifs and /devis on generated rosters of 44, 1,000 and 10,000 delegates (attendance
 * and proxies in the sample's proportions). Larger rosters are compared with the 44-delegate figure, so the
 * growth shows; the 44-delegate figures are compared with a fixed pure-JS workload run in the same process
 * (a JSON round-trip of the sample roster), which says how fast this machine is.
 */
import { replyToText } from '../src/core/reply-text.ts';
import { benchSeance, generatedRoster, readerActor, sampleConfig } from './lib/fixtures.ts';
import { throughput, type ThroughputOptions } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

export const COMMANDS = ['/quorum', '/pouvoirs', '/tarifs', '/devis cyber 10 membre'] as const;
export const SIZES = [44, 1_000, 10_000] as const;
export const QUORUM_GOAL_PER_SEC = 100_000;
const COMMAND = 'npm run bench -- core';

export interface CoreFigure {
  readonly line: string;
  readonly size: number;
  readonly opsPerSec: number;
  readonly opsPerCpuSec: number;
  readonly usPerOp: number;
}

/** Runs one command line in a loop on a roster of `size` delegates. */
export async function measureCommand(line: string, size: number, timing: ThroughputOptions): Promise<CoreFigure> {
  const { config } = generatedRoster(size);
  const bench = await benchSeance(config);
  try {
    const { dispatcher } = bench.hub;
    const first = await dispatcher.runLine(line, readerActor);
    if (first.tone === 'error') throw new Error(`core bench: ${line} answered an error: ${replyToText(first)}`);
    let chars = 0; // keeps the rendering from being optimised away
    const t = await throughput(async () => {
      chars += replyToText(await dispatcher.runLine(line, readerActor)).length;
    }, timing);
    if (chars === 0) throw new Error('core bench: empty replies');
    return { line, size, opsPerSec: t.opsPerSec, opsPerCpuSec: t.opsPerCpuSec, usPerOp: t.usPerOp };
  } finally {
    await bench.close();
  }
}

/** The machine-speed reference: a JSON round-trip of the sample's roster. */
async function referenceRate(timing: ThroughputOptions): Promise<number> {
  const roster = sampleConfig().roster;
  let n = 0;
  const t = await throughput(() => {
    n += (JSON.parse(JSON.stringify(roster)) as unknown[]).length;
  }, timing);
  if (n === 0) throw new Error('unreachable');
  return t.opsPerSec;
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const timing: ThroughputOptions = opts.quick
    ? { warmupMs: 10, rounds: 1, roundMs: 20 }
    : { warmupMs: 300, rounds: 5, roundMs: 250 };
  const sizes = opts.quick ? [44, 1_000] : SIZES;
  const rows: Row[] = [];
  const reference = await referenceRate(timing);
  rows.push({
    bench: 'core',
    case: 'reference: JSON round-trip of the 47-delegate sample roster',
    value: reference,
    unit: 'ops/s',
    command: COMMAND,
    note: 'machine speed, for comparing figures across machines',
  });
  for (const line of COMMANDS) {
    const figures: CoreFigure[] = [];
    for (const size of sizes) figures.push(await measureCommand(line, size, timing));
    const base = figures[0]!;
    for (const f of figures) {
      const isBase = f === base;
      const growth = f.usPerOp / base.usPerOp;
      const rosterGrowth = f.size / base.size;
      rows.push({
        bench: 'core',
        case: `${line}, ${f.size.toLocaleString('en-US')} delegates`,
        value: f.opsPerSec,
        unit: 'ops/s',
        compare: isBase
          ? { against: 'reference JSON round-trip (ops/s ÷ ops/s)', ratio: f.opsPerSec / reference }
          : {
              against: `time per command ÷ ${base.size} delegates (roster ×${rosterGrowth.toFixed(0)})`,
              ratio: growth,
            },
        goal:
          line === '/quorum' && isBase
            ? { text: `≥ ${QUORUM_GOAL_PER_SEC.toLocaleString('en-US')}/s`, met: f.opsPerSec >= QUORUM_GOAL_PER_SEC }
            : !isBase
              ? { text: `growth ≤ linear (≤ ${rosterGrowth.toFixed(0)}×)`, met: growth <= rosterGrowth }
              : undefined,
        command: COMMAND,
        note: `${f.usPerOp.toFixed(1)} µs per command; ${Math.round(f.opsPerCpuSec).toLocaleString('en-US')} per CPU-second`,
      });
    }
  }
  return rows;
}
