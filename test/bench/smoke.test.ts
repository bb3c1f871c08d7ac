/**
 * Smoke run of every benchmark (bench/registry.ts) with tiny iteration counts: it only checks that each one
 * still runs and returns figures. No timing is asserted: `npm run bench` measures, tests do not.
 */
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, type BenchName } from '../../bench/registry.ts';
import { resultsMarkdown } from '../../bench/lib/report.ts';
import type { Row } from '../../bench/lib/result.ts';

const names = Object.keys(BENCHMARKS) as BenchName[];

describe('benchmarks (smoke run)', () => {
  const all: Row[] = [];

  for (const name of names) {
    it(`${name} runs and returns figures`, { timeout: 180_000 }, async () => {
      const { run } = await BENCHMARKS[name]();
      const rows = await run({ quick: true });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.bench, row.case).toBe(name);
        expect(Number.isFinite(row.value), `${row.case}: ${row.value} ${row.unit}`).toBe(true);
        expect(row.command, row.case).toMatch(/\S/);
        if (row.compare) expect(Number.isFinite(row.compare.ratio), `${row.case} ratio`).toBe(true);
      }
      all.push(...rows);
    });
  }

  it('renders RESULTS.md with the machine, the date and every figure with its command', () => {
    const md = resultsMarkdown({
      rows: all,
      names,
      date: new Date('2026-01-01T00:00:00Z'),
      totalSeconds: 1,
      durations: {},
      machine: { cpu: 'test cpu', cores: 2, memoryGiB: 1, node: process.version, platform: 'test' },
    });
    expect(md).toContain('test cpu, 2 cores');
    expect(md).toContain('2026-01-01');
    for (const row of all) expect(md).toContain(row.command);
  });
});
