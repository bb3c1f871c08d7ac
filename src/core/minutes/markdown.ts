/** @module The minutes as Markdown, to paste into the secretariat's document or read in the chat. Pure. */
import type { Part } from './outline.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function partsToMarkdown(parts: readonly Part[]): string {
  const out: string[] = [];
  for (const part of parts) {
    switch (part.kind) {
      case 'heading':
        out.push(`${'#'.repeat(part.level)} ${part.text}`, '');
        break;
      case 'paragraph': {
        const mark = part.strong && part.emphasis ? '***' : part.strong ? '**' : part.emphasis ? '*' : '';
        out.push(`${mark}${part.text}${mark}`, '');
        break;
      }
      case 'table':
        out.push(`| ${part.columns.map(cell).join(' | ')} |`, `|${part.columns.map(() => '---').join('|')}|`);
        for (const r of part.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
        out.push('');
        break;
      case 'list':
        part.items.forEach((it, i) => out.push(`${part.ordered ? `${i + 1}.` : '-'} ${it}`));
        out.push('');
        break;
    }
  }
  return out.join('\n').trimEnd();
}
