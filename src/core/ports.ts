/** @module The ports the core talks through: time, state storage, logging. Adapters in src/infra satisfy them. */

export interface Clock {
  now(): Date;
}

/** A small key–value store (keyv satisfies it). Values are JSON-serialisable. */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  close?(): Promise<void>;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}
