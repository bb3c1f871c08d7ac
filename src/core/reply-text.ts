/** @module `replyToText`: the plain-text rendering of a Reply (console, fallbacks, tests). Pure, never throws. */
import type { Block, Reply } from './reply.ts';

const TONE_MARK: Record<Reply['tone'], string> = { info: '', success: '✓ ', warning: '⚠ ', error: '✗ ' };

/** Display width: counts code points, so accents do not shift columns. */
const SURROGATE = /[\uD800-\uDFFF]/;
const width = (s: string) => (SURROGATE.test(s) ? [...s].length : s.length);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function tableToText(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c ?? '', widths[i]!)).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

export function blockToText(b: Block): string[] {
  switch (b.type) {
    case 'text':
      return b.text.split('\n');
    case 'fields': {
      const w = Math.max(...b.fields.map((f) => width(f.label)));
      return b.fields.map((f) => `${pad(f.label, w)} : ${f.value}`);
    }
    case 'table':
      return [...(b.title ? [b.title] : []), ...tableToText(b.columns, b.rows)];
    case 'list':
      return [...(b.title ? [b.title] : []), ...b.items.map((it, i) => (b.ordered ? `  ${i + 1}. ${it}` : `  • ${it}`))];
    case 'code':
      return b.text.split('\n');
  }
}

export function replyToText(r: Reply): string {
  const out: string[] = [`${TONE_MARK[r.tone]}${r.title}`];
  if (r.session) out.push(r.session);
  for (const b of r.blocks) out.push('', ...blockToText(b));
  if (r.actions?.length) out.push('', ...r.actions.map((a) => `→ ${a.label} : ${a.command}`));
  if (r.attachments?.length) out.push('', ...r.attachments.map((a) => `Pièce jointe : ${a.filename}`));
  if (r.rule) out.push('', r.rule);
  return out.join('\n');
}
