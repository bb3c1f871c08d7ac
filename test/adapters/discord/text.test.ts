/** Small pure helpers of the Discord door: DM lines, clipping and splitting text. */
import { describe, expect, it } from 'vitest';
import { directMessageLine } from '../../../src/adapters/discord/direct-messages.ts';
import { clip, codeBlocks, cut, splitText } from '../../../src/adapters/discord/text.ts';
import { commands } from '../../../src/commands/index.ts';

describe('direct message lines', () => {
  it('takes a command with or without its slash', () => {
    expect(directMessageLine('/quorum 2024-10-07', commands)).toBe('/quorum 2024-10-07');
    expect(directMessageLine('  quorum ', commands)).toBe('/quorum');
  });

  it('gives a subcommand typed alone its command when only one command has it', () => {
    expect(directMessageLine('confirmer ROY', commands)).toBe('/pouvoir confirmer ROY');
    expect(directMessageLine('Refuser ROY 2024-10-07', commands)).toBe('/pouvoir refuser ROY 2024-10-07');
    expect(directMessageLine('pouvoir donner ROY PARSIS', commands)).toBe('/pouvoir donner ROY PARSIS');
    expect(directMessageLine('pouvoir ROY PARSIS', commands)).toBe('/pouvoir donner ROY PARSIS');
  });

  it('leaves unknown words to the dispatcher and ignores empty messages', () => {
    expect(directMessageLine('bonjour', commands)).toBe('/bonjour');
    expect(directMessageLine('   ', commands)).toBeUndefined();
  });
});

describe('text helpers', () => {
  it('never cuts a character or an escape in two', () => {
    expect(cut('ab😀', 3)).toBe('ab');
    expect(cut('ab\\*', 3)).toBe('ab');
    expect(cut('a\\\\*', 3)).toBe('a\\\\');
  });

  it('clips at a word boundary with an ellipsis', () => {
    expect(clip('Une phrase un peu trop longue', 20)).toBe('Une phrase un peu…');
    expect(clip('court', 20)).toBe('court');
  });

  it('splits on line breaks first, and keeps code fenced in every piece', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
    const blocks = codeBlocks('x\n'.repeat(100) + '```', 50, 'markdown');
    for (const b of blocks) {
      expect(b.length).toBeLessThanOrEqual(50);
      expect(b.startsWith('```markdown\n') && b.endsWith('\n```')).toBe(true);
    }
    expect(blocks.at(-1)).toContain('`\u200b``');
  });
});
