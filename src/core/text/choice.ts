/**
 * @module The fixed words of a command (salle, distance, membre…) and the other words people use for them
 * (« présente », « en salle », « visio », « non membre »), compared without case, accents or punctuation.
 */
import { fold } from './normalize.ts';

export interface ChoiceWords {
  /** The accepted words, first is the canonical spelling. */
  readonly choices?: readonly string[];
  /** Other words for a choice, keyed by the choice: `{ salle: ['présent', 'en salle'] }`. */
  readonly synonyms?: Readonly<Record<string, readonly string[]>>;
}

const tables = new WeakMap<ChoiceWords, Map<string, string>>();

/** Folded word → choice, built once per declaration. */
function tableOf(spec: ChoiceWords): Map<string, string> {
  let t = tables.get(spec);
  if (!t) {
    t = new Map();
    for (const c of spec.choices ?? []) t.set(fold(c), c);
    for (const [c, words] of Object.entries(spec.synonyms ?? {})) for (const w of words) t.set(fold(w), c);
    tables.set(spec, t);
  }
  return t;
}

/** The choice a phrase means, or undefined. « Présente », « présent·e », « en salle » → salle. */
export function choiceOf(spec: ChoiceWords, phrase: string): string | undefined {
  return tableOf(spec).get(fold(phrase));
}

/** How many words from `i` name a choice (« non membre » takes two): the longest run, 0 when none. */
export function choiceWordCount(spec: ChoiceWords, tokens: readonly string[], i: number): number {
  for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
    if (choiceOf(spec, tokens.slice(i, i + n).join(' ')) !== undefined) return n;
  }
  return 0;
}

/** « salle (aussi : présent, présente, en salle) » lines for /aide. */
export function synonymLines(spec: ChoiceWords): string[] {
  return (spec.choices ?? []).map((c) => {
    const words = spec.synonyms?.[c] ?? [];
    return words.length ? `${c} (aussi : ${words.join(', ')})` : c;
  });
}
