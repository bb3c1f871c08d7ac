/**
 * @module The domain rules applied to a session record whatever wrote it (config, chat, store): who is
 * present, which proxies count, and which records are disregarded and why. The chat commands refuse a
 * breach up front; this is the last word for data that slipped past them (a config, an old store).
 */
import type { AttendanceStatus, BodyProfile, Delegate, Proxy, SessionRecord } from '../model.ts';
import { agree, himself, statusWords } from '../text/french.ts';

type PresenceRules = Pick<BodyProfile, 'remoteAllowed' | 'remoteCountsAsPresent' | 'substitutes'>;

/** Sits in person (room, or remotely where remote members count): may hold a proxy. */
export function sitsInPerson(
  status: AttendanceStatus | string | undefined,
  profile: Pick<BodyProfile, 'remoteCountsAsPresent'> & Partial<PresenceRules>,
): boolean {
  return (
    status === 'salle' || (status === 'distance' && profile.remoteAllowed !== false && profile.remoteCountsAsPresent)
  );
}

/** Counts as present: sitting in person, or replaced by their suppléant where suppléants exist. */
export function isPresent(
  status: AttendanceStatus | string | undefined,
  profile: Pick<BodyProfile, 'remoteCountsAsPresent'> & Partial<PresenceRules>,
): boolean {
  return sitsInPerson(status, profile) || (status === 'suppleant' && profile.substitutes !== false);
}

export interface Disregarded {
  /** What is set aside, e.g. "pouvoir de M. X à M. Y" or "présence à distance de M. X". */
  readonly what: string;
  readonly why: string;
  /** `holder-unmarked`: the holder has no attendance yet (normal before a session, a breach after it). */
  readonly code?: 'holder-unmarked';
  readonly proxy?: Proxy;
  readonly delegateId?: string;
}

export interface AppliedRecord {
  /** Proxies that count, in the order recorded. */
  readonly proxies: readonly { readonly proxy: Proxy; readonly giver: Delegate; readonly holder: Delegate }[];
  /** Titulaires replaced by their suppléant, counted present with their voix. */
  readonly substituted: readonly Delegate[];
  /** Records that break a rule: not counted, each with its reason. */
  readonly disregarded: readonly Disregarded[];
}

const nameOf = (d: Delegate) => `${d.civility} ${d.lastName}`;

/** Why a holder cannot carry a proxy: their status, said plainly. */
function notInPerson(holder: Delegate, status: AttendanceStatus | undefined): string {
  const noted = agree(holder, 'noté', 'notée');
  if (!status) return `${nameOf(holder)} n'est pas ${noted} ${agree(holder, 'présent', 'présente')}`;
  if (status === 'distance') return `${nameOf(holder)} est ${noted} à distance, ce qui ne vaut pas présence ici`;
  return `${nameOf(holder)} est ${statusWords(status, holder)}`;
}

interface Remembered {
  readonly profile: BodyProfile;
  readonly byId: ReadonlyMap<string, Delegate>;
  readonly applied: AppliedRecord;
}

/** The last result per (proxies, attendance) pair: records are immutable values, so identity says "unchanged". */
const remembered = new WeakMap<SessionRecord['proxies'], WeakMap<SessionRecord['attendance'], Remembered>>();

/**
 * The rules applied to `record`. Every /quorum and /pouvoirs runs them on the same stored record until it
 * changes: the result (read-only, shared) is remembered for the record's attendance and proxies objects.
 */
export function applyRecordRules(
  profile: BodyProfile,
  byId: ReadonlyMap<string, Delegate>,
  record: SessionRecord,
): AppliedRecord {
  let byAttendance = remembered.get(record.proxies);
  if (!byAttendance) remembered.set(record.proxies, (byAttendance = new WeakMap()));
  const hit = byAttendance.get(record.attendance);
  if (hit && hit.profile === profile && hit.byId === byId) return hit.applied;
  const applied = computeRecordRules(profile, byId, record);
  byAttendance.set(record.attendance, { profile, byId, applied });
  return applied;
}

