/** @module Reminders sorted by due instant, searched by bisection: a window costs O(log n + what is in it). */
import type { Reminder } from './model.ts';

export interface ReminderIndex {
  /** Sorted by `dueMs`, then by id. */
  readonly items: readonly Reminder[];
}

const byDue = (a: Reminder, b: Reminder) => a.dueMs - b.dueMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function indexReminders(reminders: readonly Reminder[]): ReminderIndex {
  return { items: [...reminders].sort(byDue) };
}

/** The first position whose item does not satisfy `before` (items satisfying it all come first). */
function bisect(items: readonly Reminder[], before: (r: Reminder) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of the first reminder due strictly after `ms`. */
export function firstAfter(index: ReminderIndex, ms: number): number {
  return bisect(index.items, (r) => r.dueMs <= ms);
}

/** Reminders with afterMs < dueMs <= untilMs, in due order. */
export function dueBetween(index: ReminderIndex, afterMs: number, untilMs: number): Reminder[] {
  const out: Reminder[] = [];
  const items = index.items;
  for (let i = firstAfter(index, afterMs); i < items.length && items[i]!.dueMs <= untilMs; i++) out.push(items[i]!);
  return out;
}

/** The next `limit` reminders due strictly after `afterMs`, across several indexes. */
export function nextReminders(indexes: readonly ReminderIndex[], afterMs: number, limit: number): Reminder[] {
  const heads = indexes.flatMap((ix) => {
    const start = firstAfter(ix, afterMs);
    return ix.items.slice(start, start + limit);
  });
  return heads.sort(byDue).slice(0, limit);
}

/** A new index with one more reminder, in place by bisection (no re-sort). */
export function withReminder(index: ReminderIndex, reminder: Reminder): ReminderIndex {
  const items = index.items;
  const at = bisect(items, (r) => byDue(r, reminder) <= 0);
  return { items: [...items.slice(0, at), reminder, ...items.slice(at)] };
}

export function indexSize(indexes: readonly ReminderIndex[]): number {
  return indexes.reduce((n, ix) => n + ix.items.length, 0);
}
