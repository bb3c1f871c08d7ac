/**
 * @module A child process (run with --expose-gc) for the memory benchmark: the whole bot in-process on the
 * sample config and a memory store runs a warm-up of commands, then `count` more, and reports heap and
 * resident memory after a full GC at each checkpoint. Commands: the four read commands, a typo (the error
 * path) and a /pouvoirs for a given date, in turn.
 *   node --expose-gc --import tsx bench/servers/memory-child.ts WARMUP COUNT
 */
import { signalReady } from '../lib/child.ts';
import { benchSeance, readerActor, sampleConfig, SAMPLE_SESSION } from '../lib/fixtures.ts';
import { replyToText } from '../../src/core/reply-text.ts';

const LINES = ['/quorum', '/pouvoirs', '/tarifs', '/devis cyber 10 membre', '/quorom', `/pouvoirs ${SAMPLE_SESSION}`];

export interface MemoryPoint {
  readonly commands: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('memory-child: run with --expose-gc\n');
  process.exit(2);
}

const warmup = Number(process.argv[2] ?? 10_000);
const count = Number(process.argv[3] ?? 100_000);
const bench = await benchSeance(sampleConfig());
const { dispatcher } = bench.hub;
let done = 0;
let chars = 0;
const runCommands = async (n: number) => {
  for (let i = 0; i < n; i++) {
    chars += replyToText(await dispatcher.runLine(LINES[done % LINES.length]!, readerActor)).length;
    done++;
  }
};
const point = (): MemoryPoint => {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { commands: done, heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
};

const points: MemoryPoint[] = [point()];
await runCommands(warmup);
points.push(point());
for (let k = 0; k < 4; k++) {
  await runCommands(count / 4);
  points.push(point());
}
await bench.close();
signalReady({ points, chars });
