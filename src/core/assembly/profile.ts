/**
 * @module The CGCT defaults of each kind of body, each rule with its article. The config starts from these
 * and the statutes override any of them (src/app/load-config.ts); answers quote the source that applied.
 * Not legal advice: a digest of the articles named (see docs/configuration.md).
 */
import type { BodyKind, BodyProfile, Fraction, RemoteExclusion } from '../model.ts';
import { fold } from '../text/normalize.ts';

/** The population threshold of L2121-11 / L2121-12 (3 or 5 jours francs, note explicative de synthèse). */
export const POPULATION_THRESHOLD = 3500;
export const MAJORITY: Fraction = { numerator: 1, denominator: 2, strict: true };

/** L5211-11-1: matters a session held in several places (remotely) may not decide. */
export const REMOTE_EXCLUSIONS: readonly RemoteExclusion[] = [
  { label: 'élection du président', words: ['election', 'president'], unless: ['vice president'] },
  { label: 'élection des membres du bureau', words: ['election', 'bureau'] },
  { label: 'élection des vice-présidents', words: ['election', 'vice president'] },
  { label: 'adoption du budget primitif', words: ['budget primitif'] },
  { label: 'compte administratif', words: ['compte administratif'] },
  { label: 'élection ou désignation de délégués', words: ['election', 'delegue'] },
  { label: 'désignation de délégués ou représentants', words: ['designation', 'delegue'] },
  { label: 'désignation de délégués ou représentants', words: ['designation', 'representant'] },
];

/** The rules a kind of body gets before its statutes say anything. */
export type KindDefaults = Omit<
  BodyProfile,
  'name' | 'kind' | 'assemblyName' | 'timezone' | 'vatPercent' | 'population' | 'seatsInOffice' | 'statedTotalVotes'
>;

/** Where the CGCT makes the commune rules apply to this kind ("" for a commune itself). */
function through(kind: BodyKind): string {
  switch (kind) {
    case 'commune':
      return '';
    case 'epci':
    case 'syndicat-intercommunal':
      return ' et L5211-1';
    case 'syndicat-mixte-ferme':
      return ' et L5711-1';
    case 'syndicat-mixte-ouvert':
      return '';
  }
}

const art = (kind: BodyKind, article: string) => {
  const via = through(kind);
  const cgct = via ? `CGCT, articles ${article}${via}` : `CGCT, article ${article}`;
  return kind === 'syndicat-mixte-ouvert'
    ? `statuts du syndicat mixte ouvert (CGCT, article L5721-2) ; à défaut, ${cgct}`
    : cgct;
};

