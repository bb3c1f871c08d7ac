import { describe, expect, it } from 'vitest';
import { dateInWords, numberInWords } from '../../../src/core/minutes/words.ts';

describe('numbers and dates in French words (traditional spelling)', () => {
  it.each<[number, string]>([
    [1, 'un'],
    [7, 'sept'],
    [17, 'dix-sept'],
    [21, 'vingt et un'],
    [24, 'vingt-quatre'],
    [31, 'trente et un'],
    [70, 'soixante-dix'],
    [71, 'soixante et onze'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [99, 'quatre-vingt-dix-neuf'],
    [100, 'cent'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [1000, 'mille'],
    [2000, 'deux mille'],
    [2024, 'deux mille vingt-quatre'],
    [2080, 'deux mille quatre-vingts'],
    [1999, 'mille neuf cent quatre-vingt-dix-neuf'],
  ])('%i → %s', (n, words) => {
    expect(numberInWords(n)).toBe(words);
  });
  it('opens the minutes as the source does', () => {
    expect(dateInWords('2024-10-07')).toBe("L'an deux mille vingt-quatre, le sept octobre");
    expect(dateInWords('2026-12-01')).toBe("L'an deux mille vingt-six, le premier décembre");
  });
});
