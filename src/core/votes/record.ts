/** @module Recording a vote in the session record: one ballot per agenda item, a new count replaces the old, journaled. */
import type { Who } from '../journal.ts';
import { withJournal } from '../journal.ts';
import type { SessionRecord } from '../model.ts';
import type { Ballot } from './model.ts';

export function recordBallot(record: SessionRecord, ballot: Ballot, who: Who, detail: string): SessionRecord {
  const before = record.ballots ?? [];
  const replaced = before.some((b) => b.item === ballot.item);
  const ballots = [...before.filter((b) => b.item !== ballot.item), ballot].sort((a, b) => a.item - b.item);
  return withJournal(record, who, replaced ? 'vote corrigé' : 'vote enregistré', detail, { ballots });
}
