/**
 * @module The reminder scheduler: one `tick()` (called each minute by the ticker in src/infra, and once on
 * start to catch up) asks the pure `due()` what to send, claims each due reminder in the store (so that of
 * several processes on one store exactly one sends it; a dead claimant's claim expires), puts it in the
 * durable outbox (state 'pending', with the message) *before* handing it to the doors, records each door's
 * answer as it comes, and marks it sent once all answered. A failing door is retried within the tick, then
 * on later ticks with back-off until the grace ends (then « manqué », resendable with /rappel renvoyer);
 * a process killed mid-delivery leaves the entry for a retry that skips the doors that already have it.
 * Time comes from the Clock port only.
 */
import type { Config } from '../config.ts';
import { PUBLICATION_DAYS } from '../publication/rules.ts';
import { addDays, toZoned, type IsoDate } from '../text/dates.ts';
import type { Session, SessionRecord } from '../model.ts';
import type { Clock, Logger, Store } from '../ports.ts';
import { createKeyedLock } from '../records.ts';
import { list, reply, text, type Recipient } from '../reply.ts';
import { dueBetween, firstAfter, indexReminders, nextReminders, withReminder, type ReminderIndex } from './by-due.ts';
import { customToReminder } from './custom.ts';
import { deriveReminders, upcomingSessions } from './derive.ts';
import { sessionStart } from './session-reminders.ts';
import { heldWithinPublicationWeek } from './publication-reminders.ts';
import { lateReply, safeSender, type DeliveryOutcome } from './delivery.ts';
import { attemptDelivery, backoffAfter, unreached } from './outbox.ts';
import { due, dueWindow, effectiveGrace, type DueItem } from './due.ts';
import { formatInstant, recipientPhrase, recipientsPhrase } from './labels.ts';
import type { CustomReminder, OutboxEntry, Reminder, ReminderProblem, ReminderState, SendFn } from './model.ts';

/** Waits between tries of a failing door: three tries in all. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 4_000];
/** Problems kept for /rappels (the oldest are dropped first). */
export const MAX_PROBLEMS = 200;

export const REMINDER_KEYS = {
  state: (id: string) => `reminders:state:${id}`,
  lastTick: 'reminders:last-tick',
  custom: 'reminders:custom',
  customRev: 'reminders:custom:rev',
  customSeq: 'reminders:custom:seq',
  problems: 'reminders:problems',
  /** Ids of the reminders in the outbox (pending, or failing and retried). */
  outbox: 'reminders:outbox',
  /** Held by the process that sends (or records as missed) this version of the reminder. */
  claim: (id: string, version: string | number) => `reminders:claim:${id}:${version}`,
} as const;

/** Renewed before each send; a process that dies holding a claim loses it after this. */
export const CLAIM_TTL_MS = 2 * 60_000;

export interface SchedulerDeps {
  readonly config: Pick<Config, 'body' | 'roster' | 'reminders'>;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * The sessions (config and chat-planned) on `fromDate` or later (all of them when the source ignores it),
   * read again on each tick: past sessions stay out of the tick however long the history.
   */
  readonly sessions: (fromDate: IsoDate) => Promise<readonly Session[]>;
  readonly record: (sessionId: string) => Promise<SessionRecord>;
  readonly send: SendFn;
  /** Waits between tries; injected (the core keeps no timers: src/infra/clock.ts has the real one, tests never wait). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Called after a reminder reached at least one recipient (the app records a convocation's sending). Never fails a tick. */
  readonly onSent?: (reminder: Reminder, outcome: DeliveryOutcome, at: string) => Promise<void>;
  readonly retryDelaysMs?: readonly number[];
  /** Who claims reminders (default: a random id, unique per scheduler). */
  readonly owner?: string;
  /** How long a claim holds without renewal (default CLAIM_TTL_MS). */
  readonly claimTtlMs?: number;
  /** The doors this process runs: each is sent to alone and recorded at once (default: one call for all). */
  readonly doorNames?: () => readonly string[];
}

