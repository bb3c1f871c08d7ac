/** @module The ports the core talks through: time, state storage, logging. Adapters in src/infra satisfy them. */
import { UserError } from './errors.ts';

export interface Clock {
  now(): Date;
}

/** A stored value and the version the engine gave it (1 on first write, +1 on each write). */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

/** Entries appended to one journal, in their order. */
export interface JournalAppend {
  readonly journal: string;
  readonly entries: readonly unknown[];
}

/**
 * What an `update` writes: the new value and, in the same transaction, entries appended to one journal or to
 * several (a session record appends its human journal and its field changes in one write).
 */
export interface Write<T> {
  readonly value: T;
  readonly append?: JournalAppend | readonly JournalAppend[];
}

export interface JournalRow<T> {
  /** Increases with each append (across journals: gaps are normal). */
  readonly seq: number;
  readonly entry: T;
}

export interface JournalPage {
  /** Only entries with a larger seq. */
  readonly after?: number;
  readonly limit?: number;
}

/**
 * The state store of one body (every key is scoped to it). Values are JSON. Every failure of the engine
 * throws a `StoreError`: an absent key is `undefined`, a failed read is never taken for one.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  getVersioned<T>(key: string): Promise<Versioned<T> | undefined>;
  /**
   * Applies `change` to the latest value and writes the result only if nobody wrote in between
   * (compare-and-set on the version); on a conflict, reads again and re-runs `change`. `change` returning
   * undefined writes nothing. Resolves to what is stored afterwards.
   */
  update<T>(
    key: string,
    change: (current: Versioned<T> | undefined) => Write<T> | undefined | Promise<Write<T> | undefined>,
  ): Promise<Versioned<T> | undefined>;
  /**
   * Set-if-absent with expiry: true if `owner` now holds `key` for `ttlMs` (it was free, expired, or
   * already `owner`'s). A claim whose holder died is taken over once it has expired.
   */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Adds `by` (default 1) to the counter at `key` (absent: 0) and returns the new value. */
  increment(key: string, by?: number): Promise<number>;
  /** Appends to an append-only journal; returns the entry's seq. */
  append<T>(journal: string, entry: T): Promise<number>;
  /** A journal's entries in the order they were appended. */
  list<T>(journal: string, page?: JournalPage): Promise<JournalRow<T>[]>;
  /** The same engine, scoped to another body. */
  forBody(bodyId: string): Store;
  readonly bodyId: string;
  close?(): Promise<void>;
}

/**
 * The store failed (read, write, engine unreachable). A `UserError` so that a command answers its cause in
 * French and changes nothing, instead of taking a failed read for "no data".
 */
export class StoreError extends UserError {
  constructor(
    operation: string,
    key: string,
    readonly failure: unknown,
  ) {
    const why = failure instanceof Error ? failure.message : String(failure);
    super(
      'store.failed',
      `Stockage indisponible : ${operation} de « ${key} » a échoué (${why}). Rien n'a été modifié ; réessayez dans un instant.`,
    );
    this.name = 'StoreError';
  }
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}