function computeRecordRules(
  profile: BodyProfile,
  byId: ReadonlyMap<string, Delegate>,
  record: SessionRecord,
): AppliedRecord {
  const disregarded: Disregarded[] = [];
  const substituted: Delegate[] = [];
  const att = record.attendance;
  for (const [id, status] of Object.entries(att)) {
    const d = byId.get(id);
    if (!d || !d.inOffice) {
      disregarded.push({
        what: `présence de ${d ? nameOf(d) : id}`,
        why: 'pas délégué(e) en exercice',
        delegateId: id,
      });
      continue;
    }
    if (status === 'distance' && !profile.remoteAllowed) {
      disregarded.push({
        what: `présence à distance de ${nameOf(d)}`,
        why: `ne compte pas pour le quorum : ${profile.remoteSource}`,
        delegateId: id,
      });
    } else if (status === 'suppleant') {
      if (!profile.substitutes)
        disregarded.push({
          what: `remplacement de ${nameOf(d)} par un suppléant`,
          why: `pas de suppléants : ${profile.substitutesSource}`,
          delegateId: id,
        });
      else if (!d.substitute)
        disregarded.push({
          what: `remplacement de ${nameOf(d)} par un suppléant`,
          why: 'aucun suppléant désigné pour ce titulaire dans la configuration',
          delegateId: id,
        });
      else substituted.push(d);
    }
  }
  const present = (id: string) => {
    const s = att[id];
    if (s === 'suppleant') return substituted.some((d) => d.id === id);
    return sitsInPerson(s, profile);
  };
  // A present member's own proxy is void, so only absent givers can make a chain.
  const givers = new Set(
    record.proxies.filter((p) => p.status === 'confirmed' && !present(p.giver)).map((p) => p.giver),
  );
  const seenGivers = new Set<string>();
  const held = new Map<string, number>();
  const proxies: AppliedRecord['proxies'][number][] = [];
  for (const p of record.proxies) {
    if (p.status !== 'confirmed') continue; // pending: not yet a proxy, listed apart
    const giver = byId.get(p.giver),
      holder = byId.get(p.holder);
    const what = `pouvoir de ${giver ? nameOf(giver) : p.giver} à ${holder ? nameOf(holder) : p.holder}`;
    const out = (why: string, code?: Disregarded['code']) =>
      disregarded.push({ what, why, proxy: p, ...(code ? { code } : {}) });
    if (!giver || !holder || !giver.inOffice || !holder.inOffice) {
      out('mandant ou mandataire pas délégué(e) en exercice');
      continue;
    }
    if (giver.id === holder.id) {
      out('un délégué ne se donne pas pouvoir à lui-même');
      continue;
    }
    if (seenGivers.has(giver.id)) {
      out(`${nameOf(giver)} a déjà donné un pouvoir pour cette séance (un seul pouvoir par mandant)`);
      continue;
    }
    seenGivers.add(giver.id);
    if (present(giver.id)) {
      out(`${nameOf(giver)} est ${statusWords(att[giver.id], giver)}`);
      continue;
    }
    if (givers.has(holder.id)) {
      out(`${nameOf(holder)} a ${himself(holder)} donné un pouvoir : pas de pouvoir en cascade`);
      continue;
    }
    if (!sitsInPerson(att[holder.id], profile)) {
      out(notInPerson(holder, att[holder.id]), att[holder.id] ? undefined : 'holder-unmarked');
      continue;
    }
    const n = held.get(holder.id) ?? 0;
    if (n >= profile.maxProxiesPerHolder) {
      out(`${nameOf(holder)} détient déjà ${n === 1 ? 'un pouvoir' : `${n} pouvoirs`} ; ${profile.proxyRuleSource}`);
      continue;
    }
    held.set(holder.id, n + 1);
    proxies.push({ proxy: p, giver, holder });
  }
  return { proxies, substituted, disregarded };
}

export function disregardedText(d: Disregarded): string {
  return `${d.what} : non pris en compte (${d.why})`;
}
