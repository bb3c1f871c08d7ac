/** @module The minutes as neutral reply blocks, for the chat: each door sets headings, paragraphs, tables and lists its own way. Pure. */
import type { Block } from '../reply.ts';
import type { Part } from './outline.ts';

export function partsToBlocks(parts: readonly Part[]): Block[] {
  return parts.map((part): Block => {
    switch (part.kind) {
      case 'heading':
        return { type: 'heading', level: part.level, text: part.text };
      case 'paragraph':
        return {
          type: 'text',
          text: part.text,
          ...(part.strong ? { strong: true } : {}),
          ...(part.emphasis ? { emphasis: true } : {}),
        };
      case 'table':
        return { type: 'table', columns: part.columns, rows: part.rows };
      case 'list':
        return { type: 'list', items: part.items, ordered: part.ordered };
    }
  });
}
