/**
 * @module The session while it sits (issue 11), as pure transitions on its record: opening and closing times,
 * arrivals and departures with their time (a proxy given on leaving), the current agenda item, withdrawals from
 * an item (CGCT L2131-11). Votes live in `record.ballots` (/vote), each kept with the attendance it was taken on,
 * so that the minutes count every vote against the room as it was at that moment, not as it is at the end.
 */
import { addProxy, setAttendance, type Change } from '../assembly/proxies.ts';
import { delegateName } from '../config.ts';
import { fail } from '../errors.ts';
import { withJournal, type Who } from '../journal.ts';
import type { AttendanceStatus, BodyProfile, Delegate, Proxy, SessionRecord } from '../model.ts';
import { formatTime, type WallTime } from '../text/dates.ts';
import { agree } from '../text/french.ts';
import type { Ballot, OpenBallot } from '../votes/model.ts';

export interface Movement {
  readonly delegate: string;
  readonly kind: 'arrivee' | 'depart';
  readonly time: WallTime;
  /** Where an arriving delegate sits. */
  readonly status?: 'salle' | 'distance';
  /** The delegate a leaving one gave their proxy to. */
  readonly proxyTo?: string;
  /** What the movement replaced: the delegate's attendance and the proxies they gave or held, just before. */
  readonly undo?: { readonly status?: AttendanceStatus; readonly proxies: readonly Proxy[] };
}

/** The delegate's part of the record before a movement, so that the minutes can show the room at the opening. */
const undoOf = (r: SessionRecord, id: string): Movement['undo'] => ({
  ...(r.attendance[id] ? { status: r.attendance[id] } : {}),
  proxies: r.proxies.filter((p) => p.giver === id || p.holder === id),
});

/** A vote as taken in the session: the ballot plus the attendance and proxies of that moment. */
export interface RecordedBallot extends Ballot {
  readonly time: WallTime;
  readonly attendance: Readonly<Record<string, AttendanceStatus>>;
  readonly proxies: readonly Proxy[];
}

export interface LiveRecord {
  readonly openedAt?: WallTime;
  readonly closedAt?: WallTime;
  /** The agenda item under discussion (position from 1). */
  readonly current?: number;
  readonly movements: readonly Movement[];
  /** Delegates withdrawn from an item, by item position. */
  readonly withdrawn: Readonly<Record<string, readonly string[]>>;
  /** The ballot the delegates are voting on with their buttons, if any (one at a time). */
  readonly ballot?: OpenBallot;
}

/** Several journaled steps make one change of the record: one version more than before (records.update checks it). */
export const asOneChange = (before: SessionRecord, after: SessionRecord): SessionRecord =>
  after === before ? before : { ...after, version: before.version + 1 };

export const emptyLive: LiveRecord = { movements: [], withdrawn: {} };

export const liveOf = (r: SessionRecord): LiveRecord => r.live ?? emptyLive;
export const isOpen = (r: SessionRecord) => r.live?.openedAt !== undefined && r.live.closedAt === undefined;

const withLive = (
  r: SessionRecord,
  who: Who,
  action: string,
  detail: string,
  live: LiveRecord,
  patch: Partial<SessionRecord> = {},
) => withJournal(r, who, action, detail, { ...patch, live });

export function openSession(r: SessionRecord, who: Who, time: WallTime): SessionRecord {
  const live = liveOf(r);
  if (live.closedAt)
    fail('live.closed', `La séance a été levée à ${formatTime(live.closedAt)} : elle ne se rouvre pas.`);
  if (live.openedAt) fail('live.already-open', `La séance est déjà ouverte depuis ${formatTime(live.openedAt)}.`);
  return withLive(
    r,
    who,
    'séance ouverte',
    formatTime(time),
    { ...live, openedAt: time },
    {
      lifecycle: { state: 'ouverte', at: who.at, by: who.name },
    },
  );
}

export function closeSession(r: SessionRecord, who: Who, time: WallTime): SessionRecord {
  const live = mustBeOpen(r);
  if (time < live.openedAt!)
    fail(
      'live.time',
      `La séance a été ouverte à ${formatTime(live.openedAt!)} : elle ne peut pas être levée à ${formatTime(time)}.`,
    );
  return withLive(
    r,
    who,
    'séance levée',
    formatTime(time),
    { ...live, closedAt: time },
    {
      lifecycle: { state: 'levee', at: who.at, by: who.name },
    },
  );
}

export function mustBeOpen(r: SessionRecord): LiveRecord {
  const live = liveOf(r);
  if (!live.openedAt)
    fail('live.not-open', "La séance n'est pas ouverte : le secrétariat l'ouvre avec /seance ouvrir.");
  if (live.closedAt) fail('live.closed', `La séance a été levée à ${formatTime(live.closedAt)}.`);
  return live;
}

