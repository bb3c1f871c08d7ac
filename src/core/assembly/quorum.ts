/**
 * @module Quorum: who counts, the threshold, and whether it is reached, under the body's rule. Pure.
 * The record goes through the domain rules first (record-rules.ts): a proxy counts only when confirmed,
 * its holder present in person and its giver not, one per holder, no chain; what breaks a rule is named.
 */
import type { BodyProfile, Delegate, Proxy, Session, SessionRecord } from '../model.ts';
import { daysBetween, formatDateLong } from '../text/dates.ts';
import { fractionText, thresholdOf } from './profile.ts';
import { applyRecordRules, isPresent, sitsInPerson, type Disregarded } from './record-rules.ts';

export { isPresent, sitsInPerson };

/** One condition of the quorum: heads or voix. */
export interface QuorumCount {
  readonly counted: number;
  readonly base: number;
  readonly threshold: number;
  readonly reached: boolean;
  readonly missing: number;
}

export interface QuorumResult {
  readonly inOffice: number;
  readonly room: readonly Delegate[];
  readonly remote: readonly Delegate[];
  /** Proxies that count, in the order recorded. */
  readonly represented: readonly { readonly giver: Delegate; readonly holder: Delegate }[];
  /** Delegates (or votes, under a weighted rule) that count toward the quorum. */
  readonly counted: number;
  readonly threshold: number;
  readonly reached: boolean;
  readonly missing: number;
  readonly votesPresent: number;
  readonly votesRepresented: number;
  /** Sum of the votes of the delegates in office. */
  readonly rosterVotes: number;
  /** The total the minutes state, when they state one, else the roster's. */
  readonly totalVotes: number;
  readonly rule: string;
  readonly heads: QuorumCount;
  readonly votes: QuorumCount;
  /** Titulaires replaced by their suppléant (counted present, with their voix). */
  readonly substituted: readonly Delegate[];
  /** Records that break a rule and are not counted, each with its reason. */
  readonly disregarded: readonly Disregarded[];
  /** Second convocation (L2121-17 al. 2): valid without quorum, or why not. */
  readonly secondConvocation?: { readonly of: string; readonly valid: boolean; readonly text: string };
}

const indexes = new WeakMap<readonly Delegate[], ReadonlyMap<string, Delegate>>();

/** Delegates by id, built once per roster (config data, never mutated): a 10,000-entry Map costs ~3 ms to build. */
export function delegatesById(roster: readonly Delegate[]): ReadonlyMap<string, Delegate> {
  let index = indexes.get(roster);
  if (!index) indexes.set(roster, (index = new Map(roster.map((d) => [d.id, d]))));
  return index;
}

/** Proxies that count once every rule is applied (record-rules.ts), in the order recorded. */
export function effectiveProxies(record: SessionRecord, profile: BodyProfile, roster: readonly Delegate[]): Proxy[] {
  return applyRecordRules(profile, delegatesById(roster), record).proxies.map((x) => x.proxy);
}

const ruleTexts = new WeakMap<BodyProfile, string>();

export function describeQuorumRule(profile: BodyProfile): string {
  let text = ruleTexts.get(profile);
  if (text === undefined) ruleTexts.set(profile, (text = quorumRuleText(profile)));
  return text;
}

function quorumRuleText(profile: BodyProfile): string {
  const q = profile.quorum;
  const who = q.base === 'present' ? 'présents, les pouvoirs ne comptant pas' : 'présents ou représentés';
  const share = fractionText(q.fraction);
  const what =
    q.count === 'heads'
      ? `${share} des membres en exercice`
      : q.count === 'votes'
        ? `${share} des voix des membres en exercice`
        : `${share} des membres en exercice et ${share} des voix`;
  const remote = !profile.remoteAllowed
    ? ' ; pas de participation à distance'
    : profile.remoteCountsAsPresent
      ? ' ; la participation à distance vaut présence'
      : ' ; la participation à distance ne compte pas';
  return `Quorum : ${what}, ${who} (${q.source})${remote}`;
}

const count = (counted: number, base: number, profile: BodyProfile): QuorumCount => {
  const threshold = thresholdOf(base, profile.quorum.fraction);
  return { counted, base, threshold, reached: counted >= threshold, missing: Math.max(0, threshold - counted) };
};

