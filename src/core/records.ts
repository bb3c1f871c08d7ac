/**
 * @module What the bot records (attendance, proxies, journal, sessions planned from chat), over the Store
 * port's atomic operations, so that any number of processes can write the same body:
 * - a session's record is one versioned value changed by compare-and-set (`store.update`): a change made
 *   elsewhere in between makes the change run again on the latest record, never overwrite it;
 * - its journal is an append-only journal, appended in the same transaction as the record it explains;
 * - a read costs the same however long the session's life and the body's history: the journal is kept in
 *   memory per session and only what was appended since is listed; sessions and agendas come from the
 *   session index (sessions/session-index.ts), checked against one log instead of read again.
 * An in-process lock per key still queues the changes of one process, only so that they do not conflict
 * with each other. A failed read throws (`StoreError`), and the config's seed is used only while the store
 * has no record for the session.
 */
import type { Config } from './config.ts';
import { emptyRecord, type JournalEntry, type Session, type SessionRecord } from './model.ts';
import type { Store } from './ports.ts';
import { createCalendarRecords, type CalendarRecords } from './publication/calendar-records.ts';
import { createSessionIndex, SESSION_KEYS, type SessionChange, type SessionIndex } from './sessions/session-index.ts';

export interface Records extends CalendarRecords, Omit<SessionIndex, 'list' | 'withAgenda' | 'sessions'> {
  record(sessionId: string): Promise<SessionRecord>;
  /** Runs `change` on the latest record and stores the result; changes to one session never interleave. */
  update<T extends { record: SessionRecord }>(sessionId: string, change: (r: SessionRecord) => T): Promise<T>;
  /** Config and chat-planned sessions, moves applied, sorted; agendas as declared (see `withAgenda`). */
  sessionList(): Promise<readonly Session[]>;
  /** The session with its agenda as chat changed it (read for this session only). */
  withAgenda(session: Session): Promise<Session>;
  /** Every session (from `fromDate` on, when given), agendas included. */
  sessions(fromDate?: string): Promise<Session[]>;
}

export type { SessionChange };

/** A per-key queue: each task starts when the previous one on the same key has settled. */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = tails.get(key) ?? Promise.resolve();
    const run = prev.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/**
 * The stored record: the session's record without its journal. Values written before the journal was split
 * out (keyv installs) still carry it inline; their next change moves it to the journal.
 */
type StoredRecord = Omit<SessionRecord, 'journal'> & { readonly journal?: readonly JournalEntry[] };

export const RECORD_KEYS = {
  record: (sessionId: string) => `record:${sessionId}`,
  journal: (sessionId: string) => `journal:${sessionId}`,
  ...SESSION_KEYS,
} as const;

/** Journals kept in memory (the most recently read sessions): a read lists only what was appended since. */
const CACHED_JOURNALS = 256;

interface CachedJournal {
  /** The stored record's version these entries were read with (undefined: no record stored). */
  readonly version: number | undefined;
  readonly lastSeq: number;
  readonly entries: readonly JournalEntry[];
}

export function createRecords(store: Store, config: Pick<Config, 'seedRecords' | 'sessions'>): Records {
  const withLock = createKeyedLock();
  const index = createSessionIndex(store, config);
  const journals = new Map<string, CachedJournal>();

  /** The session's journal entries as of the stored record `version`: only the entries appended since the last read are listed. */
  async function journalOf(sessionId: string, version: number | undefined): Promise<readonly JournalEntry[]> {
    const hit = journals.get(sessionId);
    if (hit && hit.version === version) return hit.entries;
    const rows = await store.list<JournalEntry>(RECORD_KEYS.journal(sessionId), { after: hit?.lastSeq ?? 0 });
    const latest = journals.get(sessionId);
    // Another read of this session finished first with as much or more: keep it.
    if (latest !== hit && latest && latest.lastSeq >= (rows.at(-1)?.seq ?? hit?.lastSeq ?? 0)) return latest.entries;
    const entries = rows.length ? [...(hit?.entries ?? []), ...rows.map((r) => r.entry)] : (hit?.entries ?? []);
    journals.delete(sessionId);
    journals.set(sessionId, { version, lastSeq: rows.at(-1)?.seq ?? hit?.lastSeq ?? 0, entries });
    if (journals.size > CACHED_JOURNALS) journals.delete(journals.keys().next().value!);
    return entries;
  }

  function combine(sessionId: string, stored: StoredRecord | undefined, rows: readonly JournalEntry[]): SessionRecord {
    const base: StoredRecord = stored ?? config.seedRecords[sessionId] ?? emptyRecord;
    const { journal: inline = [], ...rest } = base;
    return { ...rest, journal: inline.length === 0 ? rows : rows.length ? [...inline, ...rows] : inline };
  }

  async function read(sessionId: string): Promise<SessionRecord> {
    const stored = await store.getVersioned<StoredRecord>(RECORD_KEYS.record(sessionId));
    return combine(sessionId, stored?.value, await journalOf(sessionId, stored?.version));
  }

  return {
    ...createCalendarRecords(store),
    record: read,
    update(sessionId, change) {
      return withLock(RECORD_KEYS.record(sessionId), async () => {
        let result: ReturnType<typeof change> | undefined;
        await store.update<StoredRecord>(RECORD_KEYS.record(sessionId), async (stored) => {
          const rows = await journalOf(sessionId, stored?.version);
          const current = combine(sessionId, stored?.value, rows);
          const out = change(current);
          result = out;
          if (out.record === current) return undefined;
          if (out.record.version !== current.version + 1)
            throw new Error(`record ${sessionId}: version ${out.record.version} after ${current.version}`);
          const { journal, ...value } = out.record;
          // Entries already in the journal store stay; what the change added (and any inline legacy entries) is appended.
          const kept = rows.length;
          if (journal.length < kept || journal[kept - 1] !== rows[kept - 1])
            throw new Error(`record ${sessionId}: the journal is append-only`);
          return { value, append: { journal: RECORD_KEYS.journal(sessionId), entries: journal.slice(kept) } };
        });
        return result!;
      });
    },
    sessionList: index.list,
    withAgenda: index.withAgenda,
    sessions: index.sessions,
    plannedSessions: index.plannedSessions,
    planSession: index.planSession,
    sessionChanges: index.sessionChanges,
    changeSession: index.changeSession,
    addAgendaItem: index.addAgendaItem,
    editAgenda: index.editAgenda,
  };
}