export function kindDefaults(kind: BodyKind, population?: number): KindDefaults {
  const commune = kind === 'commune';
  // L5211-1 al. 2: an EPCI follows the rules of communes of 3,500 and more when one of its communes has
  // 3,500 inhabitants or more. Unknown population: the longer delay, which is never too short.
  const large = population === undefined || population >= POPULATION_THRESHOLD;
  const smallRule = commune
    ? 'CGCT, article L2121-11 (commune de moins de 3 500 habitants)'
    : `${art(kind, 'L2121-11')} (aucune commune membre de 3 500 habitants)`;
  const largeRule = commune ? 'CGCT, article L2121-12 (commune de 3 500 habitants et plus)' : art(kind, 'L2121-12');
  const remoteAllowed = kind === 'epci' || kind === 'syndicat-intercommunal' || kind === 'syndicat-mixte-ferme';
  const remoteSource = commune
    ? 'pas de séance à distance pour un conseil municipal depuis la fin du régime temporaire le 31 juillet 2022 (loi n° 2020-1379, art. 6)'
    : kind === 'syndicat-mixte-ouvert'
      ? 'statuts du syndicat mixte ouvert (CGCT, article L5721-2) : à défaut de clause, pas de séance à distance'
      : kind === 'epci'
        ? 'CGCT, article L5211-11-1'
        : `CGCT, articles L5211-11-1${through(kind)}`;
  const substitutes = !commune && kind !== 'syndicat-mixte-ouvert';
  const substitutesSource = commune
    ? "le conseil municipal n'a pas de suppléants"
    : kind === 'epci'
      ? "CGCT, article L5211-6 : suppléant d'une commune disposant d'un seul siège"
      : kind === 'syndicat-intercommunal'
        ? 'CGCT, article L5212-7 : délégués suppléants'
        : kind === 'syndicat-mixte-ferme'
          ? 'CGCT, articles L5212-7 et L5711-1 : délégués suppléants'
          : 'statuts du syndicat mixte ouvert (CGCT, article L5721-2) : à défaut de clause, pas de suppléants';
  return {
    quorum: {
      count: 'heads',
      base: 'present',
      fraction: MAJORITY,
      source: art(kind, 'L2121-17'),
      secondConvocationDays: 3,
      secondConvocationSource: `${art(kind, 'L2121-17')}, alinéa 2`,
    },
    maxProxiesPerHolder: 1,
    proxyRuleSource: `${art(kind, 'L2121-20')} : un même membre ne peut être porteur que d'un seul pouvoir`,
    proxyMaxSessions: 3,
    substitutes,
    substitutesSource,
    remoteAllowed,
    remoteCountsAsPresent: remoteAllowed,
    remoteSource,
    remoteExclusions: remoteAllowed ? REMOTE_EXCLUSIONS : [],
    convocationDays: large ? 5 : 3,
    convocationSource: large ? largeRule : smallRule,
    convener: commune ? 'maire' : 'president',
    convenerSource: commune ? 'CGCT, article L2121-10 (convocation faite par le maire)' : art(kind, 'L2121-10'),
    synthesisNote: large,
    synthesisNoteSource: large
      ? `${largeRule} : note explicative de synthèse jointe à la convocation`
      : `${smallRule} : note explicative de synthèse non obligatoire`,
  };
}

/** Quorum threshold of a base: "more than half" of 44 is 23, "at least one third" of 31 is 11. */
export function thresholdOf(base: number, f: Fraction): number {
  const share = (base * f.numerator) / f.denominator;
  return f.strict ? Math.floor(share) + 1 : Math.ceil(share);
}

/** "la majorité", "le tiers", "les deux tiers" in French, for the rule's text. */
export function fractionText(f: Fraction): string {
  if (f.numerator === 1 && f.denominator === 2 && f.strict) return 'la majorité';
  const names: Record<string, string> = {
    '1/2': 'la moitié',
    '1/3': 'le tiers',
    '2/3': 'les deux tiers',
    '1/4': 'le quart',
    '3/4': 'les trois quarts',
  };
  const name = names[`${f.numerator}/${f.denominator}`] ?? `${f.numerator}/${f.denominator}`;
  return f.strict ? `plus de ${name.replace(/^(la|le|les) /, '')}` : `au moins ${name}`;
}

const exclusionsByTitle = new WeakMap<readonly RemoteExclusion[], Map<string, readonly string[]>>();
/** Titles remembered per exclusion list: enough for every agenda in use, bounded against unusual input. */
const REMEMBERED_TITLES = 2_000;

/**
 * The L5211-11-1 matters an agenda title names, if any. Remembered per title: /quorum asks for every item of
 * the session's agenda on each command, and folding a title (Unicode normalisation and regexes) costs
 * microseconds.
 */
export function remoteExclusionsIn(title: string, exclusions: readonly RemoteExclusion[]): readonly string[] {
  let byTitle = exclusionsByTitle.get(exclusions);
  if (!byTitle) exclusionsByTitle.set(exclusions, (byTitle = new Map()));
  let found = byTitle.get(title);
  if (!found) {
    if (byTitle.size >= REMEMBERED_TITLES) byTitle.clear();
    byTitle.set(title, (found = Object.freeze(matchExclusions(title, exclusions))));
  }
  return found;
}

function matchExclusions(title: string, exclusions: readonly RemoteExclusion[]): string[] {
  const t = ` ${fold(title)} `;
  const found = exclusions
    .filter((e) => e.words.every((w) => t.includes(w)) && !(e.unless ?? []).some((w) => t.includes(w)))
    .map((e) => e.label);
  return [...new Set(found)];
}
