/**
 * @module What the bot records (attendance, proxies, journal, sessions planned from chat), over the Store
 * port's atomic operations, so that any number of processes can write the same body:
 * - a session's record is one small versioned value changed by compare-and-set (`store.update`): a change
 *   made elsewhere in between makes the change run again on the latest record, never overwrite it;
 * - what grows with the roster (attendance, proxies, answers) and the human journal are two append-only
 *   journals, appended in the same transaction as the value: a change writes what it changes
 *   (record-fields.ts), a few hundred bytes for a proxy at 50,000 delegates;
 * - a read costs the same however long the session's life and however large the roster: the folded record
 *   is kept in memory per session with the version it was read at, and only what was appended since is
 *   listed (record-cache.ts); sessions and agendas come from the session index (sessions/session-index.ts).
 * An in-process lock per key still queues the changes of one process, only so that they do not conflict
 * with each other. A failed read throws (`StoreError`), and the config's seed is used only while the store
 * has no record for the session.
 */
import type { Config } from './config.ts';
import type { Session, SessionRecord } from './model.ts';
import type { Store } from './ports.ts';
import { createCalendarRecords, type CalendarRecords } from './publication/calendar-records.ts';
import { createRecordCache, FIELDS_IN_JOURNAL, RECORD_KEYS, type StoredRecord } from './record-cache.ts';
import { allFields, fieldChanges } from './record-fields.ts';
import { createSessionIndex, type SessionChange, type SessionIndex } from './sessions/session-index.ts';

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
export { RECORD_KEYS };

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

export function createRecords(store: Store, config: Pick<Config, 'seedRecords' | 'sessions'>): Records {
  const withLock = createKeyedLock();
  const index = createSessionIndex(store, config);
  const cache = createRecordCache(store, config);

  return {
    ...createCalendarRecords(store),
    async record(sessionId) {
      const stored = await store.getVersioned<StoredRecord>(RECORD_KEYS.record(sessionId));
      return (await cache.at(sessionId, stored)).record;
    },
    update(sessionId, change) {
      return withLock(RECORD_KEYS.record(sessionId), async () => {
        let result: ReturnType<typeof change> | undefined;
        let wrote: (() => void) | undefined;
        const after = await store.update<StoredRecord>(RECORD_KEYS.record(sessionId), async (stored) => {
          wrote = undefined;
          const state = await cache.at(sessionId, stored);
          const current = state.record;
          const out = change(current);
          result = out;
          if (out.record === current) return undefined;
          if (out.record.version !== current.version + 1)
            throw new Error(`record ${sessionId}: version ${out.record.version} after ${current.version}`);
          const { journal, attendance: _a, proxies: _p, answers: _n, ...value } = out.record;
          // Entries already in the journal store stay; what the change added (and any inline legacy entries) is appended.
          const kept = state.journalRows.length;
          if (journal.length < kept || journal[kept - 1] !== state.journalRows[kept - 1])
            throw new Error(`record ${sessionId}: the journal is append-only`);
          const v = (stored?.version ?? 0) + 1;
          // A record in the old shape (or the seed) moves its fields to the journal whole; after that, only changes.
          const fields =
            stored?.value.fields === FIELDS_IN_JOURNAL
              ? fieldChanges(current, out.record, v)
              : allFields(out.record, v);
          const added = journal.slice(kept);
          wrote = () => cache.wrote(sessionId, state, v, out.record, added.length);
          return {
            value: { ...value, fields: FIELDS_IN_JOURNAL },
            append: [
              { journal: RECORD_KEYS.journal(sessionId), entries: added },
              { journal: RECORD_KEYS.fields(sessionId), entries: fields ? [fields] : [] },
            ],
          };
        });
        if (wrote && after) wrote();
        return result!;
      });
    },
    sessionList: index.list,
    withAgenda: index.withAgenda,
    resolve: index.resolve,
    sessions: index.sessions,
    plannedSessions: index.plannedSessions,
    planSession: index.planSession,
    sessionChanges: index.sessionChanges,
    changeSession: index.changeSession,
    addAgendaItem: index.addAgendaItem,
    editAgenda: index.editAgenda,
  };
}
