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

export function isPresent(status: string | undefined, profile: Pick<BodyProfile, 'remoteCountsAsPresent'>): boolean {
  return status === 'salle' || (status === 'distance' && profile.remoteCountsAsPresent);
}

/** A proxy is effective when confirmed, its holder present and its giver not present. */
export function effectiveProxies(record: SessionRecord, profile: Pick<BodyProfile, 'remoteCountsAsPresent'>): Proxy[] {
  return record.proxies.filter(
    (p) => p.status === 'confirmed' && isPresent(record.attendance[p.holder], profile) && !isPresent(record.attendance[p.giver], profile),
  );
}

export function describeQuorumRule(profile: BodyProfile): string {
  const who = profile.quorum.base === 'present' ? 'présents' : 'présents ou représentés';
  const what = profile.quorum.count === 'heads' ? 'la majorité des délégués en exercice' : 'la majorité des voix des délégués en exercice';
  const remote = profile.remoteCountsAsPresent ? ' ; la participation à distance vaut présence' : '';
  return `Quorum : ${what}, ${who} (${profile.quorum.source})${remote}`;
}

export function computeQuorum(profile: BodyProfile, roster: readonly Delegate[], record: SessionRecord): QuorumResult {
  const inOffice = roster.filter((d) => d.inOffice);
  const byId = new Map(inOffice.map((d) => [d.id, d]));
  const room = inOffice.filter((d) => record.attendance[d.id] === 'salle');
  const remote = inOffice.filter((d) => record.attendance[d.id] === 'distance');
  const presentList = profile.remoteCountsAsPresent ? [...room, ...remote] : room;
  const represented = effectiveProxies(record, profile)
    .map((p) => ({ giver: byId.get(p.giver), holder: byId.get(p.holder) }))
    .filter((p): p is { giver: Delegate; holder: Delegate } => !!p.giver && !!p.holder);

  const votesPresent = presentList.reduce((s, d) => s + d.votes, 0);
  const votesRepresented = represented.reduce((s, p) => s + p.giver.votes, 0);
  const rosterVotes = inOffice.reduce((s, d) => s + d.votes, 0);
  const totalVotes = profile.statedTotalVotes ?? rosterVotes;
  const withProxies = profile.quorum.base === 'present-or-represented';

  const heads = profile.quorum.count === 'heads';
  const base = heads ? inOffice.length : totalVotes;
  const counted = heads
    ? presentList.length + (withProxies ? represented.length : 0)
    : votesPresent + (withProxies ? votesRepresented : 0);
  const threshold = Math.floor(base / 2) + 1;
  return {
    inOffice: inOffice.length, room, remote, represented, counted, threshold,
    reached: counted >= threshold, missing: Math.max(0, threshold - counted),
    votesPresent, votesRepresented, rosterVotes, totalVotes, rule: describeQuorumRule(profile),
  };
}