export interface TickReport {
  readonly at: string;
  readonly sent: readonly { readonly id: string; readonly deferred: boolean }[];
  readonly missed: readonly string[];
  /** Failed after the retries, or reachable by no running door. */
  readonly failed: readonly string[];
  readonly stopped?: boolean;
  /**
   * When this body next has something to do (epoch ms): its next reminder, the next session start (its
   * publication reminder appears then), or now while the outbox has retries. A ticker serving many bodies
   * skips a body until then, unless a command changed it. Undefined: nothing scheduled.
   */
  readonly nextMs?: number;
}

export interface NewCustomReminder {
  readonly date: CustomReminder['date'];
  readonly time: CustomReminder['time'];
  readonly to: Recipient;
  readonly text: string;
  readonly createdBy: string;
}

export interface ReminderScheduler {
  /** Sends what is due now; safe to call at any time, ticks never overlap. */
  tick(): Promise<TickReport>;
  /** The catch-up tick on start: sends what fell due within the grace, records the rest as missed. */
  start(): Promise<TickReport>;
  /** Waits for a running tick; later ticks do nothing. */
  stop(): Promise<void>;
  /**
   * Sends one scheduled reminder now, ahead of its time (`/convocation envoyer`), under the same rules: marked
   * sent before the doors see it, never twice. Undefined when no such reminder is scheduled; `already` when it went.
   */
  sendNow(id: string): Promise<{ readonly outcome?: DeliveryOutcome; readonly already?: ReminderState } | undefined>;
  /** The reminders due strictly after now, soonest first. */
  upcoming(limit: number): Promise<Reminder[]>;
  /** All scheduled reminders, as sorted indexes (derived, custom). */
  indexes(): Promise<readonly ReminderIndex[]>;
  problems(): Promise<readonly ReminderProblem[]>;
  state(id: string): Promise<ReminderState | undefined>;
  customReminders(): Promise<readonly CustomReminder[]>;
  addCustom(input: NewCustomReminder): Promise<CustomReminder>;
  removeCustom(number: number): Promise<CustomReminder | undefined>;
  /**
   * Puts a missed, failed or undelivered reminder back in the outbox: the next tick of a process that sends
   * reminders delivers it to the doors that did not get it. Undefined when nothing is to be resent.
   */
  resend(id: string): Promise<ReminderState | undefined>;
}

function hoursText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

