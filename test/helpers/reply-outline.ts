/**
 * @module Test helper: a reply's blocks written as Markdown-like text (`#` headings by level, `**` bold, `*`
 * italics, `| a | b |` table rows, numbered or dashed lists), so a test can assert the neutral structure a
 * command returns — which heading, which table row — without depending on one door's rendering.
 */
import type { Block, Reply } from '../../src/core/reply.ts';

function blockOutline(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${b.text}`;
    case 'text': {
      const mark = `${b.strong ? '**' : ''}${b.emphasis ? '*' : ''}`;
      return `${mark}${b.text}${mark}`;
    }
    case 'table':
      return [
        ...(b.title ? [b.title] : []),
        `| ${b.columns.join(' | ')} |`,
        `|${b.columns.map(() => '---').join('|')}|`,
        ...b.rows.map((r) => `| ${r.join(' | ')} |`),
      ].join('\n');
    case 'list':
      return [...(b.title ? [b.title] : []), ...b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${it}`)].join(
        '\n',
      );
    case 'fields':
      return b.fields.map((f) => `${f.label} : ${f.value}`).join('\n');
    case 'code':
      return b.text;
  }
}

/** The blocks of `r`, one paragraph each; narrow no-break spaces read as spaces. */
export function replyOutline(r: Reply): string {
  return r.blocks
    .map(blockOutline)
    .join('\n\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}
