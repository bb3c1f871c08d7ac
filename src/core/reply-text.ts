/** @module `replyToText`: the plain-text rendering of a Reply (console, fallbacks, tests). Pure, never throws. */
import { table as drawTable, type TableUserConfig } from 'table';
import type { Block, Reply } from './reply.ts';

const TONE_MARK: Record<Reply['tone'], string> = { info: '', success: '✓ ', warning: '⚠ ', error: '✗ ' };

/** Display width: counts code points, so accents do not shift columns. */
const SURROGATE = /[\uD800-\uDFFF]/;
const width = (s: string) => (SURROGATE.test(s) ? [...s].length : s.length);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** How a reply is laid out as text: `width` is the terminal's, when there is one (tables then fit it). */
export interface TextLayout {
  readonly width?: number;
}

const GAP = 2;
/** The header, a rule under it, the rows; columns two spaces apart: the same look, wrapped or not. */
const PLAIN_BORDER: TableUserConfig['border'] = {
  topBody: '',
  topJoin: '',
  topLeft: '',
  topRight: '',
  bottomBody: '',
  bottomJoin: '',
  bottomLeft: '',
  bottomRight: '',
  bodyLeft: '',
  bodyRight: '',
  bodyJoin: ' '.repeat(GAP),
  joinBody: '─',
  joinLeft: '',
  joinRight: '',
  joinJoin: ' '.repeat(GAP),
};

/**
 * Column widths that fit `total`: the widest columns give up room first (down to 6 characters), so short
 * columns (« Voix », amounts) stay whole and long text columns wrap.
 */
export function fitWidths(natural: readonly number[], total: number): number[] {
  const room = total - GAP * (natural.length - 1);
  if (natural.reduce((a, w) => a + w, 0) <= room) return [...natural];
  const sorted = [...natural].sort((a, b) => a - b);
  let cap = Math.max(6, Math.floor(room / natural.length));
  // The largest cap such that the columns, each cut to it, still fit.
  for (let k = 0, used = 0; k < sorted.length; k++) {
    const c = Math.floor((room - used) / (sorted.length - k));
    if (c < sorted[k]!) {
      cap = Math.max(6, c);
      break;
    }
    used += sorted[k]!;
  }
  return natural.map((w) => Math.min(w, cap));
}

/** A table wrapped to `total` columns by the `table` library (word wrap, display widths of accented text). */
function wrappedTable(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  natural: readonly number[],
  total: number,
): string[] {
  const widths = fitWidths(natural, total);
  const data = [columns, ...rows].map((r) => columns.map((_, i) => r[i] ?? ''));
  const out = drawTable(data, {
    border: PLAIN_BORDER,
    columns: widths.map((w) => ({ width: w, wrapWord: true, paddingLeft: 0, paddingRight: 0 })),
    drawHorizontalLine: (i) => i === 1,
  });
  return out
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.trimEnd());
}

export function tableToText(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  layout: TextLayout = {},
): string[] {
  const widths = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i] ?? ''))));
  if (layout.width && widths.reduce((a, w) => a + w + GAP, -GAP) > layout.width)
    return wrappedTable(columns, rows, widths, layout.width);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c ?? '', widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** Word wrap for a terminal: a line longer than `width` breaks at spaces, continuation lines indented. */
export function wrapLine(line: string, max: number | undefined, indent = ''): string[] {
  if (!max || width(line) <= max) return [line];
  // The line's own indent (a list's « • ») is kept on its first line.
  const lead = /^ */.exec(line)![0];
  const out: string[] = [];
  let cur = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    const next = cur.trim() ? `${cur} ${word}` : `${cur}${word}`;
    if (cur.trim() && width(next) > max) {
      out.push(cur);
      cur = `${indent}${word}`;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}

/** A heading's underline: « ═ » under the body's name, « ─ » under the document's title; parts are marked « ▸ ». */
function headingToText(level: 1 | 2 | 3, text: string, max: number | undefined): string[] {
  if (level === 3) return wrapLine(`▸ ${text}`, max, '  ');
  const lines = wrapLine(text, max);
  const long = Math.max(...lines.map(width));
  return [...lines, (level === 1 ? '═' : '─').repeat(max ? Math.min(long, max) : long)];
}

export function blockToText(b: Block, layout: TextLayout = {}): string[] {
  const out: string[] = [];
  appendBlock(out, b, layout.width, layout);
  return out;
}

/** `line` wrapped to `max`, pushed onto `out` (one push, no array, when there is no width to fit). */
function pushWrapped(out: string[], line: string, max: number | undefined, indent = ''): void {
  if (!max || width(line) <= max) out.push(line);
  else for (const l of wrapLine(line, max, indent)) out.push(l);
}

// Appends rather than returning arrays to spread: every command's answer goes through here (console, tests, bench).
function appendBlock(out: string[], b: Block, w: number | undefined, layout: TextLayout): void {
  switch (b.type) {
    case 'text':
      if (!b.text.includes('\n')) pushWrapped(out, b.text, w);
      else for (const l of b.text.split('\n')) pushWrapped(out, l, w);
      return;
    case 'heading':
      out.push(...headingToText(b.level, b.text, w));
      return;
    case 'fields': {
      let lw = 0;
      for (const f of b.fields) lw = Math.max(lw, width(f.label));
      const indent = w ? ' '.repeat(Math.min(lw + 3, 24)) : '';
      for (const f of b.fields) pushWrapped(out, `${pad(f.label, lw)} : ${f.value}`, w, indent);
      return;
    }
    case 'table':
      if (b.title) pushWrapped(out, b.title, w);
      out.push(...tableToText(b.columns, b.rows, layout));
      return;
    case 'list':
      if (b.title) pushWrapped(out, b.title, w);
      b.items.forEach((it, i) => pushWrapped(out, b.ordered ? `  ${i + 1}. ${it}` : `  • ${it}`, w, '    '));
      return;
    case 'code':
      out.push(...b.text.split('\n')); // text to copy as is: never re-wrapped
      return;
  }
}

export function replyToText(r: Reply, layout: TextLayout = {}): string {
  const w = layout.width;
  const out: string[] = [];
  pushWrapped(out, `${TONE_MARK[r.tone]}${r.title}`, w);
  if (r.session) pushWrapped(out, r.session, w);
  for (const b of r.blocks) {
    out.push('');
    appendBlock(out, b, w, layout);
  }
  if (r.actions?.length) {
    out.push('');
    for (const a of r.actions) pushWrapped(out, `→ ${a.label} : ${a.command}`, w, '  ');
  }
  if (r.attachments?.length) {
    out.push('');
    for (const a of r.attachments) out.push(`Pièce jointe : ${a.filename}`);
  }
  if (r.rule) {
    out.push('');
    pushWrapped(out, r.rule, w);
  }
  return out.join('\n');
}
