/** @module The audit log: every change to a session's record carries who made it, when, and from which door. */
import type { JournalEntry, SessionRecord } from './model.ts';

export interface Who {
  readonly name: string;
  readonly door: string;
  readonly at: string;
}

/** The record with `patch` applied, its version bumped, and the change written to its journal. */
export function withJournal(record: SessionRecord, who: Who, action: string, detail: string, patch: Partial<SessionRecord> = {}): SessionRecord {
  const entry: JournalEntry = { at: who.at, actor: who.name, door: who.door, action, detail };
  return { ...record, ...patch, version: record.version + 1, journal: [...record.journal, entry] };
}
