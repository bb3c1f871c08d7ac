/**
 * @module Benchmark: one reminder tick with 1,000 / 10,000 / 100,000 scheduled reminders of which 10 are
 * due. Times the pure `due()` on the sorted index (against a naive filter over every reminder) and the
 * scheduler's whole `tick()` over a memory store (state reads and writes, 10 deliveries to a no-op door).
 *   npx tsx bench/reminders-tick.bench.ts
 * Also exports `run` in the shape of bench/lib/result.ts, for `npm run bench -- reminders`.
 */
import { pathToFileURL } from 'node:url';
import { loadConfigFile } from '../src/app/load-config.ts';
import type { Config } from '../src/core/config.ts';
import type { Logger } from '../src/core/ports.ts';
import { indexReminders } from '../src/core/reminders/by-due.ts';
import { customToReminder } from '../src/core/reminders/custom.ts';
import { due } from '../src/core/reminders/due.ts';
import type { CustomReminder } from '../src/core/reminders/model.ts';
import { createReminderScheduler, REMINDER_KEYS } from '../src/core/reminders/scheduler.ts';
import { toZoned } from '../src/core/text/dates.ts';
import { createFakeClock } from '../src/infra/clock.ts';
import { openStore } from '../src/infra/keyv-store.ts';
import type { Row, RunOptions } from './lib/result.ts';

export const SIZES = [1_000, 10_000, 100_000] as const;
export const DUE_PER_TICK = 10;
const COMMAND = 'npx tsx bench/reminders-tick.bench.ts';
const T0 = Date.parse('2026-12-01T08:00:00Z');
const TZ = 'Europe/Paris';
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface TickFigure {
  readonly size: number;
  /** Pure due() on the sorted index, microseconds. */
  readonly dueUs: number;
  /** A filter over every reminder, microseconds: what a schedule without an index would pay. */
  readonly naiveUs: number;
  /** Median of whole scheduler ticks sending 10 reminders, milliseconds. */
  readonly tickMs: number;
  /** The first tick, which loads the stored reminders and builds the index, milliseconds. */
  readonly loadMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function rows(size: number, ticks: number): CustomReminder[] {
  const out: CustomReminder[] = [];
  const at = (ms: number, n: number): CustomReminder => {
    const z = toZoned(new Date(ms), TZ);
    return {
      number: n,
      date: z.date,
      time: z.time,
      to: { kind: 'delegates' },
      text: `rappel ${n}`,
      createdBy: 'bench',
      createdAt: '',
    };
  };
  // DUE_PER_TICK reminders at each measured minute, the rest spread over the following year.
  for (let k = 0; k < ticks; k++) for (let i = 0; i < DUE_PER_TICK; i++) out.push(at(T0 + k * 60_000, out.length + 1));
  const rest = size - out.length;
  for (let i = 0; i < rest; i++)
    out.push(at(T0 + 86_400_000 + Math.floor((i * 365 * 86_400_000) / rest / 60_000) * 60_000, out.length + 1));
  return out;
}

function timeUs(fn: () => unknown, iterations: number): number {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn();
    samples.push((performance.now() - t) * 1000);
  }
  return median(samples);
}

export async function measureTick(
  config: Config,
  size: number,
  ticks: number,
  iterations: number,
): Promise<TickFigure> {
  const table = rows(size, ticks);
  const reminders = table.map((r) => customToReminder(r, config));
  const ix = indexReminders(reminders);
  const grace = config.reminders.graceHours * 3_600_000;
  const dueUs = timeUs(() => due(T0, ix, new Map(), grace, T0 - 60_000), iterations);
  const naiveUs = timeUs(() => reminders.filter((r) => r.dueMs <= T0 && r.dueMs > T0 - grace), iterations);

  const store = await openStore('memory:');
  await store.set(REMINDER_KEYS.custom, table);
  await store.set(REMINDER_KEYS.customRev, 1);
  const clock = createFakeClock(new Date(T0 - 60_000));
  let delivered = 0;
  const scheduler = createReminderScheduler({
    config: { ...config, reminders: { graceHours: config.reminders.graceHours } },
    store,
    clock,
    logger: quiet,
    sessions: async () => [],
    record: async () => ({ version: 0, attendance: {}, proxies: [], journal: [] }),
    send: async () => {
      delivered++;
      return [{ door: 'bench', outcome: 'delivered' }];
    },
    sleep: async () => undefined,
  });
  let t = performance.now();
  await scheduler.tick();
  const loadMs = performance.now() - t;
  const samples: number[] = [];
  for (let k = 0; k < ticks; k++) {
    clock.set(new Date(T0 + k * 60_000));
    t = performance.now();
    const report = await scheduler.tick();
    samples.push(performance.now() - t);
    if (report.sent.length !== DUE_PER_TICK)
      throw new Error(`reminders bench: ${report.sent.length} sent, ${DUE_PER_TICK} expected`);
  }
  await scheduler.stop();
  await store.close?.();
  if (delivered !== ticks * DUE_PER_TICK) throw new Error('reminders bench: deliveries missing');
  return { size, dueUs, naiveUs, tickMs: median(samples), loadMs };
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const config = loadConfigFile('config/somme-numerique.yaml');
  const out: Row[] = [];
  for (const size of opts.quick ? [1_000] : SIZES) {
    const f = await measureTick(config, size, opts.quick ? 3 : 20, opts.quick ? 5 : 200);
    out.push(
      {
        bench: 'reminders',
        case: `due(), ${size.toLocaleString('en-US')} scheduled, 10 due`,
        value: f.dueUs,
        unit: 'µs',
        compare: { against: 'filter over every reminder', ratio: f.dueUs / f.naiveUs },
        command: COMMAND,
      },
      {
        bench: 'reminders',
        case: `tick(), ${size.toLocaleString('en-US')} scheduled, 10 sent`,
        value: f.tickMs,
        unit: 'ms',
        command: COMMAND,
        note: `first tick (load + index) ${f.loadMs.toFixed(1)} ms`,
      },
    );
  }
  return out;
}

async function main(): Promise<void> {
  const config = loadConfigFile('config/somme-numerique.yaml');
  const figures: TickFigure[] = [];
  for (const size of SIZES) figures.push(await measureTick(config, size, 20, 200));
  const fmt = (n: number, d = 1) => n.toLocaleString('fr-FR', { maximumFractionDigits: d, minimumFractionDigits: d });
  const header = [
    'rappels programmés',
    'dus',
    'due() µs',
    'filtre naïf µs',
    'tick() ms (médiane)',
    '1er tick ms (chargement)',
  ];
  const lines = figures.map((f) => [
    f.size.toLocaleString('fr-FR'),
    String(DUE_PER_TICK),
    fmt(f.dueUs),
    fmt(f.naiveUs),
    fmt(f.tickMs, 2),
    fmt(f.loadMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  process.stdout.write(`${[row(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(row)].join('\n')}\n`);
  process.stdout.write(
    `Node ${process.version}; médianes de 200 due() et de 20 ticks (10 rappels envoyés par tick, store mémoire).\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
