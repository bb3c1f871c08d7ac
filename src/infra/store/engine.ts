/**
 * @module What each storage engine (memory, SQLite, PostgreSQL) implements: a few atomic primitives on
 * serialised values, every row scoped to a body. `bodyStore` builds the Store port on top of them once for
 * all engines: JSON, the compare-and-set retry loop, and errors turned into `StoreError`s.
 *
 * Parse once per version: each process keeps the values it parsed, by (body, key), with their version. A read
 * still asks the engine every time (another process may have written), but names the version it holds, and
 * the engine answers « unchanged » without sending the value: the value is sent and parsed only when its
 * version moved. Values handed out are shared between readers, so they are never modified (the code treats
 * them as read-only; tests freeze them). So that a version never comes back with another value, a delete
 * writes a `null` tombstone (the version goes on) instead of removing the row: a stored `null` reads as absent.
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
  /** Absent when the caller already holds this version (`known`): nothing to send nor parse. */
  readonly value?: string;
  readonly version: number;
}

/** Serialised entries for one journal. */
export interface RawAppend {
  readonly journal: string;
  readonly entries: readonly string[];
}

export interface Engine {
  readonly label: string;
  /** The row, without its value when its version is `known`. One statement either way. */
  read(body: string, key: string, known?: number): Promise<RawRow | undefined>;
  /** Unconditional write; the version goes up by one. */
  write(body: string, key: string, value: string): Promise<void>;
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

/**
 * Expired claims are deleted at most this often, by the claim that finds the time come: every Slack request and
 * Discord interaction leaves one (replay and replica guards), which would otherwise stay in the store for ever.
 * An expired claim is free to take whether its row is there or not, so deleting it changes nothing but the size.
 */
export const CLAIM_PURGE_EVERY_MS = 10 * 60_000;

/** True when the purge of expired claims is due at `now` (then not again for `everyMs`). */
export function claimPurgeSchedule(everyMs = CLAIM_PURGE_EVERY_MS): (now: number) => boolean {
  let next = 0;
  return (now) => {
    if (now < next) return false;
    next = now + everyMs;
    return true;
  };
}

/** Conflicts are retried this many times before giving up (each retry reads the latest value). */
export const MAX_UPDATE_ATTEMPTS = 200;
export const DEFAULT_BODY = 'default';

export interface BodyStoreOptions {
  /** Runs once when the store (or any view of it) is closed; default: closes the engine. */
  readonly close?: () => Promise<void>;
  /** Told of every failure before it is thrown (the command answers it; this is for the operator's log). */
  readonly onError?: (error: StoreError) => void;
  /** Deep-freezes every value read (tests: a command that modified a shared value would throw). */
  readonly freezeValues?: boolean;
}

/** One journal or several, serialised; journals without entries are left out. */
function serialiseAppends(append: Write<unknown>['append']): RawAppend[] {
  const all: readonly JournalAppend[] = append === undefined ? [] : 'journal' in append ? [append] : append;
  return all
    .filter((a) => a.entries.length > 0)
    .map((a) => ({ journal: a.journal, entries: a.entries.map((e) => JSON.stringify(e)) }));
}

/** A parsed row: `versioned` undefined for a tombstone (a deleted key). */
interface Parsed {
  readonly version: number;
  readonly versioned: Versioned<unknown> | undefined;
}

/** Parsed values kept per engine (all body views share them); the least recently parsed go first. */
const PARSED_KEPT = 1_000;
const parsedByEngine = new WeakMap<Engine, Map<string, Parsed>>();

/** The `null` a delete writes: the row stays, so its version keeps growing and is never reused. */
const TOMBSTONE = 'null';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

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
  let parsed = parsedByEngine.get(engine);
  if (!parsed) parsedByEngine.set(engine, (parsed = new Map()));
  const cache = parsed;

  /** The row as this process holds it, checked against the engine (one statement): parsed only if it moved. */
  async function readParsed(key: string): Promise<Parsed | undefined> {
    const id = `${bodyId}\u0000${key}`;
    const held = cache.get(id);
    let row = await engine.read(bodyId, key, held?.version);
    if (row && row.value === undefined) {
      if (held?.version === row.version) return held;
      row = await engine.read(bodyId, key); // cannot happen: « unchanged » for a version not asked about
    }
    if (!row || row.value === undefined) {
      if (cache.get(id) === held) cache.delete(id);
      return undefined;
    }
    const value: unknown = JSON.parse(row.value);
    const fresh: Parsed = {
      version: row.version,
      versioned:
        value === null ? undefined : { value: opts.freezeValues ? deepFreeze(value) : value, version: row.version },
    };
    const latest = cache.get(id);
    // A slower read of an older version does not replace a newer one (versions only grow).
    if (!latest || latest.version <= fresh.version) {
      cache.delete(id);
      cache.set(id, fresh);
      if (cache.size > PARSED_KEPT) cache.delete(cache.keys().next().value!);
    }
    return fresh;
  }

  const store: Store = {
    bodyId,
    async get<T>(key: string) {
      return (await store.getVersioned<T>(key))?.value;
    },
    getVersioned: <T>(key: string) =>
      guarded('la lecture', key, async () => (await readParsed(key))?.versioned as Versioned<T> | undefined),
    set: (key, value) => guarded("l'écriture", key, () => engine.write(bodyId, key, JSON.stringify(value ?? null))),
    // A tombstone rather than a removal: the key's version goes on, so no reader takes a new value for an old one.
    delete: (key) => guarded("l'effacement", key, () => engine.write(bodyId, key, TOMBSTONE)),
    async update<T>(
      key: string,
      change: (current: Versioned<T> | undefined) => Write<T> | undefined | Promise<Write<T> | undefined>,
    ) {
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
        const row = await guarded('la lecture', key, () => readParsed(key));
        const current = row?.versioned as Versioned<T> | undefined;
        const next = await change(current);
        if (!next) return current;
        const appends = serialiseAppends(next.append);
        // A tombstone counts as absent for `change`, but its version is the one to compare with.
        const expected = row?.version ?? 0;
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
