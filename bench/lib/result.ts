/**
 * @module What a benchmark returns: rows of figures, each with the command that produced it, the ratio
 * against what a user would compare it with (measured in the same run), and the goal when the issue sets one.
 */

export interface Comparison {
  /** What the figure is compared with, e.g. "bare Bolt (ack only)". */
  readonly against: string;
  /** figure / reference, in the row's unit (for a rate, >1 is faster; for a time, >1 is slower). */
  readonly ratio: number;
}

export interface Goal {
  readonly text: string;
  readonly met: boolean;
}

export interface Row {
  /** Benchmark module, e.g. "core". */
  readonly bench: string;
  /** What was measured, e.g. "/quorum, 44 delegates". */
  readonly case: string;
  readonly value: number;
  /** "ops/s", "ms", "MB", ... */
  readonly unit: string;
  readonly compare?: Comparison;
  readonly goal?: Goal;
  /** The command that reproduces the figure. */
  readonly command: string;
  readonly note?: string;
}

export interface RunOptions {
  /** Tiny iteration counts: the smoke run in `npm test` only checks that a benchmark still runs. */
  readonly quick: boolean;
}

export type BenchRun = (opts: RunOptions) => Promise<Row[]>;

/** A benchmark that could not run (a door not written yet...) still says so in the table. */
export function skipped(bench: string, what: string, why: string, command: string): Row {
  return { bench, case: what, value: Number.NaN, unit: 'skipped', command, note: why };
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${text} ${unit}`;
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

function goalText(g: Goal | undefined): string {
  if (!g) return '';
  return `${g.met ? 'met' : 'MISSED'}: ${g.text}`;
}

/** A plain-text table for the terminal. */
export function rowsToText(rows: readonly Row[]): string {
  const header = ['bench', 'case', 'figure', 'ratio', 'against', 'goal'];
  const body = rows.map((r) => [
    r.bench,
    r.case,
    formatValue(r.value, r.unit),
    r.compare ? formatRatio(r.compare.ratio) : '',
    r.compare?.against ?? '',
    goalText(r.goal) || (r.note && r.unit === 'skipped' ? r.note : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]!].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - [...c].length))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table (RESULTS.md). */
export function rowsToMarkdown(rows: readonly Row[]): string {
  const out = ['| case | figure | ratio | compared with | goal | command |', '|---|---:|---:|---|---|---|'];
  for (const r of rows) {
    out.push(
      `| ${cell(r.case)}${r.note ? ` <br><sub>${cell(r.note)}</sub>` : ''} | ${cell(formatValue(r.value, r.unit))} | ${r.compare ? formatRatio(r.compare.ratio) : ''} | ${cell(r.compare?.against ?? '')} | ${cell(goalText(r.goal))} | \`${cell(r.command)}\` |`,
    );
  }
  return out.join('\n');
}
