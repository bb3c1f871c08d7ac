/** @module Reminders as data: what is sent, to whom, when (an instant), and what the store records about each one. */
import type { IsoDate, WallTime } from '../text/dates.ts';
import type { Outgoing, Recipient, Reply } from '../reply.ts';

export type ReminderOrigin =
  | 'seminar'
  | 'convocation-deadline'
  | 'convocation'
  | 'session-j1'
  | 'absent-without-proxy'
  | 'publication'
  | 'quorum-alert'
  | 'answer-reminder'
  | 'custom';

export interface Reminder {
  /** Stable across restarts: "seminaire:2026-11-26:J-7", "seance:2026-03-12:veille", "rappel:3". */
  readonly id: string;
  /** The instant it is due (ms since the epoch), computed from a Paris wall-clock time by `fromZoned`. */
  readonly dueMs: number;
  /** Changes when the reminder is rescheduled (session moved): the sent state is kept per version. */
  readonly version: string;
  readonly origin: ReminderOrigin;
  readonly to: readonly Recipient[];
  /** One line for /rappels: what it is about. */
  readonly summary: string;
  readonly message: Reply;
  readonly sessionId?: string;
  /** Custom reminders only: the number a secretary types in `/rappel supprimer`. */
  readonly number?: number;
  /**
   * Many direct messages (convocation, answer reminders): sent when at least one recipient was reached; those no
   * door could reach are recorded (the convocation's sending names them), not reported as a failure.
   */
  readonly bestEffort?: boolean;
}

/** A reminder a secretary added from chat (`/rappel ajouter`), as stored. */
export interface CustomReminder {
  readonly number: number;
  readonly date: IsoDate;
  readonly time: WallTime;
  readonly to: Recipient;
  readonly text: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/**
 * 'pending': claimed and being delivered (a process killed now leaves it in the outbox for a retry);
 * 'failed': some door failed, retried with back-off until the grace ends (then 'missed').
 */
export type ReminderStatus = 'pending' | 'sent' | 'failed' | 'undelivered' | 'missed';

/**
 * A reminder in the durable outbox: the message as it goes out and, per recipient (its index in `to`), which
 * doors already have it, so a retry (after a crash or an outage) only re-sends to the doors that did not.
 */
export interface OutboxEntry {
  readonly message: Reply;
  readonly to: readonly Recipient[];
  readonly summary: string;
  readonly origin: ReminderOrigin;
  /** Due instant (ISO). */
  readonly due: string;
  readonly sessionId?: string;
  /** See `Reminder.bestEffort`. */
  readonly bestEffort?: boolean;
  /** `${recipient}:${door}` delivered. */
  readonly done: readonly string[];
  /** `${recipient}:${door}` that answered they cannot reach the recipient. */
  readonly unreachable: readonly string[];
  /** `${recipient}:${door}` that failed and are to be tried again. */
  readonly failing: readonly string[];
  /** Recipients no door needs to be tried again for. */
  readonly settled: readonly number[];
  readonly attempts: number;
  /** Next try not before this instant (ISO). */
  readonly nextAt: string;
  /** Past this instant (the grace after the due instant), a failing reminder is recorded missed. */
  readonly until: string;
}

/** What the store knows of one reminder: 'pending' before any door sees the message, 'sent' once every door answered. */
export interface ReminderState {
  readonly version: string;
  readonly status: ReminderStatus;
  /** When this status was recorded (ISO instant). */
  readonly at: string;
  readonly deferred?: boolean;
  /** Doors that confirmed delivery. */
  readonly delivered?: readonly string[];
  readonly detail?: string;
  /** Kept while it may be sent again (pending, failed, and what can be resent by /rappel renvoyer). */
  readonly outbox?: OutboxEntry;
}

/** A reminder that did not reach its recipients: listed by /rappels and announced to the secretariat. */
export interface ReminderProblem {
  readonly id: string;
  readonly version: string;
  readonly origin: ReminderOrigin;
  readonly summary: string;
  readonly due: string;
  readonly to: readonly Recipient[];
  readonly status: Exclude<ReminderStatus, 'sent' | 'pending'>;
  readonly at: string;
  readonly detail: string;
}

/** What one door did with one message: `unreachable` when it has no way to reach the recipient. */
export interface DoorReport {
  readonly door: string;
  readonly outcome: 'delivered' | 'unreachable' | 'failed';
  readonly error?: string;
}

/** Hands a message to the running doors (or only to the named ones, for a retry) and says what each did. */
export type SendFn = (message: Outgoing, onlyDoors?: readonly string[]) => Promise<readonly DoorReport[]>;