/** L2121-17 al. 2: convened again at least N days after a session without quorum, it needs none. */
export function secondConvocationOf(
  profile: BodyProfile,
  session: Pick<Session, 'date' | 'secondConvocationOf'>,
): QuorumResult['secondConvocation'] {
  const first = session.secondConvocationOf;
  if (!first) return undefined;
  const gap = daysBetween(first, session.date);
  const min = profile.quorum.secondConvocationDays;
  const valid = gap >= min;
  const text = valid
    ? `Seconde convocation après la séance sans quorum du ${formatDateLong(first, false)} : délibération valable sans condition de quorum (${profile.quorum.secondConvocationSource}).`
    : `Seconde convocation après la séance du ${formatDateLong(first, false)} : ${gap} jour(s) d'intervalle seulement, ${min} au moins requis (${profile.quorum.secondConvocationSource}) : la condition de quorum s'applique.`;
  return { of: first, valid, text };
}

interface Remembered {
  readonly profile: BodyProfile;
  readonly roster: readonly Delegate[];
  readonly date?: string;
  readonly secondConvocationOf?: string;
  readonly result: QuorumResult;
}

/** The last quorum per (attendance, proxies) pair: records are immutable values, so identity says "unchanged". */
const remembered = new WeakMap<SessionRecord['attendance'], WeakMap<SessionRecord['proxies'], Remembered>>();

/**
 * The quorum of `record` under `profile`. Read-only and shared: every /quorum of a session asks it again until
 * its attendance or proxies change, so the result is remembered per record (a pass over the roster otherwise).
 */
export function computeQuorum(
  profile: BodyProfile,
  roster: readonly Delegate[],
  record: SessionRecord,
  session?: Pick<Session, 'date' | 'secondConvocationOf'>,
): QuorumResult {
  let byProxies = remembered.get(record.attendance);
  if (!byProxies) remembered.set(record.attendance, (byProxies = new WeakMap()));
  const hit = byProxies.get(record.proxies);
  if (
    hit &&
    hit.profile === profile &&
    hit.roster === roster &&
    hit.date === session?.date &&
    hit.secondConvocationOf === session?.secondConvocationOf
  )
    return hit.result;
  const result = quorumOf(profile, roster, record, session);
  byProxies.set(record.proxies, {
    profile,
    roster,
    date: session?.date,
    secondConvocationOf: session?.secondConvocationOf,
    result,
  });
  return result;
}

function quorumOf(
  profile: BodyProfile,
  roster: readonly Delegate[],
  record: SessionRecord,
  session?: Pick<Session, 'date' | 'secondConvocationOf'>,
): QuorumResult {
  // One pass over the roster, and the id index is cached: this runs on every /quorum.
  const attendance = record.attendance;
  const room: Delegate[] = [];
  const remote: Delegate[] = [];
  let inOfficeCount = 0;
  let rosterVotes = 0;
  for (const d of roster) {
    if (!d.inOffice) continue;
    inOfficeCount++;
    rosterVotes += d.votes;
    const status = attendance[d.id];
    if (status === 'salle') room.push(d);
    else if (status === 'distance') remote.push(d);
  }
  const byId = delegatesById(roster);
  const applied = applyRecordRules(profile, byId, record);
  const remoteCounts = profile.remoteAllowed && profile.remoteCountsAsPresent;
  const presentList = [...room, ...(remoteCounts ? remote : []), ...applied.substituted];
  const represented = applied.proxies.map(({ giver, holder }) => ({ giver, holder }));

  let votesPresent = 0;
  for (const d of presentList) votesPresent += d.votes;
  let votesRepresented = 0;
  for (const p of represented) votesRepresented += p.giver.votes;
  const totalVotes = profile.statedTotalVotes ?? rosterVotes;
  const withProxies = profile.quorum.base === 'present-or-represented';

  const heads = count(
    presentList.length + (withProxies ? represented.length : 0),
    profile.seatsInOffice ?? inOfficeCount,
    profile,
  );
  const votes = count(votesPresent + (withProxies ? votesRepresented : 0), totalVotes, profile);
  const main = profile.quorum.count === 'votes' ? votes : heads;
  const both = profile.quorum.count === 'heads-and-votes';
  const second = session ? secondConvocationOf(profile, session) : undefined;
  const reached = (both ? heads.reached && votes.reached : main.reached) || second?.valid === true;
  return {
    inOffice: inOfficeCount,
    room,
    remote,
    represented,
    counted: main.counted,
    threshold: main.threshold,
    reached,
    missing: reached ? 0 : main.missing,
    votesPresent,
    votesRepresented,
    rosterVotes,
    totalVotes,
    rule: describeQuorumRule(profile),
    heads,
    votes,
    substituted: applied.substituted,
    disregarded: applied.disregarded,
    secondConvocation: second,
  };
}
