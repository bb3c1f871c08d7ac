/**
 * @module Session records as this process last saw them, kept per session with the store version of their
 * value: a read at an unchanged version costs one small value read; at a later version (another process
 * wrote), only the journal and field entries appended since are listed and folded on what was kept. A
 * process's own write is kept as it was written, so its next read lists nothing.
 * Stored values of earlier versions of the bot (attendance and proxies inline, keyv values with an inline
 * journal) are read as they are; records.ts moves them to the journals on their next write.
 */
import type { Config } from './config.ts';
import { emptyRecord, type JournalEntry, type SessionRecord } from './model.ts';
import type { Store, Versioned } from './ports.ts';
import { foldFields, noFields, type FieldChanges, type RecordFields } from './record-fields.ts';
import { SESSION_KEYS } from './sessions/session-index.ts';

/** The value's mark when attendance, proxies and answers are in the `fields:<id>` journal. */
export const FIELDS_IN_JOURNAL = 'journal';

/**
 * The stored value: the session's record without its journal and without its per-delegate fields. Values
 * written before the split still carry them inline (and keyv installs' values their journal).
 */
export type StoredRecord = Omit<SessionRecord, 'journal' | 'attendance' | 'proxies' | 'answers'> &
  Partial<Pick<SessionRecord, 'journal' | 'attendance' | 'proxies' | 'answers'>> & {
    readonly fields?: typeof FIELDS_IN_JOURNAL;
  };

export const RECORD_KEYS = {
  record: (sessionId: string) => `record:${sessionId}`,
  journal: (sessionId: string) => `journal:${sessionId}`,
  fields: (sessionId: string) => `fields:${sessionId}`,
  ...SESSION_KEYS,
} as const;

/** A session's record as read (or written) at one version of its stored value. */
export interface RecordState {
  /** The stored value's version (0: nothing stored, the config's seed or an empty record). */
  readonly version: number;
  readonly record: SessionRecord;
  /** The journal store's entries: `record.journal` ends with them (legacy inline entries come first). */
  readonly journalRows: readonly JournalEntry[];
  /** The last journal row listed; rows after it that are already in `journalRows` (own writes): `journalSkip`. */
  readonly journalSeq: number;
  readonly journalSkip: number;
  /** The record's fields are the fold of the fields journal (the value is marked); listed up to `fieldsSeq`. */
  readonly split: boolean;
  readonly fieldsSeq: number;
}

/** Records kept in memory (the most recently read sessions). */
const CACHED_RECORDS = 256;

export function createRecordCache(store: Store, config: Pick<Config, 'seedRecords'>) {
  const states = new Map<string, RecordState>();

  function remember(sessionId: string, state: RecordState): void {
    states.delete(sessionId);
    states.set(sessionId, state);
    if (states.size > CACHED_RECORDS) states.delete(states.keys().next().value!);
  }

  async function journalSince(
    sessionId: string,
    from: RecordState | undefined,
  ): Promise<Pick<RecordState, 'journalRows' | 'journalSeq'>> {
    const key = RECORD_KEYS.journal(sessionId);
    const rows = await store.list<JournalEntry>(key, { after: from?.journalSeq ?? 0 });
    if (!from || rows.length < from.journalSkip) {
      // Without a base (or, defensively, when this process's own rows are not where they were written): all of it.
      const all = from ? await store.list<JournalEntry>(key) : rows;
      return { journalRows: all.map((r) => r.entry), journalSeq: all.at(-1)?.seq ?? 0 };
    }
    const added = rows.slice(from.journalSkip).map((r) => r.entry);
    return {
      journalRows: added.length ? [...from.journalRows, ...added] : from.journalRows,
      journalSeq: rows.at(-1)?.seq ?? from.journalSeq,
    };
  }

  /** The fields as of `version`: entries written for a later version (listed in a race) wait for the next read. */
  async function fieldsAt(
    sessionId: string,
    version: number,
    from: RecordState | undefined,
  ): Promise<{ fields: RecordFields; fieldsSeq: number }> {
    const base = from?.split ? from : undefined;
    const rows = await store.list<FieldChanges>(RECORD_KEYS.fields(sessionId), { after: base?.fieldsSeq ?? 0 });
    const entries: FieldChanges[] = [];
    let fieldsSeq = base?.fieldsSeq ?? 0;
    for (const { seq, entry } of rows) {
      if (entry.v > version) break;
      fieldsSeq = seq;
      // Already in the base: this process wrote it and kept its record.
      if (base && entry.v <= base.version) continue;
      entries.push(entry);
    }
    return { fields: foldFields(base ? base.record : noFields, entries), fieldsSeq };
  }

  async function read(sessionId: string, stored: Versioned<StoredRecord> | undefined): Promise<RecordState> {
    const version = stored?.version ?? 0;
    const hit = states.get(sessionId);
    // A base only if it is older: a state read at a later version is never folded back.
    const from = hit && hit.version < version ? hit : undefined;
    const value: StoredRecord = stored?.value ?? config.seedRecords[sessionId] ?? emptyRecord;
    const split = value.fields === FIELDS_IN_JOURNAL;
    const [journal, fields] = await Promise.all([
      journalSince(sessionId, from),
      split
        ? fieldsAt(sessionId, version, from)
        : {
            fields: { attendance: value.attendance ?? {}, proxies: value.proxies ?? [], answers: value.answers },
            fieldsSeq: 0,
          },
    ]);
    const { journal: inline = [], attendance: _a, proxies: _p, answers: _n, fields: _f, ...rest } = value;
    const rows = journal.journalRows;
    const record: SessionRecord = {
      ...rest,
      attendance: fields.fields.attendance,
      proxies: fields.fields.proxies,
      ...(fields.fields.answers ? { answers: fields.fields.answers } : {}),
      journal: inline.length === 0 ? rows : rows.length ? [...inline, ...rows] : inline,
    };
    return { version, record, ...journal, journalSkip: 0, split, fieldsSeq: fields.fieldsSeq };
  }

  return {
    /** The record as of the stored value `stored` (undefined: nothing stored). */
    async at(sessionId: string, stored: Versioned<StoredRecord> | undefined): Promise<RecordState> {
      const version = stored?.version ?? 0;
      const hit = states.get(sessionId);
      if (hit && hit.version === version) {
        remember(sessionId, hit);
        return hit;
      }
      // A read of this session at a later version finished first: that record is newer than asked, never older.
      if (hit && hit.version > version && version > 0) return hit;
      const state = await read(sessionId, stored);
      const latest = states.get(sessionId);
      if (latest && latest.version >= state.version && latest !== hit)
        return latest.version === version ? latest : state;
      remember(sessionId, state);
      return state;
    },
    /** This process wrote `record` as version `version`, appending `appended` journal rows to what `base` had. */
    wrote(sessionId: string, base: RecordState, version: number, record: SessionRecord, appended: number): void {
      remember(sessionId, {
        version,
        record,
        journalRows: record.journal,
        journalSeq: base.journalSeq,
        journalSkip: base.journalSkip + appended,
        split: true,
        fieldsSeq: base.split ? base.fieldsSeq : 0,
      });
    },
  };
}
