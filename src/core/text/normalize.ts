/** @module Name normalisation: case, accents, punctuation and civilities do not matter when people type names. */

const CIVILITIES = new Set(['m', 'mr', 'mme', 'mlle', 'monsieur', 'madame', 'mademoiselle']);

/** Lower-case, strip accents, turn every non-alphanumeric run into one space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `fold` without a leading civility: "Mme Roy" → "roy", "M. DE WAZIERS" → "de waziers". */
export function foldName(text: string): string {
  const words = fold(text).split(' ').filter(Boolean);
  while (words.length > 1 && CIVILITIES.has(words[0]!)) words.shift();
  return words.join(' ');
}

export function isCivility(word: string): boolean {
  return CIVILITIES.has(fold(word));
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
