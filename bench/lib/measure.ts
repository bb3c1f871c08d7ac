/**
 * @module Timing primitives for the benchmarks: `process.hrtime.bigint()`, warm-up, median and p99, and loops
 * that stop by themselves (a count or a time budget, whichever ends first). No timing assertion lives here:
 * benchmarks report figures, they do not pass or fail.
 */

/** Nanoseconds from an arbitrary origin. */
export const nowNs = (): bigint => process.hrtime.bigint();

/** Milliseconds between two `nowNs()` readings. */
export const elapsedMs = (from: bigint, to: bigint = nowNs()): number => Number(to - from) / 1e6;

export interface Summary {
  readonly n: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarise(samplesMs: readonly number[]): Summary {
  const s = [...samplesMs].sort((a, b) => a - b);
  return {
    n: s.length,
    medianMs: median(s),
    p99Ms: percentile(s, 99),
    meanMs: s.reduce((a, b) => a + b, 0) / (s.length || 1),
    minMs: s[0] ?? Number.NaN,
    maxMs: s[s.length - 1] ?? Number.NaN,
  };
}

export interface ThroughputOptions {
  /** Time spent running before measuring (JIT, caches). */
  readonly warmupMs: number;
  /** Number of measured rounds; the reported rate is their median. */
  readonly rounds: number;
  /** Length of one round. */
  readonly roundMs: number;
  /** Hard cap on operations in one round, so a loop always stops. */
  readonly maxOpsPerRound?: number;
}

export interface Throughput {
  /** Median over rounds of operations per second (wall clock). */
  readonly opsPerSec: number;
  /** Median over rounds of operations per CPU-second of this process (less sensitive to other load). */
  readonly opsPerCpuSec: number;
  /** Median time of one operation, from the median round. */
  readonly usPerOp: number;
  readonly rounds: readonly number[];
  readonly ops: number;
}

/**
 * Operations per second of a sequential async loop. The clock is read every `batch` operations only, so
 * reading it does not dominate sub-microsecond work.
 */
export async function throughput(
  op: (i: number) => unknown | Promise<unknown>,
  opts: ThroughputOptions,
): Promise<Throughput> {
  const maxOps = opts.maxOpsPerRound ?? 5_000_000;
  const runFor = async (ms: number): Promise<{ ops: number; ms: number; cpuMs: number }> => {
    const budget = BigInt(Math.round(ms * 1e6));
    const cpu0 = process.cpuUsage();
    const start = nowNs();
    let ops = 0;
    let batch = 1;
    for (;;) {
      for (let k = 0; k < batch; k++) await op(ops++);
      const spent = nowNs() - start;
      if (spent >= budget || ops >= maxOps) {
        const cpu = process.cpuUsage(cpu0);
        return { ops, ms: Number(spent) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
      }
      if (batch < 256) batch *= 2;
    }
  };
  await runFor(opts.warmupMs);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let total = 0;
  for (let r = 0; r < opts.rounds; r++) {
    const { ops, ms, cpuMs } = await runFor(opts.roundMs);
    total += ops;
    rates.push((ops / ms) * 1000);
    cpuRates.push((ops / Math.max(cpuMs, 1e-3)) * 1000);
  }
  const rate = median(rates);
  return { opsPerSec: rate, opsPerCpuSec: median(cpuRates), usPerOp: 1e6 / rate, rounds: rates, ops: total };
}

export interface LatencyOptions {
  readonly warmup: number;
  readonly samples: number;
  /** Requests in flight at once (1: sequential). */
  readonly concurrency?: number;
  /** Stop early when this much time was spent measuring. */
  readonly maxMs?: number;
}

/**
 * Latency of each call of `op`, `concurrency` at a time (each worker starts its next call when its previous
 * one settles). Returns every sample in ms, plus the achieved rate.
 */
export async function latencies(
  op: (i: number) => Promise<unknown>,
  opts: LatencyOptions,
): Promise<{ samplesMs: number[]; perSec: number }> {
  const concurrency = opts.concurrency ?? 1;
  let next = 0;
  const worker = async (count: number, into?: number[], deadline?: bigint) => {
    for (;;) {
      if (next >= count) return;
      if (deadline !== undefined && nowNs() > deadline) return;
      const i = next++;
      const t0 = nowNs();
      await op(i);
      into?.push(elapsedMs(t0));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker(opts.warmup)));
  next = 0;
  const samples: number[] = [];
  const start = nowNs();
  const deadline = opts.maxMs === undefined ? undefined : start + BigInt(Math.round(opts.maxMs * 1e6));
  await Promise.all(Array.from({ length: concurrency }, () => worker(opts.samples, samples, deadline)));
  return { samplesMs: samples, perSec: (samples.length / elapsedMs(start)) * 1000 };
}

/** Resolves after `ms` (unref'd: never keeps a process alive by itself). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Rejects when `promise` did not settle within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
