/**
 * @module Answers to the convocation: *announced* attendance (salle, distance, excusé, pouvoir to a colleague),
 * kept apart from the attendance recorded in the room. A proxy announced this way is declared like any other
 * (pending until the secretariat confirms). The quorum forecast reads recorded attendance first, then answers.
 */
import { addProxy, checkProxy, proxiesHeldBy, proxyOf, type Change } from '../assembly/proxies.ts';
import { computeQuorum, isPresent, type QuorumResult } from '../assembly/quorum.ts';
import { fail } from '../errors.ts';
import { withJournal, type Who } from '../journal.ts';
import type {
  AnswerKind,
  AttendanceStatus,
  BodyProfile,
  ConvocationAnswer,
  Delegate,
  Proxy,
  Session,
  SessionRecord,
} from '../model.ts';
import type { Action } from '../reply.ts';
import { agree } from '../reminders/labels.ts';

const nameOf = (d: Delegate) => `${d.civility} ${d.lastName}`;

export function answerLabel(kind: AnswerKind, d: Pick<Delegate, 'civility'>, holder?: string): string {
  switch (kind) {
    case 'salle':
      return `${agree(d, 'présent')} en salle`;
    case 'distance':
      return `${agree(d, 'présent')} à distance`;
    case 'excuse':
      return agree(d, 'excusé');
    case 'pouvoir':
      return `donne pouvoir${holder ? ` à ${holder}` : ''}`;
  }
}

/** What an answer announces, as an attendance status (a proxy giver is excused). */
const announced = (a: ConvocationAnswer | undefined): AttendanceStatus | undefined =>
  a ? (a.answer === 'pouvoir' ? 'excuse' : a.answer) : undefined;

/** Recorded attendance first, else the answer. */
export function expectedStatus(record: SessionRecord, id: string): AttendanceStatus | undefined {
  return record.attendance[id] ?? announced(record.answers?.[id]);
}

/** Has this delegate said anything: an answer, a recorded attendance, or a proxy given? */
export const hasAnswered = (record: SessionRecord, id: string) =>
  Boolean(record.answers?.[id] || record.attendance[id] || proxyOf(record, id));

/** Delegates who may receive `giver`'s proxy under the rules, those announced present first. */
export function possibleHolders(
  profile: BodyProfile,
  roster: readonly Delegate[],
  record: SessionRecord,
  giver: Delegate,
): Delegate[] {
  const ok = roster.filter((h) => {
    if (h.id === giver.id || !h.inOffice) return false;
    const status = expectedStatus(record, h.id);
    if (status === 'excuse' || status === 'absent') return false;
    try {
      checkProxy(
        profile,
        { ...record, proxies: record.proxies.filter((p) => p.giver !== giver.id) },
        { giver, holder: h, confirmed: false },
      );
      return true;
    } catch {
      return false;
    }
  });
  const rank = (d: Delegate) => (isPresent(expectedStatus(record, d.id), profile) ? 0 : 1);
  return ok.sort((a, b) => rank(a) - rank(b) || a.lastName.localeCompare(b.lastName, 'fr'));
}

/** The answer buttons of a convocation: neutral actions, run as whoever clicks (no name to type). */
export function answerActions(s: Session): Action[] {
  const cmd = (what: string) => `/reponse ${what} ${s.date}`;
  const actions: Action[] = [
    { id: 'answer.room', label: 'Présent(e) en salle', value: cmd('salle'), command: cmd('salle'), style: 'primary' },
  ];
  if (s.remote)
    actions.push({ id: 'answer.remote', label: 'À distance', value: cmd('distance'), command: cmd('distance') });
  actions.push(
    { id: 'answer.excused', label: 'Excusé(e)', value: cmd('excuse'), command: cmd('excuse') },
    { id: 'answer.proxy', label: 'Je donne pouvoir…', value: cmd('pouvoir'), command: cmd('pouvoir') },
  );
  return actions;
}

/** One button per possible holder (Slack and Discord show 25 at most; the rest are typed). */
export const MAX_HOLDER_BUTTONS = 20;

export function holderActions(s: Session, holders: readonly Delegate[]): Action[] {
  return holders.slice(0, MAX_HOLDER_BUTTONS).map((h) => {
    const command = `/reponse pouvoir "${nameOf(h)}" ${s.date}`;
    return { id: `answer.proxy.${h.id}`, label: nameOf(h), value: command, command };
  });
}

export interface AnswerChange extends Change {
  /** A proxy of this delegate removed by the new answer (its pending request must show it). */
  readonly withdrawn?: Proxy;
}

/**
 * Records `d`'s answer. A proxy answer declares a pending proxy (the confirmation flow follows); any other answer
 * withdraws a proxy this delegate had given. One version bump, one journal entry.
 */
