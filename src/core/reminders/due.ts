/**
 * @module The pure `due(now, reminders, sent, graceMs, lastTickMs)`: what to send now (late ones marked
 * deferred), and what was missed (late by the grace or more). It reads only the window of due instants
 * that can matter, so its cost follows what is due, not how many reminders exist.
 */
import { dueBetween, type ReminderIndex } from './by-due.ts';
import type { Reminder } from './model.ts';

/** Later than this after its due instant, a reminder is sent with "(envoi différé)" (a tick runs each minute). */
export const DEFERRED_AFTER_MS = 3 * 60_000;

export interface DueItem {
  readonly reminder: Reminder;
  readonly lateMs: number;
  /** Late because no tick ran at its due instant (the bot was down): sent with "(envoi différé)". */
  readonly deferred: boolean;
  /** Late because it appeared or was rescheduled after its due instant had passed (a session moved). */
  readonly updated: boolean;
}

export interface DueResult {
  readonly send: readonly DueItem[];
  readonly missed: readonly DueItem[];
}

/** A reminder late by the tick tolerance is on time, whatever the grace (a grace of 0 still sends on time). */
export function effectiveGrace(graceMs: number): number {
  return Math.max(graceMs, DEFERRED_AFTER_MS);
}

/** The recorded version of a reminder's state, if any: a reminder whose version is recorded is handled. */
export type SentLookup =
  | ((id: string) => { readonly version: string } | null | undefined)
  | ReadonlyMap<string, { readonly version: string }>;

/**
 * The due instants a tick must look at: (after, until]. Normally the grace window before now; after a stop
 * longer than the grace, everything since the last tick, so that what fell due meanwhile is recorded missed.
 * On a first start (no last tick) only the grace window: nothing existed to be missed before.
 */
export function dueWindow(nowMs: number, graceMs: number, lastTickMs?: number): { afterMs: number; untilMs: number } {
  const graceStart = nowMs - effectiveGrace(graceMs);
  const afterMs = lastTickMs === undefined ? graceStart : Math.min(graceStart, lastTickMs);
  return { afterMs, untilMs: nowMs };
}

export function due(
  now: Date | number,
  reminders: ReminderIndex | readonly ReminderIndex[],
  sent: SentLookup,
  graceMs: number,
  lastTickMs?: number,
): DueResult {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const lookup = typeof sent === 'function' ? sent : (id: string) => sent.get(id);
  const indexes = Array.isArray(reminders) ? (reminders as readonly ReminderIndex[]) : [reminders as ReminderIndex];
  const { afterMs, untilMs } = dueWindow(nowMs, graceMs, lastTickMs);
  const grace = effectiveGrace(graceMs);
  const send: DueItem[] = [];
  const missed: DueItem[] = [];
  const candidates = indexes.flatMap((ix) => dueBetween(ix, afterMs, untilMs));
  if (indexes.length > 1) candidates.sort((a, b) => a.dueMs - b.dueMs);
  for (const reminder of candidates) {
    if (lookup(reminder.id)?.version === reminder.version) continue;
    const lateMs = nowMs - reminder.dueMs;
    const late = lateMs > DEFERRED_AFTER_MS;
    // A tick ran after its due instant without it: it did not exist then (or had another version).
    const updated = late && lastTickMs !== undefined && reminder.dueMs <= lastTickMs;
    if (lateMs >= grace) missed.push({ reminder, lateMs, deferred: true, updated: false });
    else send.push({ reminder, lateMs, deferred: late && !updated, updated });
  }
  return { send, missed };
}
