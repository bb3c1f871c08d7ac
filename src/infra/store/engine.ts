/**
 * @module What each storage engine (memory, SQLite, PostgreSQL) implements: a few atomic primitives on
 * serialised values, every row scoped to a body. `bodyStore` builds the Store port on top of them once for
 * all engines: JSON, the compare-and-set retry loop, and errors turned into `StoreError`s.
 */
import {
  StoreError,
  type JournalAppend,
  type JournalPage,
  type JournalRow,
  type Store,
  type Versioned,
  type Write,
} from '../../core/ports.ts';

export interface RawRow {
  readonly value: string;
  readonly version: number;
}

/** Serialised entries for one journal. */
export interface RawAppend {
  readonly journal: string;
  readonly entries: readonly string[];
}

export interface Engine {
  readonly label: string;
  read(body: string, key: string): Promise<RawRow | undefined>;
  /** Unconditional write; the version goes up by one. */
  write(body: string, key: string, value: string): Promise<void>;
  remove(body: string, key: string): Promise<void>;
  /**
   * Writes `value` only if the stored version is still `expected` (0: the key must be absent) and, in the
   * same transaction, appends each journal's entries, journals in order. False on a conflict (nothing written).
   */
  compareAndSet(
    body: string,
    key: string,
    expected: number,
    value: string,
    appends: readonly RawAppend[],
  ): Promise<boolean>;
  claim(body: string, key: string, owner: string, ttlMs: number): Promise<boolean>;
  increment(body: string, key: string, by: number): Promise<number>;
  append(body: string, journal: string, entry: string): Promise<number>;
  list(body: string, journal: string, after: number, limit: number): Promise<{ seq: number; entry: string }[]>;
  close(): Promise<void>;
}

/** Conflicts are retried this many times before giving up (each retry reads the latest value). */
export const MAX_UPDATE_ATTEMPTS = 200;
export const DEFAULT_BODY = 'default';

export interface BodyStoreOptions {
  /** Runs once when the store (or any view of it) is closed; default: closes the engine. */
  readonly close?: () => Promise<void>;
  /** Told of every failure before it is thrown (the command answers it; this is for the operator's log). */
  readonly onError?: (error: StoreError) => void;
}

/** One journal or several, serialised; journals without entries are left out. */
function serialiseAppends(append: Write<unknown>['append']): RawAppend[] {
  const all: readonly JournalAppend[] = append === undefined ? [] : 'journal' in append ? [append] : append;
  return all
    .filter((a) => a.entries.length > 0)
    .map((a) => ({ journal: a.journal, entries: a.entries.map((e) => JSON.stringify(e)) }));
}

const parse = <T>(row: RawRow | undefined): Versioned<T> | undefined =>
  row ? { value: JSON.parse(row.value) as T, version: row.version } : undefined;

/** The Store port for one body, on `engine`. */
export function bodyStore(engine: Engine, bodyId: string, opts: BodyStoreOptions = {}): Store {
  const onClose = opts.close ?? (() => engine.close());
  async function guarded<T>(operation: string, key: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const error = new StoreError(operation, key, e);
      opts.onError?.(error);
      throw error;
    }
  }
  const store: Store = {
    bodyId,
    async get<T>(key: string) {
      return (await store.getVersioned<T>(key))?.value;
    },
    getVersioned: <T>(key: string) => guarded('la lecture', key, async () => parse<T>(await engine.read(bodyId, key))),
    set: (key, value) => guarded("l'écriture", key, () => engine.write(bodyId, key, JSON.stringify(value ?? null))),
    delete: (key) => guarded("l'effacement", key, () => engine.remove(bodyId, key)),
    async update<T>(
      key: string,
      change: (current: Versioned<T> | undefined) => Write<T> | undefined | Promise<Write<T> | undefined>,
    ) {
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
        const current = await store.getVersioned<T>(key);
        const next = await change(current);
        if (!next) return current;
        const appends = serialiseAppends(next.append);
        const expected = current?.version ?? 0;
        const written = await guarded("l'écriture", key, () =>
          engine.compareAndSet(bodyId, key, expected, JSON.stringify(next.value), appends),
        );
        if (written) return { value: next.value, version: expected + 1 };
      }
      throw new StoreError("l'écriture", key, new Error(`${MAX_UPDATE_ATTEMPTS} conflits d'écriture de suite`));
    },
    claim: (key, owner, ttlMs) => guarded('la réservation', key, () => engine.claim(bodyId, key, owner, ttlMs)),
    increment: (key, by = 1) => guarded("l'incrément", key, () => engine.increment(bodyId, key, by)),
    append: (journal, entry) =>
      guarded("l'ajout au journal", journal, () => engine.append(bodyId, journal, JSON.stringify(entry))),
    async list<T>(journal: string, page: JournalPage = {}) {
      const rows = await guarded('la lecture du journal', journal, () =>
        engine.list(bodyId, journal, page.after ?? 0, page.limit ?? Number.MAX_SAFE_INTEGER),
      );
      return rows.map((r): JournalRow<T> => ({ seq: r.seq, entry: JSON.parse(r.entry) as T }));
    },
    // Scoped views share the engine; closing any of them closes it once.
    forBody: (id) => bodyStore(engine, id, { ...opts, close: onClose }),
    close: onClose,
  };
  return store;
}

/** Runs `close` at most once, however many scoped views call it. */
export function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
