/**
 * @module What the bot records (attendance, proxies, journal, sessions planned from chat), over the Store
 * port. Changes to one key are serialised in-process, and stored before the caller can answer "done".
 */
import type { Config } from './config.ts';
import { emptyRecord, type AgendaItem, type Session, type SessionRecord } from './model.ts';
import type { Store } from './ports.ts';
import { createCalendarRecords, type CalendarRecords } from './publication/calendar-records.ts';

export interface Records extends CalendarRecords {
  record(sessionId: string): Promise<SessionRecord>;
  /** Runs `change` on the latest record and stores the result; changes to one session never interleave. */
  update<T extends { record: SessionRecord }>(sessionId: string, change: (r: SessionRecord) => T): Promise<T>;
  plannedSessions(): Promise<readonly Session[]>;
  /** Adds a session planned from chat; `check` runs inside the lock and may throw. */
  planSession(session: Session, check: (existing: readonly Session[]) => void): Promise<void>;
  agendaAdditions(sessionId: string): Promise<readonly AgendaItem[]>;
  /** Moves and cancellations made from chat, by session id (applied over config and planned sessions). */
  sessionChanges(): Promise<Readonly<Record<string, SessionChange>>>;
  /** Records a move or cancellation; `check` runs inside the lock with the current changes and may throw. */
  changeSession(sessionId: string, change: SessionChange, check: (changes: Readonly<Record<string, SessionChange>>) => Promise<void> | void): Promise<void>;
  addAgendaItem(sessionId: string, item: AgendaItem): Promise<number>;
}

/** What chat may change about a session after it is declared: when, where, or that it will not take place. */
export interface SessionChange {
  readonly date?: string;
  readonly time?: string;
  readonly place?: string;
  readonly cancelled?: boolean;
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

export function createRecords(store: Store, config: Pick<Config, 'seedRecords'>): Records {
  const withLock = createKeyedLock();
  const recordKey = (id: string) => `record:${id}`;

  async function read(sessionId: string): Promise<SessionRecord> {
    return (await store.get<SessionRecord>(recordKey(sessionId))) ?? config.seedRecords[sessionId] ?? emptyRecord;
  }

  return {
    ...createCalendarRecords(store, withLock),
    record: read,
    update(sessionId, change) {
      return withLock(recordKey(sessionId), async () => {
        const current = await read(sessionId);
        const result = change(current);
        if (result.record !== current) {
          if (result.record.version !== current.version + 1) throw new Error(`record ${sessionId}: version ${result.record.version} after ${current.version}`);
          await store.set(recordKey(sessionId), result.record);
        }
        return result;
      });
    },
    async plannedSessions() {
      return (await store.get<Session[]>('sessions:planned')) ?? [];
    },
    planSession(session, check) {
      return withLock('sessions:planned', async () => {
        const existing = (await store.get<Session[]>('sessions:planned')) ?? [];
        check(existing);
        await store.set('sessions:planned', [...existing, session]);
      });
    },
    async sessionChanges() {
      return (await store.get<Record<string, SessionChange>>('sessions:changes')) ?? {};
    },
    changeSession(sessionId, change, check) {
      return withLock('sessions:changes', async () => {
        const all = (await store.get<Record<string, SessionChange>>('sessions:changes')) ?? {};
        await check(all);
        await store.set('sessions:changes', { ...all, [sessionId]: { ...all[sessionId], ...change } });
      });
    },
    async agendaAdditions(sessionId) {
      return (await store.get<AgendaItem[]>(`agenda:${sessionId}`)) ?? [];
    },
    addAgendaItem(sessionId, item) {
      return withLock(`agenda:${sessionId}`, async () => {
        const items = (await store.get<AgendaItem[]>(`agenda:${sessionId}`)) ?? [];
        await store.set(`agenda:${sessionId}`, [...items, item]);
        return items.length + 1;
      });
    },
  };
}
