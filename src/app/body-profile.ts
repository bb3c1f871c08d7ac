/**
 * @module The body's legal profile from its config: the CGCT defaults of its kind (core/assembly/profile.ts),
 * then every rule the file sets explicitly, each cited with its own source or the `statutes` label.
 */
import { kindDefaults, MAJORITY } from '../core/assembly/profile.ts';
import type { BodyProfile, Fraction } from '../core/model.ts';
import { fold } from '../core/text/normalize.ts';
import type { RawConfig } from './config-schema.ts';

type RawBody = RawConfig['body'];

function fractionOf(text: string | undefined, strict: boolean | undefined, fallback: Fraction): Fraction {
  if (text === undefined) return strict === undefined ? fallback : { ...fallback, strict };
  const [numerator, denominator] = text.split('/').map(Number) as [number, number];
  // "1/2" alone means the majority (more than half); any other share is "at least" unless told.
  return { numerator, denominator, strict: strict ?? numerator * 2 === denominator };
}

/** Returns the profile and the problems that make the file unusable (path → French message). */
export function resolveProfile(raw: RawBody): { profile: BodyProfile; problems: [string, string][] } {
  const problems: [string, string][] = [];
  if (raw.kind === 'commune' && raw.population === undefined && raw.convocationDays === undefined) {
    problems.push([
      'body.population',
      'population de la commune requise : elle fixe le délai de convocation (3 jours francs sous 3 500 habitants, CGCT L2121-11 ; 5 au-delà, L2121-12) et la note de synthèse',
    ]);
  }
  const d = kindDefaults(raw.kind, raw.population);
  const statutes = raw.statutes ?? (raw.kind === 'commune' ? 'règlement intérieur' : 'statuts');
  /** The file's value with its source, or the default with the CGCT's. */
  const pick = <T>(value: T | undefined, source: string | undefined, def: T, defSource: string): [T, string] =>
    value === undefined ? [def, source ?? defSource] : [value, source ?? statutes];

  const q = raw.quorum;
  const quorumSet = q.count !== undefined || q.base !== undefined || q.fraction !== undefined || q.strict !== undefined;
  const fraction = fractionOf(q.fraction, q.strict, MAJORITY);
  if (fraction.numerator >= fraction.denominator)
    problems.push(['body.quorum.fraction', `fraction ${q.fraction} : attendue inférieure à 1 (1/2, 1/3…)`]);

  const [maxProxiesPerHolder, proxyRuleSource] = pick(
    raw.maxProxiesPerHolder,
    raw.proxyRuleSource,
    d.maxProxiesPerHolder,
    d.proxyRuleSource,
  );
  const [substitutes, substitutesSource] = pick(
    raw.substitutes,
    raw.substitutesSource,
    d.substitutes,
    d.substitutesSource,
  );
  const remoteSet =
    raw.remoteAllowed !== undefined || raw.remoteCountsAsPresent !== undefined || raw.remoteExclusions !== undefined;
  const remoteAllowed = raw.remoteAllowed ?? (raw.remoteCountsAsPresent !== undefined ? true : d.remoteAllowed);
  const remoteSource = raw.remoteSource ?? (remoteSet ? statutes : d.remoteSource);
  const [convocationDays, convocationSource] = pick(
    raw.convocationDays,
    raw.convocationSource,
    d.convocationDays,
    d.convocationSource,
  );
  const [convener, convenerSource] = pick(raw.convener, raw.convenerSource, d.convener, d.convenerSource);
  const [synthesisNote, synthesisNoteSource] = pick(
    raw.synthesisNote,
    raw.synthesisNoteSource,
    d.synthesisNote,
    d.synthesisNoteSource,
  );

  const profile: BodyProfile = {
    name: raw.name,
    kind: raw.kind,
    assemblyName: raw.assemblyName,
    timezone: raw.timezone,
    vatPercent: raw.vatPercent,
    population: raw.population,
    statedTotalVotes: raw.statedTotalVotes,
    majority: raw.majority,
    seatsInOffice: raw.seats ? raw.seats.total - raw.seats.vacant : undefined,
    quorum: {
      count: q.count ?? d.quorum.count,
      base: q.base ?? d.quorum.base,
      fraction,
      source: q.source ?? (quorumSet ? statutes : d.quorum.source),
      secondConvocationDays: q.secondConvocationDays ?? d.quorum.secondConvocationDays,
      secondConvocationSource: q.secondConvocationDays !== undefined ? statutes : d.quorum.secondConvocationSource,
    },
    maxProxiesPerHolder,
    proxyRuleSource,
    proxyMaxSessions: raw.proxyMaxSessions ?? d.proxyMaxSessions,
    substitutes,
    substitutesSource,
    remoteAllowed,
    remoteCountsAsPresent: remoteAllowed && (raw.remoteCountsAsPresent ?? true),
    remoteSource,
    remoteExclusions:
      raw.remoteExclusions?.map((e) => ({ label: e.label, words: e.words.map(fold), unless: e.unless?.map(fold) })) ??
      d.remoteExclusions,
    convocationDays,
    convocationSource,
    convener,
    convenerSource,
    synthesisNote,
    synthesisNoteSource,
  };
  if (raw.seats && raw.seats.vacant >= raw.seats.total)
    problems.push([
      'body.seats.vacant',
      `${raw.seats.vacant} sièges vacants sur ${raw.seats.total} : il doit rester au moins un membre en exercice`,
    ]);
  return { profile, problems };
}
