/** RESULTS.md from several runs: a run of some benchmarks replaces their sections and keeps the others, dated. */
import { describe, expect, it } from 'vitest';
import { mergeReports, resultsMarkdown, type Report } from '../../bench/lib/report.ts';
import type { Row } from '../../bench/lib/result.ts';

const machine = {
  cpu: 'test cpu',
  cores: 2,
  memoryGiB: 1,
  node: 'v24',
  platform: 'test',
  load: '0.5 at start, 0.6 at end',
};
const row = (bench: string, value: number): Row => ({
  bench,
  case: `${bench} case`,
  value,
  unit: 'ms',
  command: `npm run bench -- ${bench}`,
});

function report(date: string, names: string[], value: number, load: string): Report {
  return {
    rows: names.map((n) => row(n, value)),
    machine: { ...machine, load },
    date: new Date(date),
    totalSeconds: names.length,
    durations: Object.fromEntries(names.map((n) => [n, 1])),
    names,
    sections: Object.fromEntries(names.map((n) => [n, { date, load }])),
  };
}

describe('bench reports merged across runs', () => {
  const full = report('2026-12-04T10:00:00.000Z', ['core', 'slack', 'startup'], 1, '1.0');
  const partial = report('2026-12-04T12:00:00.000Z', ['slack'], 2, '3.0');

  it("replaces the run's sections and keeps the others with their own dates", () => {
    const merged = mergeReports(full, partial);
    expect(merged.names).toEqual(['core', 'slack', 'startup']);
    expect(merged.rows.map((r) => [r.bench, r.value])).toEqual([
      ['core', 1],
      ['startup', 1],
      ['slack', 2],
    ]);
    expect(merged.sections?.core?.date).toBe('2026-12-04T10:00:00.000Z');
    expect(merged.sections?.slack?.date).toBe('2026-12-04T12:00:00.000Z');
    const md = resultsMarkdown(merged);
    expect(md).toContain('- Sections measured in separate runs');
    expect(md).toContain('  - core, startup: 2026-12-04T10:00:00.000Z (load 1.0)');
    expect(md).toContain('  - slack: 2026-12-04T12:00:00.000Z (load 3.0)');
    // Sections keep the order whatever order they were measured in.
    expect(md.indexOf('## 1. Core')).toBeLessThan(md.indexOf('## 2. Slack'));
    expect(md.indexOf('## 2. Slack')).toBeLessThan(md.indexOf('## 4. Start-up'));
  });

  it('says nothing of separate runs when every section comes from one', () => {
    expect(
      resultsMarkdown(mergeReports(full, report('2026-12-04T12:00:00.000Z', ['core', 'slack', 'startup'], 2, '3.0'))),
    ).not.toContain('separate runs');
    expect(mergeReports(undefined, partial)).toBe(partial);
  });
});
