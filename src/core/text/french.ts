/**
 * @module French set properly: agreement from a person's civility, plurals from `Intl.PluralRules`
 * (0 and 1 take the singular in French), lists from `Intl.ListFormat`, attendance words.
 * One place, so every command writes French the same way (refusal titles: refusal.ts).
 */
import type { AttendanceStatus } from '../model.ts';
import { formatInt } from './format.ts';

/** Anyone with a civility: a delegate, a staff member. */
export interface Civil {
  readonly civility: string;
}

export const isFeminine = (p: Civil) => /^(mme|mlle|madame|mademoiselle)\.?$/i.test(p.civility.trim());

/** The word agreed with the person: `agree(mmeRoy, 'présent', 'présente')` → « présente ». */
export const agree = (p: Civil, masculine: string, feminine: string) => (isFeminine(p) ? feminine : masculine);

const plurals = new Intl.PluralRules('fr-FR');

/**
 * Whether French puts `n` in the singular. Integers need no `Intl` call (0 and 1, and their negatives, are
 * singular; larger ones plural): `PluralRules#select` costs about a microsecond and /quorum counts a dozen times.
 */
export const isSingular = (n: number) => (Number.isInteger(n) ? n > -2 && n < 2 : plurals.select(n) === 'one');

/** The noun for a count: `pluralWord(2, 'voix', 'voix')`, `pluralWord(0, 'représenté', 'représentés')` → singular. */
export const pluralWord = (n: number, one: string, many: string) => (isSingular(n) ? one : many);

/**
 * A count with its noun: « aucun représenté », « 1 représenté », « 2 représentés ». `none` replaces « 0 »
 * when French says it with a word (« aucun », « aucune »); without it « 0 représenté ».
 */
export function countOf(n: number, one: string, many: string, none?: string): string {
  if (n === 0 && none) return `${none} ${one}`;
  return `${formatInt(n)} ${pluralWord(n, one, many)}`;
}

const lists = {
  and: new Intl.ListFormat('fr-FR', { style: 'long', type: 'conjunction' }),
  or: new Intl.ListFormat('fr-FR', { style: 'long', type: 'disjunction' }),
};

/** « Amiens, visio et à distance »; `or` gives « salle, distance ou excusé ». */
export const listOf = (items: readonly string[], kind: 'and' | 'or' = 'and') => lists[kind].format(items);

/** « Amiens et à distance », but « Amiens, visio » alone when the place already says so (no « visio et à distance »). */
export function placeWithRemote(place: string, remote: boolean | undefined): string {
  if (!remote || /visio|distance|t[ée]l[ée]conf/i.test(place)) return place;
  return listOf([place, 'à distance']);
}

/** Attendance as said of this person: « présente en salle », « excusé », « absente ». */
export function statusWords(status: AttendanceStatus | undefined, p?: Civil): string {
  const f = p !== undefined && isFeminine(p);
  switch (status) {
    case 'salle':
      return f ? 'présente en salle' : 'présent en salle';
    case 'distance':
      return f ? 'présente à distance' : 'présent à distance';
    case 'excuse':
      return f ? 'excusée' : 'excusé';
    case 'absent':
      return f ? 'absente' : 'absent';
    case 'suppleant':
      return f ? 'remplacée par son suppléant' : 'remplacé par son suppléant';
    default:
      return 'non renseigné';
  }
}

/** « lui-même », « elle-même ». */
export const himself = (p: Civil) => agree(p, 'lui-même', 'elle-même');
