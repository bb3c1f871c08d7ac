/**
 * @module What the bot records (attendance, proxies, journal, sessions planned from chat), over the Store
 * port's atomic operations, so that any number of processes can write the same body:
 * - a session's record is one versioned value changed by compare-and-set (`store.update`): a change made
 *   elsewhere in between makes the change run again on the latest record, never overwrite it;
 * - its journal is an append-only journal, appended in the same transaction as the record it explains;
 * - agenda additions are appended (their number is their position); planned sessions and moves are
 *   compare-and-set updates.
 * An in-process lock per key still queues the changes of one process, only so that they do not conflict
 * with each other. A failed read throws (`StoreError`), and the config's seed is used only while the store
 * has no record for the session.
 */
import type { Config } from './config.ts';
import { emptyRecord, type AgendaItem, type JournalEntry, type Session, type SessionRecord } from './model.ts';
import type { JournalRow, Store } from './ports.ts';
import { createCalendarRecords, type CalendarRecords } from './publication/calendar-records.ts';

export interface Records extends CalendarRecords {
  record(sessionId: string): Promise<SessionRecord>;
  /** Runs `change` on the latest record and stores the result; changes to one session never interleave. */
  update<T extends { record: SessionRecord }>(sessionId: string, change: (r: SessionRecord) => T): Promise<T>;
  plannedSessions(): Promise<readonly Session[]>;
  /** Adds a session planned from chat; `check` runs on the latest list and may throw. */
  planSession(session: Session, check: (existing: readonly Session[]) => void): Promise<void>;
  agendaAdditions(sessionId: string): Promise<readonly AgendaItem[]>;
  /** Moves and cancellations made from chat, by session id (applied over config and planned sessions). */
  sessionChanges(): Promise<Readonly<Record<string, SessionChange>>>;
  /** Records a move or cancellation; `check` runs with the latest changes and may throw. */
  changeSession(
    sessionId: string,
    change: SessionChange,
    check: (changes: Readonly<Record<string, SessionChange>>) => Promise<void> | void,
  ): Promise<void>;
  addAgendaItem(sessionId: string, item: AgendaItem): Promise<number>;
}

/** What chat may change about a session after it is declared: when, where, who presides, its agenda, or that it will not take place. */
export interface SessionChange {
  readonly date?: string;
  readonly time?: string;
  readonly place?: string;
  readonly cancelled?: boolean;
  /** The dates it was moved from, oldest first. */
  readonly movedFrom?: readonly string[];
  readonly remote?: boolean;
  readonly president?: string;
  readonly secretary?: string;
  /** The whole agenda after an edit (/odj retirer, /odj modifier)... */
  readonly agenda?: readonly AgendaItem[];
  /** ...which already includes this many items added by /odj ajouter (later additions follow it). */
  readonly agendaBase?: number;
}

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
  /** Additions made before they were appended one by one (keyv installs): an array, never written again. */
  legacyAgenda: (sessionId: string) => `agenda:${sessionId}`,
  agenda: (sessionId: string) => `agenda:${sessionId}`,
  planned: 'sessions:planned',
  changes: 'sessions:changes',
} as const;

export function createRecords(store: Store, config: Pick<Config, 'seedRecords'>): Records {
  const withLock = createKeyedLock();

  function combine(
    sessionId: string,
    stored: StoredRecord | undefined,
    rows: readonly JournalRow<JournalEntry>[],
  ): SessionRecord {
    const base: StoredRecord = stored ?? config.seedRecords[sessionId] ?? emptyRecord;
    const { journal: inline = [], ...rest } = base;
    return { ...rest, journal: rows.length ? [...inline, ...rows.map((r) => r.entry)] : inline };
  }

  async function read(sessionId: string): Promise<SessionRecord> {
    const [stored, rows] = await Promise.all([
      store.get<StoredRecord>(RECORD_KEYS.record(sessionId)),
      store.list<JournalEntry>(RECORD_KEYS.journal(sessionId)),
    ]);
    return combine(sessionId, stored, rows);
  }

  async function agendaRows(sessionId: string) {
    const [legacy, rows] = await Promise.all([
      store.get<AgendaItem[]>(RECORD_KEYS.legacyAgenda(sessionId)),
      store.list<AgendaItem>(RECORD_KEYS.agenda(sessionId)),
    ]);
    return { legacy: legacy ?? [], rows };
  }

  return {
    ...createCalendarRecords(store),
    record: read,
    update(sessionId, change) {
      return withLock(RECORD_KEYS.record(sessionId), async () => {
        let result: ReturnType<typeof change> | undefined;
        await store.update<StoredRecord>(RECORD_KEYS.record(sessionId), async (stored) => {
          const rows = await store.list<JournalEntry>(RECORD_KEYS.journal(sessionId));
          const current = combine(sessionId, stored?.value, rows);
          const out = change(current);
          result = out;
          if (out.record === current) return undefined;
          if (out.record.version !== current.version + 1)
            throw new Error(`record ${sessionId}: version ${out.record.version} after ${current.version}`);
          const { journal, ...value } = out.record;
          // Entries already in the journal store stay; what the change added (and any inline legacy entries) is appended.
          const kept = rows.length;
          if (journal.length < kept || rows.some((r, i) => journal[i] !== r.entry))
            throw new Error(`record ${sessionId}: the journal is append-only`);
          return { value, append: { journal: RECORD_KEYS.journal(sessionId), entries: journal.slice(kept) } };
        });
        return result!;
      });
    },
    async plannedSessions() {
      return (await store.get<Session[]>(RECORD_KEYS.planned)) ?? [];
    },
    async planSession(session, check) {
      await withLock(RECORD_KEYS.planned, () =>
        store.update<Session[]>(RECORD_KEYS.planned, (current) => {
          const existing = current?.value ?? [];
          check(existing);
          return { value: [...existing, session] };
        }),
      );
    },
    async sessionChanges() {
      return (await store.get<Record<string, SessionChange>>(RECORD_KEYS.changes)) ?? {};
    },
    async changeSession(sessionId, change, check) {
      await withLock(RECORD_KEYS.changes, () =>
        store.update<Record<string, SessionChange>>(RECORD_KEYS.changes, async (current) => {
          const all = current?.value ?? {};
          await check(all);
          return { value: { ...all, [sessionId]: { ...all[sessionId], ...change } } };
        }),
      );
    },
    async agendaAdditions(sessionId) {
      const { legacy, rows } = await agendaRows(sessionId);
      return rows.length ? [...legacy, ...rows.map((r) => r.entry)] : legacy;
    },
    async addAgendaItem(sessionId, item) {
      const seq = await store.append(RECORD_KEYS.agenda(sessionId), item);
      // Its number is its position: concurrent additions from several processes get distinct numbers.
      const { legacy, rows } = await agendaRows(sessionId);
      return legacy.length + rows.filter((r) => r.seq <= seq).length;
    },
  };
}