export function setAnswer(
  profile: BodyProfile,
  record: SessionRecord,
  who: Who,
  d: Delegate,
  s: Session,
  kind: AnswerKind,
  holder?: Delegate,
): AnswerChange {
  if (!d.inOffice) fail('answer.not-in-office', `${nameOf(d)} n'est pas ${agree(d, 'délégué')} en exercice.`);
  if (kind === 'distance' && !s.remote)
    fail(
      'answer.no-remote',
      `La séance du ${s.date} ne prévoit pas de participation à distance : répondre salle, excuse ou pouvoir.`,
    );
  const previous = record.answers?.[d.id];
  const given = proxyOf(record, d.id);
  const notes: string[] = [];
  let base: SessionRecord = record;
  let withdrawn: Proxy | undefined;
  if (given && !(kind === 'pouvoir' && holder && given.holder === holder.id)) {
    base = { ...base, proxies: base.proxies.filter((p) => p !== given) };
    withdrawn = given;
    notes.push(`Votre pouvoir${given.status === 'pending' ? ' en attente' : ''} est retiré.`);
  } else if (given) {
    fail(
      'answer.same',
      `Votre pouvoir à ${holder ? nameOf(holder) : ''} est déjà ${given.status === 'pending' ? 'transmis au secrétariat' : 'confirmé'}.`,
    );
  }
  const answer: ConvocationAnswer = {
    answer: kind,
    ...(holder ? { holder: holder.id } : {}),
    at: who.at,
    door: who.door,
  };
  const before = previous ? answerLabel(previous.answer, d, previous.holder) : 'sans réponse';
  const after = answerLabel(kind, d, holder ? nameOf(holder) : undefined);
  const answers = { ...base.answers, [d.id]: answer };
  if (kind === 'pouvoir') {
    if (!holder) throw new Error('setAnswer: a proxy answer needs a holder');
    const status = expectedStatus(base, holder.id);
    if (status === 'excuse' || status === 'absent') {
      fail(
        'proxy.holder-absent',
        `${nameOf(holder)} a annoncé ne pas venir (${status === 'excuse' ? agree(holder, 'excusé') : agree(holder, 'absent')}) : choisir un délégué présent.`,
        [],
        `Pouvoirs : ${profile.proxyRuleSource}`,
      );
    }
    // Attendance recorded by the secretariat wins over an answer: only the secretariat changes it.
    if (isPresent(base.attendance[d.id], profile))
      fail(
        'proxy.giver-present',
        `Vous êtes ${agree(d, 'enregistré')} ${agree(d, 'présent')} pour cette séance : s'adresser au secrétariat.`,
      );
    const added = addProxy(profile, { ...base, version: record.version }, { giver: d, holder, confirmed: false }, who);
    return { record: { ...added.record, answers }, notes: [...notes, ...added.notes], withdrawn };
  }
  if (kind === 'excuse' && proxiesHeldBy(base, d.id).length) {
    notes.push(
      `Vous détenez le pouvoir d'un collègue : il ne comptera pas en votre absence ; prévenir le secrétariat.`,
    );
  }
  return {
    record: withJournal(
      { ...base, version: record.version },
      who,
      'réponse à la convocation',
      `${nameOf(d)} : ${before} → ${after}`,
      { answers },
    ),
    notes,
    withdrawn,
  };
}

export interface Forecast {
  /** The quorum if nobody else comes: recorded attendance, then answers; announced proxies counted. */
  readonly quorum: QuorumResult;
  readonly room: readonly Delegate[];
  readonly remote: readonly Delegate[];
  readonly excused: readonly Delegate[];
  readonly proxies: readonly { readonly giver: Delegate; readonly holder: Delegate; readonly pending: boolean }[];
  readonly noAnswer: readonly Delegate[];
  /** Delegates expected present who could still receive a proxy. */
  readonly canReceive: readonly Delegate[];
}

export function forecast(profile: BodyProfile, roster: readonly Delegate[], record: SessionRecord): Forecast {
  const inOffice = roster.filter((d) => d.inOffice);
  const attendance: Record<string, AttendanceStatus> = {};
  for (const d of inOffice) {
    const st = expectedStatus(record, d.id);
    if (st) attendance[d.id] = st;
  }
  const byId = new Map(roster.map((d) => [d.id, d]));
  const hypothetical: SessionRecord = {
    ...record,
    attendance,
    proxies: record.proxies.map((p) => ({ ...p, status: 'confirmed' as const })),
  };
  const quorum = computeQuorum(profile, roster, hypothetical);
  const holdsTooMany = (d: Delegate) =>
    proxiesHeldBy(record, d.id).length >= profile.maxProxiesPerHolder || Boolean(proxyOf(record, d.id));
  return {
    quorum,
    room: inOffice.filter((d) => attendance[d.id] === 'salle'),
    remote: inOffice.filter((d) => attendance[d.id] === 'distance'),
    excused: inOffice.filter((d) => attendance[d.id] === 'excuse' || attendance[d.id] === 'absent'),
    proxies: record.proxies.flatMap((p) => {
      const giver = byId.get(p.giver);
      const holder = byId.get(p.holder);
      return giver && holder ? [{ giver, holder, pending: p.status === 'pending' }] : [];
    }),
    noAnswer: inOffice.filter((d) => !hasAnswered(record, d.id)),
    canReceive: inOffice.filter((d) => isPresent(attendance[d.id], profile) && !holdsTooMany(d)),
  };
}
