/** @module The benchmarks `npm run bench` knows, in the order it runs them; each is loaded only when run. */
import type { BenchRun } from './lib/result.ts';

export const BENCHMARKS = {
  core: () => import('./core.bench.ts'),
  records: () => import('./records.bench.ts'),
  config: () => import('./config.bench.ts'),
  store: () => import('./store.bench.ts'),
  reminders: () => import('./reminders.bench.ts'),
  slack: () => import('./slack.bench.ts'),
  discord: () => import('./discord.bench.ts'),
  startup: () => import('./startup.bench.ts'),
  web: () => import('./web.bench.ts'),
  bodies: () => import('./bodies.bench.ts'),
} satisfies Record<string, () => Promise<{ run: BenchRun }>>;

export type BenchName = keyof typeof BENCHMARKS;
