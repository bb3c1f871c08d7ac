/**
 * @module The audit log: every change carries who made it, when, from which door, and what it was before.
 * `withJournal` is the ONE function that writes journal entries (session records, and the body's own record
 * for changes that concern no session), so that a store can re-route them in one place.
 */
import type { JournalEntry, SessionRecord } from './model.ts';

export interface Who {
  readonly name: string;
  readonly door: string;
  readonly at: string;
}

/** The pseudo session id whose record keeps the journal of changes that concern the body, not one session (custom reminders). */
export const BODY_JOURNAL = '@organe';

/** « avant → après », or just « après » when there was nothing before. */
export function beforeAfter(before: string | undefined, after: string): string {
  return before === undefined || before === '' ? after : `${before} → ${after}`;
}

/**
 * The record with `patch` applied, its version bumped, and the change written to its journal. When a
 * rectification is open (`/seance rectifier`), this change is the one it allowed: the entry carries its reason,
 * the rectification closes and is kept, with the change, for the minutes.
 */
export function withJournal(
  record: SessionRecord,
  who: Who,
  action: string,
  detail: string,
  patch: Partial<SessionRecord> = {},
): SessionRecord {
  const open = record.rectification;
  const entry: JournalEntry = {
    at: who.at,
    actor: who.name,
    door: who.door,
    action,
    detail,
    ...(open ? { rectification: open.motif } : {}),
  };
  const next: SessionRecord = { ...record, ...patch, version: record.version + 1, journal: [...record.journal, entry] };
  if (!open) return next;
  const { rectification: _closed, ...rest } = next;
  return { ...rest, rectifications: [...(record.rectifications ?? []), { ...open, change: `${action} : ${detail}` }] };
}

/** Opens a rectification (journaled itself, without consuming it). */
export function openRectification(record: SessionRecord, who: Who, motif: string): SessionRecord {
  const { rectification: _none, ...closed } = record;
  return withJournal(closed, who, 'rectification ouverte', motif, {
    rectification: { motif, by: who.name, at: who.at },
  });
}
