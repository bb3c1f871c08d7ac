/**
 * @module Quorum: who counts, the threshold, and whether it is reached, under the body's rule. Pure.
 * A proxy counts only when confirmed, its holder is present and its giver is not.
 */
import type { BodyProfile, Delegate, Proxy, SessionRecord } from '../model.ts';

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
}

const indexes = new WeakMap<readonly Delegate[], ReadonlyMap<string, Delegate>>();

/** Delegates by id, built once per roster (config data, never mutated): a 10,000-entry Map costs ~3 ms to build. */
export function delegatesById(roster: readonly Delegate[]): ReadonlyMap<string, Delegate> {
  let index = indexes.get(roster);
  if (!index) indexes.set(roster, (index = new Map(roster.map((d) => [d.id, d]))));
  return index;
}

export function isPresent(status: string | undefined, profile: Pick<BodyProfile, 'remoteCountsAsPresent'>): boolean {
  return status === 'salle' || (status === 'distance' && profile.remoteCountsAsPresent);
}

/** A proxy is effective when confirmed, its holder present and its giver not present. */
export function effectiveProxies(record: SessionRecord, profile: Pick<BodyProfile, 'remoteCountsAsPresent'>): Proxy[] {
  return record.proxies.filter(
    (p) => p.status === 'confirmed' && isPresent(record.attendance[p.holder], profile) && !isPresent(record.attendance[p.giver], profile),
  );
}

const ruleTexts = new WeakMap<BodyProfile, string>();

export function describeQuorumRule(profile: BodyProfile): string {
  let text = ruleTexts.get(profile);
  if (text === undefined) ruleTexts.set(profile, (text = quorumRuleText(profile)));
  return text;
}

function quorumRuleText(profile: BodyProfile): string {
  const who = profile.quorum.base === 'present' ? 'présents' : 'présents ou représentés';
  const what = profile.quorum.count === 'heads' ? 'la majorité des délégués en exercice' : 'la majorité des voix des délégués en exercice';
  const remote = profile.remoteCountsAsPresent ? ' ; la participation à distance vaut présence' : '';
  return `Quorum : ${what}, ${who} (${profile.quorum.source})${remote}`;
}

export function computeQuorum(profile: BodyProfile, roster: readonly Delegate[], record: SessionRecord): QuorumResult {
  // One pass over the roster, no intermediate arrays, and the id index is cached: this runs on every /quorum.
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
  const presentList = profile.remoteCountsAsPresent ? [...room, ...remote] : room;
  const byId = delegatesById(roster);
  const represented: { giver: Delegate; holder: Delegate }[] = [];
  for (const p of effectiveProxies(record, profile)) {
    const giver = byId.get(p.giver);
    const holder = byId.get(p.holder);
    if (giver?.inOffice && holder?.inOffice) represented.push({ giver, holder });
  }

  let votesPresent = 0;
  for (const d of presentList) votesPresent += d.votes;
  let votesRepresented = 0;
  for (const p of represented) votesRepresented += p.giver.votes;
  const totalVotes = profile.statedTotalVotes ?? rosterVotes;
  const withProxies = profile.quorum.base === 'present-or-represented';

  const heads = profile.quorum.count === 'heads';
  const base = heads ? inOfficeCount : totalVotes;
  const counted = heads
    ? presentList.length + (withProxies ? represented.length : 0)
    : votesPresent + (withProxies ? votesRepresented : 0);
  const threshold = Math.floor(base / 2) + 1;
  return {
    inOffice: inOfficeCount, room, remote, represented, counted, threshold,
    reached: counted >= threshold, missing: Math.max(0, threshold - counted),
    votesPresent, votesRepresented, rosterVotes, totalVotes, rule: describeQuorumRule(profile),
  };
}
