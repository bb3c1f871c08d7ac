/**
 * @module The life of a session: planifiée → convoquée → ouverte → levée → procès-verbal arrêté (or annulée),
 * and which changes each state allows. A recorded state (issue 11 opens and closes sessions) wins; otherwise
 * the state follows the date: a past session is levée, a configured past one with its minutes is arrêtée; a
 * session is never ouverte by the clock alone.
 * Commands that change records resolve their session here: the next one by default, never a past one.
 */
import type { CommandContext } from '../command.ts';
import { fail } from '../errors.ts';
import { withJournal, type Who } from '../journal.ts';
import type { LifecycleState, Session, SessionRecord } from '../model.ts';
import { formatDateLong, zonedDate, type IsoDate } from '../text/dates.ts';

export const STATE_LABEL: Record<LifecycleState, string> = {
  planifiee: 'planifiée',
  convoquee: 'convoquée',
  ouverte: 'ouverte',
  levee: 'levée',
  arretee: 'procès-verbal arrêté',
  annulee: 'annulée',
};

/** « la séance du lundi 7 octobre 2024 est levée et son procès-verbal arrêté ». */
export function stateSentence(s: Pick<Session, 'date'>, state: LifecycleState): string {
  const what = `La séance du ${formatDateLong(s.date)}`;
  switch (state) {
    case 'arretee':
      return `${what} est levée et son procès-verbal arrêté`;
    case 'levee':
      return `${what} est levée`;
    default:
      return `${what} est ${STATE_LABEL[state]}`;
  }
}

export function sessionState(s: Session, record: SessionRecord, now: Date, timeZone: string): LifecycleState {
  if (s.cancelled) return 'annulee';
  if (record.lifecycle) return record.lifecycle.state;
  const today = zonedDate(now, timeZone);
  if (s.date < today) return s.origin === 'config' && (s.closedAt || s.prefecture) ? 'arretee' : 'levee';
  // On its day a session is « ouverte » only once the secretariat opens it (/seance ouvrir): until then its agenda
  // can still be completed, and no vote is taken, whatever the clock says.
  return record.convocation || s.convokedOn ? 'convoquee' : 'planifiee';
}

/**
 * What a change touches: `record` (attendance, proxies, answers: until the session is levée), `agenda` (until
 * it opens), `schedule` (move, cancel, details: before it opens).
 */
export type ChangeKind = 'record' | 'agenda' | 'schedule';

const ALLOWED: Record<ChangeKind, readonly LifecycleState[]> = {
  record: ['planifiee', 'convoquee', 'ouverte'],
  agenda: ['planifiee', 'convoquee'],
  schedule: ['planifiee', 'convoquee'],
};

export const rectifyHint = (s: Pick<Session, 'date'>) =>
  `Pour corriger une séance levée : /seance rectifier ${s.date} <motif> (secrétariat), qui autorise une seule modification, notée avec son motif au journal et au procès-verbal.`;

/** Throws the French refusal naming the state, unless the state allows the change or a rectification is open. */
export function assertChangeable(s: Session, record: SessionRecord, state: LifecycleState, kind: ChangeKind): void {
  if (ALLOWED[kind].includes(state)) return;
  if (state === 'annulee') {
    fail(
      'session.cancelled',
      `${stateSentence(s, state)} : la rétablir d'abord (/seance retablir ${s.date}), tant que sa date n'est pas passée.`,
    );
  }
  if ((state === 'levee' || state === 'arretee') && record.rectification) return;
  if (state === 'ouverte') {
    fail(
      'session.open',
      `${stateSentence(s, state)} : ${kind === 'agenda' ? 'son ordre du jour ne change plus' : 'sa date, son lieu et sa présidence ne changent plus'}.`,
    );
  }
  fail('session.closed', `${stateSentence(s, state)} : son registre ne change plus. ${rectifyHint(s)}`);
}

export interface Target {
  readonly session: Session;
  readonly state: LifecycleState;
  /** Re-checks on the freshest record, inside `records.update` (a rectification allows one change only). */
  readonly guard: (r: SessionRecord) => void;
}

export async function stateOf(
  ctx: Pick<CommandContext, 'records' | 'clock' | 'config'>,
  s: Session,
): Promise<LifecycleState> {
  return sessionState(s, await ctx.records.record(s.id), ctx.clock.now(), ctx.config.body.timezone);
}

/**
 * The session a change applies to: the one on `date`, or else the next one that can still change — never a
 * past one. Refuses, in French, a state that does not allow the change.
 */
export async function sessionForChange(
  ctx: CommandContext,
  date: IsoDate | undefined,
  kind: ChangeKind,
): Promise<Target> {
  const now = ctx.clock.now();
  const tz = ctx.config.body.timezone;
  let s: Session;
  if (date) s = await ctx.session(date);
  else {
    const today = ctx.today();
    const all = await ctx.sessions();
    const upcoming = all.filter((x) => !x.cancelled && x.date >= today);
    const states = await Promise.all(
      upcoming.map(async (x) => [x, sessionState(x, await ctx.records.record(x.id), now, tz)] as const),
    );
    const next = states.find(([, st]) => ALLOWED.record.includes(st))?.[0];
    if (!next) {
      // Never the latest past session by default: say where it stands and how to correct it.
      const last = all.filter((x) => !x.cancelled && x.date < today).at(-1);
      const lastState = last
        ? `${stateSentence(last, sessionState(last, await ctx.records.record(last.id), now, tz))} : son registre ne change plus. ${rectifyHint(last)}`
        : '';
      fail(
        'session.none-upcoming',
        `Aucune séance à venir : planifier une séance (/seance planifier) ou préciser la date. ${lastState}`.trim(),
      );
    }
    s = next;
  }
  const record = await ctx.records.record(s.id);
  const state = sessionState(s, record, now, tz);
  assertChangeable(s, record, state, kind);
  return { session: s, state, guard: (r) => assertChangeable(s, r, sessionState(s, r, ctx.clock.now(), tz), kind) };
}

/** Journals a change kept outside the session record (agenda, details), through the one journal function. */
export async function journalChange(
  ctx: Pick<CommandContext, 'records'>,
  t: Target,
  who: Who,
  action: string,
  detail: string,
): Promise<void> {
  await ctx.records.update(t.session.id, (r) => {
    t.guard(r);
    return { record: withJournal(r, who, action, detail) };
  });
}
