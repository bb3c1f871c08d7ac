/** @module Loose lookup of a thing by what a person typed, with suggestions when it is unknown or ambiguous. */
import { editDistance, fold, foldName } from './normalize.ts';

export interface Named {
  /** Every form the thing answers to (display name, aliases); compared folded. */
  readonly keys: readonly string[];
}

export type MatchResult<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'unknown'; suggestions: T[] };

/**
 * Exact folded match first, then a unique prefix or whole-word match, else suggestions by edit distance
 * (at most a third of the query's length, so "BLOKCLET" suggests "BLOCKLET" but "X" suggests nothing).
 */
export function matchByName<T extends Named>(query: string, items: readonly T[], asName = true): MatchResult<T> {
  const q = asName ? foldName(query) : fold(query);
  if (!q) return { kind: 'unknown', suggestions: [] };
  const norm = (k: string) => (asName ? foldName(k) : fold(k));

  const compact = (s: string) => s.replace(/ /g, '');
  const exact = items.filter((it) => it.keys.some((k) => norm(k) === q || compact(norm(k)) === compact(q)));
  if (exact.length === 1) return { kind: 'found', item: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };

  const partial = items.filter((it) =>
    it.keys.some((k) => {
      const key = norm(k);
      return key.startsWith(q) || key.split(' ').includes(q) || (q.length >= 4 && key.includes(q));
    }),
  );
  if (partial.length === 1) return { kind: 'found', item: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };

  const limit = Math.max(1, Math.floor(q.length / 3));
  const scored = items
    .map((it) => ({ it, d: Math.min(...it.keys.map((k) => editDistance(norm(k), q))) }))
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d);
  return { kind: 'unknown', suggestions: scored.slice(0, 3).map((s) => s.it) };
}