export function createReminderScheduler(deps: SchedulerDeps): ReminderScheduler {
  const { config, store, clock, logger } = deps;
  const tz = config.body.timezone;
  const graceMs = config.reminders.graceHours * 3_600_000;
  const sleep = deps.sleep;
  const retryDelays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const withLock = createKeyedLock();
  const label = (to: Recipient) => recipientPhrase(to, config.roster);
  const owner = deps.owner ?? `scheduler:${globalThis.crypto.randomUUID()}`;
  /**
   * Store reads cached for the window the ticks look at (null: not known to be done). Another process may
   * have sent one since: the state is read again, after the claim, before anything is sent.
   */
  const states = new Map<string, ReminderState | null>();
  let custom: { rev: number; rows: CustomReminder[]; index: ReminderIndex } | undefined;
  let stopped = false;

  async function customIndex() {
    const rev = (await store.get<number>(REMINDER_KEYS.customRev)) ?? 0;
    if (!custom || custom.rev !== rev) {
      const rows = (await store.get<CustomReminder[]>(REMINDER_KEYS.custom)) ?? [];
      custom = { rev, rows, index: indexReminders(rows.map((r) => customToReminder(r, config))) };
    }
    return custom;
  }

  /** The next session start after `now` seen by the last look at the sessions (see TickReport.nextMs). */
  let nextStartMs: number | undefined;

  async function currentIndexes(now: Date): Promise<ReminderIndex[]> {
    // Upcoming sessions and those held within their publication week; a margin for time zones.
    const all = await deps.sessions(addDays(toZoned(now, tz).date, -(PUBLICATION_DAYS + 2)));
    nextStartMs = undefined;
    for (const s of all) {
      const start = s.cancelled ? Number.NaN : sessionStart(s, tz).getTime();
      if (start > now.getTime() && (nextStartMs === undefined || start < nextStartMs)) nextStartMs = start;
    }
    const sessions = upcomingSessions(all, now, tz);
    const records = new Map(await Promise.all(sessions.map(async (s) => [s.id, await deps.record(s.id)] as const)));
    const held = await Promise.all(
      heldWithinPublicationWeek(all, now, tz).map(async (session) => ({
        session,
        record: await deps.record(session.id),
      })),
    );
    return [indexReminders(deriveReminders(config, { sessions, records, held }, now)), (await customIndex()).index];
  }

  async function saveState(id: string, state: ReminderState): Promise<void> {
    await store.set(REMINDER_KEYS.state(id), state);
    states.set(id, state);
  }

  const safeSend = safeSender(deps.send);
  const claimTtl = deps.claimTtlMs ?? CLAIM_TTL_MS;
  const claimKey = (id: string, version: string) => REMINDER_KEYS.claim(id, version);

  async function outboxIds(): Promise<string[]> {
    return (await store.get<string[]>(REMINDER_KEYS.outbox)) ?? [];
  }
  async function changeOutbox(id: string, present: boolean): Promise<void> {
    await store.update<string[]>(REMINDER_KEYS.outbox, (current) => {
      const ids = (current?.value ?? []).filter((x) => x !== id);
      return { value: present ? [...ids, id] : ids };
    });
  }

  async function afterSend(r: Reminder, outcome: DeliveryOutcome, at: string): Promise<void> {
    if (!deps.onSent || outcome.delivered.length === 0) return;
    try {
      await deps.onSent(r, outcome, at);
    } catch (e) {
      logger.error('recording a sent reminder failed', { id: r.id, error: e instanceof Error ? e.message : String(e) });
    }
  }

  function problemOf(r: Reminder, status: ReminderProblem['status'], at: string, detail: string): ReminderProblem {
    return {
      id: r.id,
      version: r.version,
      origin: r.origin,
      summary: r.summary,
      due: new Date(r.dueMs).toISOString(),
      to: r.to,
      status,
      at,
      detail,
    };
  }

  /** Problems are kept once per reminder version: a newer problem replaces the older one. */
  async function recordProblems(problems: readonly ReminderProblem[]): Promise<void> {
    const same = (a: ReminderProblem, b: ReminderProblem) => a.id === b.id && a.version === b.version;
    await store.update<ReminderProblem[]>(REMINDER_KEYS.problems, (current) => ({
      value: [...(current?.value ?? []).filter((p) => !problems.some((q) => same(p, q))), ...problems].slice(
        -MAX_PROBLEMS,
      ),
    }));
    const lines = problems.map(
      (p) =>
        `${formatInstant(Date.parse(p.due), tz)} — ${p.summary} (pour ${recipientsPhrase(p.to, config.roster)}) : ${p.detail}`,
    );
    const notice = reply(
      'Rappels non remis',
      [
        text(
          `${problems.length === 1 ? "Un rappel n'a pas été remis" : `${problems.length} rappels n'ont pas été remis`} ; ils restent listés par /rappels.`,
        ),
        list(lines),
      ],
      { tone: 'warning' },
    );
    const reports = await safeSend({ to: { kind: 'secretariat' }, reply: notice });
    if (!reports.some((d) => d.outcome === 'delivered'))
      logger.error('reminder problems could not be shown to the secretariat', { ids: problems.map((p) => p.id) });
  }

  async function dropProblem(id: string, version: string): Promise<void> {
    await store.update<ReminderProblem[]>(REMINDER_KEYS.problems, (current) => ({
      value: (current?.value ?? []).filter((p) => !(p.id === id && p.version === version)),
    }));
  }

  function entryProblem(
    id: string,
    version: string,
    e: OutboxEntry,
    status: ReminderProblem['status'],
    at: string,
    detail: string,
  ): ReminderProblem {
    return { id, version, origin: e.origin, summary: e.summary, due: e.due, to: e.to, status, at, detail };
  }

  const deferredOf = (st: ReminderState) => st.deferred ?? false;

  /** The reminder an outbox entry was made from, as `onSent` sees it. */
  const reminderOf = (id: string, version: string, e: OutboxEntry): Reminder => ({
    id,
    version,
    dueMs: Date.parse(e.due),
    origin: e.origin,
    to: e.to,
    summary: e.summary,
    message: e.message,
    ...(e.sessionId ? { sessionId: e.sessionId } : {}),
    ...(e.bestEffort ? { bestEffort: true } : {}),
  });

  /**
   * One attempt at the outbox entry of a claimed reminder, then its new state: sent, failed (to be retried),
   * missed (the grace is over) or undelivered (no running door can reach a recipient).
   */
  async function attempt(
    id: string,
    st: ReminderState,
    now: Date,
    out: { sent: TickReport['sent'][number][]; problems: ReminderProblem[]; failed: string[] },
  ): Promise<DeliveryOutcome> {
    const at = now.toISOString();
    const base = { version: st.version, at, deferred: deferredOf(st) };
    const { entry, errors } = await attemptDelivery(st.outbox!, {
      send: safeSend,
      sleep,
      retryDelays,
      doorNames: deps.doorNames,
      key: `reminder:${id}:${st.version}`,
      save: async (e) => saveState(id, { ...base, status: 'pending', outbox: e }),
      beforeSend: async () => {
        await store.claim(claimKey(id, st.version), owner, claimTtl);
      },
    });
    const delivered = [...new Set(entry.done.map((k) => k.slice(k.indexOf(':') + 1)))];
    const lost = unreached(entry);
    const reach = { reached: entry.to.filter((_, i) => !lost.includes(i)), unreached: lost.map((i) => entry.to[i]!) };
    const finish = async (outcome: DeliveryOutcome) => {
      await afterSend(reminderOf(id, st.version, entry), outcome, at);
      return outcome;
    };
    // Best effort (direct-message copies): sent when anyone was reached; who was not is in `unreached`.
    const bestEffortDone = entry.bestEffort && reach.reached.length > 0;
    if (errors.length && !bestEffortDone) {
      const detail = `échec de remise ${errors.map((e) => `pour ${label(entry.to[e.recipient]!)}, ${e.door === '*' ? 'envoi' : e.door} : ${e.error} (${e.tries} tentatives)`).join(' ; ')}`;
      if (now.getTime() >= Date.parse(entry.until)) {
        const missed = `manqué : ${detail} ; réessayé jusqu'à la fin du délai de grâce (${config.reminders.graceHours} h). Pour le renvoyer : /rappel renvoyer ${id}`;
        await saveState(id, { ...base, status: 'missed', delivered, detail: missed, outbox: entry });
        await changeOutbox(id, false);
        out.problems.push(entryProblem(id, st.version, entry, 'missed', at, missed));
        logger.error('reminder missed after retries', { id, detail });
        return finish({ status: 'failed', delivered, detail: missed, ...reach });
      }
      const nextAt = new Date(now.getTime() + backoffAfter(entry.attempts)).toISOString();
      await saveState(id, { ...base, status: 'failed', delivered, detail, outbox: { ...entry, nextAt } });
      // The secretariat hears of it once (first failure); later retries stay quiet until they succeed or give up.
      if (st.status === 'pending' && st.outbox!.attempts === 0) {
        out.problems.push(
          entryProblem(
            id,
            st.version,
            entry,
            'failed',
            at,
            `${detail} ; nouvel essai jusqu'à la fin du délai de grâce`,
          ),
        );
        out.failed.push(id);
      }
      logger.error('reminder not delivered, will retry', { id, detail, nextAt });
      return finish({ status: 'failed', delivered, detail, ...reach });
    }
    await changeOutbox(id, false);
    if (lost.length && !bestEffortDone) {
      const detail = `aucune porte en service ne peut joindre : ${lost.map((i) => label(entry.to[i]!)).join(', ')}`;
      await saveState(id, {
        ...base,
        status: 'undelivered',
        delivered,
        detail,
        outbox: { ...entry, settled: [], unreachable: [] },
      });
      out.problems.push(entryProblem(id, st.version, entry, 'undelivered', at, detail));
      out.failed.push(id);
      logger.error('reminder not delivered', { id, status: 'undelivered', detail });
      return finish({ status: 'undelivered', delivered, detail, ...reach });
    }
    await saveState(id, { ...base, status: 'sent', delivered });
    if (st.status !== 'pending' || st.outbox!.attempts > 0) await dropProblem(id, st.version);
    out.sent.push({ id, deferred: base.deferred });
    logger.info('reminder sent', { id, deferred: base.deferred, doors: delivered, attempts: entry.attempts });
    return finish({ status: 'sent', delivered, ...reach });
  }

  function newEntry(item: DueItem, now: Date): OutboxEntry {
    const r = item.reminder;
    const message = item.deferred || item.updated ? lateReply(item, now, tz) : r.message;
    return {
      message,
      to: r.to,
      summary: r.summary,
      origin: r.origin,
      due: new Date(r.dueMs).toISOString(),
      ...(r.sessionId ? { sessionId: r.sessionId } : {}),
      ...(r.bestEffort ? { bestEffort: true } : {}),
      done: [],
      unreachable: [],
      failing: [],
      settled: [],
      attempts: 0,
      nextAt: now.toISOString(),
      until: new Date(r.dueMs + effectiveGrace(graceMs)).toISOString(),
    };
  }

  async function runTick(): Promise<TickReport> {
    const now = clock.now();
    const nowMs = now.getTime();
    const at = now.toISOString();
    if (stopped) return { at, sent: [], missed: [], failed: [], stopped: true };
    const lastIso = await store.get<string>(REMINDER_KEYS.lastTick);
    const parsed = lastIso ? Date.parse(lastIso) : Number.NaN;
    const lastMs = Number.isNaN(parsed) ? undefined : parsed;
    const indexes = await currentIndexes(now);
    const { afterMs, untilMs } = dueWindow(nowMs, graceMs, lastMs);
    if (states.size > 50_000) states.clear();
    const window = indexes.flatMap((ix) => dueBetween(ix, afterMs, untilMs)).filter((r) => !states.has(r.id));
    const loaded = await Promise.all(window.map((r) => store.get<ReminderState>(REMINDER_KEYS.state(r.id))));
    window.forEach((r, i) => states.set(r.id, loaded[i] ?? null));

    const result = due(nowMs, indexes, (id) => states.get(id), graceMs, lastMs);
    const problems: ReminderProblem[] = [];
    const sent: { id: string; deferred: boolean }[] = [];
    /** Claims the reminder, then reads its state again: false when another process has it or has done it. */
    const mine = async (r: Reminder): Promise<boolean> => {
      if (!(await store.claim(REMINDER_KEYS.claim(r.id, r.version), owner, CLAIM_TTL_MS))) return false;
      const fresh = await store.get<ReminderState>(REMINDER_KEYS.state(r.id));
      if (fresh?.version === r.version) {
        states.set(r.id, fresh);
        return false;
      }
      return true;
    };
    for (const item of result.missed) {
      const { reminder: r, lateMs } = item;
      if (!(await mine(r))) continue;
      await saveState(r.id, { version: r.version, status: 'missed', at, outbox: newEntry(item, now) });
      problems.push(
        problemOf(
          r,
          'missed',
          at,
          `manqué : le bot était arrêté à l'heure prévue et n'a repris que ${hoursText(lateMs)} plus tard (délai de grâce : ${config.reminders.graceHours} h)`,
        ),
      );
      logger.warn('reminder missed', { id: r.id, lateMs });
    }
    const out = { sent, problems, failed: [] as string[] };
    const handled = new Set<string>();
    for (const item of result.send) {
      const r = item.reminder;
      if (!(await mine(r))) continue;
      handled.add(r.id);
      // In the outbox before any door sees it: a crash from here on leaves it to be retried, never lost.
      const st: ReminderState = {
        version: r.version,
        status: 'pending',
        at,
        deferred: item.deferred,
        outbox: newEntry(item, now),
      };
      await saveState(r.id, st);
      await changeOutbox(r.id, true);
      await attempt(r.id, st, now, out);
    }
    // Retries: what a dead process left pending (once its claim expired) and what failed, when its wait is over.
    for (const id of await outboxIds()) {
      if (handled.has(id)) continue;
      const st = await store.get<ReminderState>(REMINDER_KEYS.state(id));
      if (!st?.outbox || (st.status !== 'pending' && st.status !== 'failed')) {
        await changeOutbox(id, false);
        continue;
      }
      if (st.status === 'failed' && Date.parse(st.outbox.nextAt) > nowMs) continue;
      if (!(await store.claim(claimKey(id, st.version), owner, claimTtl))) continue;
      const fresh = await store.get<ReminderState>(REMINDER_KEYS.state(id));
      if (!fresh?.outbox || (fresh.status !== 'pending' && fresh.status !== 'failed') || fresh.version !== st.version)
        continue;
      await attempt(id, fresh, now, out);
    }
    if (problems.length) await recordProblems(problems);
    await store.set(REMINDER_KEYS.lastTick, at);
    const retrying = (await outboxIds()).length > 0;
    const candidates = [nextReminders(indexes, nowMs, 1)[0]?.dueMs, nextStartMs, retrying ? nowMs : undefined];
    const soonest = candidates.filter((x): x is number => x !== undefined).sort((a, b) => a - b)[0];
    return {
      at,
      sent,
      missed: result.missed.map((m) => m.reminder.id),
      failed: out.failed,
      ...(soonest === undefined ? {} : { nextMs: soonest }),
    };
  }

  const tick = () => withLock('tick', runTick);

  // Through the outbox too: claimed, pending before the doors see it, never twice.
  const sendNow = (id: string) =>
    withLock('tick', async () => {
      const now = clock.now();
      const at = now.toISOString();
      const r = (await currentIndexes(now)).flatMap((ix) => ix.items).find((x) => x.id === id);
      if (!r) return undefined;
      const claimed = await store.claim(claimKey(r.id, r.version), owner, claimTtl);
      const fresh = await store.get<ReminderState>(REMINDER_KEYS.state(r.id));
      if (fresh?.version === r.version) return { already: fresh };
      if (!claimed) return { already: { version: r.version, status: 'pending' as const, at } };
      const st: ReminderState = {
        version: r.version,
        status: 'pending',
        at,
        deferred: false,
        outbox: newEntry({ reminder: r, lateMs: 0, deferred: false, updated: false }, now),
      };
      await saveState(r.id, st);
      await changeOutbox(r.id, true);
      const out = {
        sent: [] as TickReport['sent'][number][],
        problems: [] as ReminderProblem[],
        failed: [] as string[],
      };
      const outcome = await attempt(r.id, st, now, out);
      if (out.problems.length) await recordProblems(out.problems);
      return { outcome };
    });

  /** Changes the stored rows; the cached index is patched (not rebuilt) when it was up to date. */
  /**
   * Changes the stored rows by compare-and-set, then bumps the revision (a reader that sees it also sees the
   * rows). The cached index is patched (not rebuilt) when no other change came in between.
   */
  async function changeCustom<T>(
    change: (rows: readonly CustomReminder[]) => { rows: CustomReminder[]; result: T },
    patch: (index: ReminderIndex, result: T) => ReminderIndex,
  ): Promise<T> {
    return withLock('custom', async () => {
      const before = custom;
      let out: { rows: CustomReminder[]; result: T } | undefined;
      await store.update<CustomReminder[]>(REMINDER_KEYS.custom, (current) => {
        out = change(current?.value ?? []);
        return { value: out.rows };
      });
      const rev = await store.increment(REMINDER_KEYS.customRev);
      custom =
        before && before.rev === rev - 1 && custom === before
          ? { rev, rows: out!.rows, index: patch(before.index, out!.result) }
          : undefined;
      return out!.result;
    });
  }

  /**
   * Custom reminders whose time is past and whose state is final (sent, missed, not deliverable): their row
   * is no longer needed (/rappels lists what is to come, and what went wrong from the problems and the
   * state, which stay), so adding a reminder drops them instead of rewriting an ever longer list.
   */
  async function settledCustom(): Promise<Set<number>> {
    const { index } = await customIndex();
    const past = index.items.slice(0, firstAfter(index, clock.now().getTime()));
    const stored = await Promise.all(past.map((r) => store.get<ReminderState>(REMINDER_KEYS.state(r.id))));
    const final = new Set<ReminderState['status']>(['sent', 'missed', 'undelivered']);
    return new Set(
      past.filter((r, i) => stored[i]?.version === r.version && final.has(stored[i]!.status)).map((r) => r.number!),
    );
  }

  return {
    tick,
    sendNow,
    async start() {
      const report = await tick();
      logger.info('reminders caught up', {
        sent: report.sent.length,
        missed: report.missed.length,
        failed: report.failed.length,
      });
      return report;
    },
    async stop() {
      stopped = true;
      await withLock('tick', async () => undefined);
    },
    async upcoming(limit) {
      const now = clock.now();
      return nextReminders(await currentIndexes(now), now.getTime(), limit);
    },
    indexes: () => currentIndexes(clock.now()),
    async problems() {
      return (await store.get<ReminderProblem[]>(REMINDER_KEYS.problems)) ?? [];
    },
    async state(id) {
      return store.get<ReminderState>(REMINDER_KEYS.state(id));
    },
    async customReminders() {
      return (await customIndex()).rows;
    },
    async addCustom(input) {
      // A counter: two processes adding at once get distinct numbers (the counter only grows, so numbers are never reused).
      const number = await store.increment(REMINDER_KEYS.customSeq);
      const done = await settledCustom();
      return changeCustom(
        (rows) => {
          const row: CustomReminder = { ...input, number, createdAt: clock.now().toISOString() };
          return { rows: [...rows.filter((r) => !done.has(r.number)), row], result: row };
        },
        (index, row) =>
          withReminder(
            done.size ? { items: index.items.filter((r) => !done.has(r.number!)) } : index,
            customToReminder(row, config),
          ),
      );
    },
    async resend(id) {
      const st = await store.get<ReminderState>(REMINDER_KEYS.state(id));
      if (!st?.outbox || st.status === 'sent' || st.status === 'pending') return undefined;
      const now = clock.now();
      const next: ReminderState = {
        ...st,
        status: 'failed',
        at: now.toISOString(),
        outbox: {
          ...st.outbox,
          attempts: Math.max(st.outbox.attempts, 1),
          nextAt: now.toISOString(),
          until: new Date(now.getTime() + effectiveGrace(graceMs)).toISOString(),
        },
      };
      await saveState(id, next);
      await changeOutbox(id, true);
      return next;
    },
    removeCustom(number) {
      return changeCustom(
        (rows) => ({
          rows: rows.filter((r) => r.number !== number),
          result: rows.find((r) => r.number === number),
        }),
        (index, removed) => (removed ? { items: index.items.filter((r) => r.number !== number) } : index),
      );
    },
  };
}
