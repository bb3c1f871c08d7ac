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

interface FoldedKey {
  readonly key: string;
  readonly compact: string;
  readonly words: readonly string[];
}

interface FoldedList {
  readonly keys: readonly (readonly FoldedKey[])[];
  /** Item positions by folded key and by folded key without spaces: an exact match is one lookup, not a scan. */
  readonly exact: ReadonlyMap<string, readonly number[]>;
}
/** Folded keys per item list (rosters, catalogues: config data, never mutated), by `asName`. */
const foldedLists = {
  name: new WeakMap<readonly Named[], FoldedList>(),
  plain: new WeakMap<readonly Named[], FoldedList>(),
};

function foldedKeys(items: readonly Named[], asName: boolean): FoldedList {
  const cache = asName ? foldedLists.name : foldedLists.plain;
  let folded = cache.get(items);
  if (!folded) {
    const exact = new Map<string, number[]>();
    const add = (k: string, i: number) => {
      const at = exact.get(k);
      if (!at) exact.set(k, [i]);
      else if (at[at.length - 1] !== i) at.push(i);
    };
    const keys = items.map((it, i) =>
      it.keys.map((k) => {
        const key = asName ? foldName(k) : fold(k);
        const compact = key.replace(/ /g, '');
        add(key, i);
        add(`\u0000${compact}`, i);
        return { key, compact, words: key.split(' ') };
      }),
    );
    folded = { keys, exact };
    cache.set(items, folded);
  }
  return folded;
}

/**
 * Exact folded match first, then a unique prefix or whole-word match, else suggestions by edit distance
 * (at most a third of the query's length, so "BLOKCLET" suggests "BLOCKLET" but "X" suggests nothing).
 */
export function matchByName<T extends Named>(query: string, items: readonly T[], asName = true): MatchResult<T> {
  const q = asName ? foldName(query) : fold(query);
  if (!q) return { kind: 'unknown', suggestions: [] };
  // Folding is Unicode normalisation plus regexes: a 1,000-delegate roster has 4,000 keys to fold.
  const { keys: folded, exact: byKey } = foldedKeys(items, asName);
  const pick = (test: (k: FoldedKey) => boolean) => items.filter((_, i) => folded[i]!.some(test));

  const qCompact = q.replace(/ /g, '');
  const positions = new Set([...(byKey.get(q) ?? []), ...(byKey.get(`\u0000${qCompact}`) ?? [])]);
  if (positions.size === 1) return { kind: 'found', item: items[[...positions][0]!]! };
  if (positions.size > 1)
    return { kind: 'ambiguous', candidates: [...positions].sort((x, y) => x - y).map((i) => items[i]!) };

  const partial = pick((k) => k.key.startsWith(q) || k.words.includes(q) || (q.length >= 4 && k.key.includes(q)));
  if (partial.length === 1) return { kind: 'found', item: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };

  const limit = Math.max(1, Math.floor(q.length / 3));
  const scored = items
    .map((it, i) => ({ it, d: Math.min(...folded[i]!.map((k) => editDistance(k.key, q))) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d);
  return { kind: 'unknown', suggestions: scored.slice(0, 3).map((x) => x.it) };
}