/** An arrival during the session: present from that time (a proxy they had given is cancelled by the rule). */
export function arrive(
  profile: BodyProfile,
  r: SessionRecord,
  who: Who,
  d: Delegate,
  time: WallTime,
  status: 'salle' | 'distance',
  nameById: (id: string) => string,
): Change {
  const live = mustBeOpen(r);
  const change = setAttendance(profile, r, who, d, status, nameById);
  if (change.record === r) return change;
  const movement: Movement = { delegate: d.id, kind: 'arrivee', time, status, undo: undoOf(r, d.id) };
  return {
    ...change,
    record: asOneChange(
      r,
      withLive(change.record, who, 'arrivée', `${delegateName(d)} à ${formatTime(time)}`, {
        ...live,
        movements: [...live.movements, movement],
      }),
    ),
  };
}

/** A departure during the session; with a holder, the proxy is recorded (confirmed: the secretariat sees it given). */
export function depart(
  profile: BodyProfile,
  r: SessionRecord,
  who: Who,
  d: Delegate,
  time: WallTime,
  holder: Delegate | undefined,
  nameById: (id: string) => string,
): Change {
  const live = mustBeOpen(r);
  const status = r.attendance[d.id];
  if (status !== 'salle' && status !== 'distance') {
    fail(
      'live.not-present',
      `${delegateName(d)} n'est pas ${agree(d, 'marqué présent', 'marquée présente')} : son départ ne peut pas être noté.`,
    );
  }
  const left = setAttendance(profile, r, who, d, 'absent', nameById);
  let record = left.record;
  const notes = [...left.notes];
  if (holder) {
    const given = addProxy(profile, record, { giver: d, holder, confirmed: true }, who);
    record = given.record;
    notes.push(...given.notes);
  }
  const movement: Movement = {
    delegate: d.id,
    kind: 'depart',
    time,
    ...(holder ? { proxyTo: holder.id } : {}),
    undo: undoOf(r, d.id),
  };
  const detail = `${delegateName(d)} à ${formatTime(time)}${holder ? `, pouvoir à ${delegateName(holder)}` : ''}`;
  return {
    record: asOneChange(
      r,
      withLive(record, who, 'départ', detail, { ...live, movements: [...live.movements, movement] }),
    ),
    notes,
  };
}

export function setCurrentItem(r: SessionRecord, who: Who, item: number, title: string): SessionRecord {
  const live = mustBeOpen(r);
  return withLive(r, who, 'point en cours', `${item}. ${title}`, { ...live, current: item });
}

export function withdraw(r: SessionRecord, who: Who, item: number, d: Delegate): SessionRecord {
  const live = mustBeOpen(r);
  const already = live.withdrawn[String(item)] ?? [];
  if (already.includes(d.id))
    fail('live.already-withdrawn', `${delegateName(d)} est déjà ${agree(d, 'retiré', 'retirée')} du point ${item}.`);
  return withLive(r, who, 'retrait', `${delegateName(d)}, point ${item}`, {
    ...live,
    withdrawn: { ...live.withdrawn, [String(item)]: [...already, d.id] },
  });
}

/** Was this ballot taken in a sitting session (it carries the attendance of its moment)? */
export const takenInSession = (ballot: Ballot): ballot is RecordedBallot =>
  'attendance' in ballot && 'proxies' in ballot;

/** The record as it stood when `ballot` was taken (the minutes count each vote on it). */
export function recordAtBallot(r: SessionRecord, ballot: Ballot): SessionRecord {
  const taken = ballot as Partial<RecordedBallot>;
  return taken.attendance && taken.proxies ? { ...r, attendance: taken.attendance, proxies: taken.proxies } : r;
}

/**
 * The attendance and proxies as they stood when the session opened: the record with its arrivals and departures
 * undone, latest first (the minutes' tables show the opening; the movements are listed after them).
 */
export function recordAtOpening(r: SessionRecord): SessionRecord {
  const moves = liveOf(r).movements;
  if (!moves.length) return r;
  const attendance: Record<string, AttendanceStatus> = { ...r.attendance };
  let proxies = [...r.proxies];
  for (const m of [...moves].reverse()) {
    if (!m.undo) continue;
    if (m.undo.status) attendance[m.delegate] = m.undo.status;
    else delete attendance[m.delegate];
    proxies = [...proxies.filter((p) => p.giver !== m.delegate && p.holder !== m.delegate), ...m.undo.proxies];
  }
  return { ...r, attendance, proxies };
}

/** « M. PAYEN arrive à 18 h 05 (en salle) », « Mme X quitte la séance à 19 h 10 et donne pouvoir à M. Y ». */
export function movementLines(live: LiveRecord, byId: (id: string) => Delegate | undefined): string[] {
  return live.movements.map((m) => {
    const d = byId(m.delegate);
    const name = d ? delegateName(d) : m.delegate;
    if (m.kind === 'arrivee')
      return `${name} ${d ? agree(d, 'arrivé', 'arrivée') : 'arrivé'} à ${formatTime(m.time)}${m.status === 'distance' ? ' (en téléconférence)' : ' (en salle)'}.`;
    const h = m.proxyTo ? byId(m.proxyTo) : undefined;
    return `${name} quitte la séance à ${formatTime(m.time)}${m.proxyTo ? ` et donne pouvoir à ${h ? delegateName(h) : m.proxyTo}` : ''}.`;
  });
}
