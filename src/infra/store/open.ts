/**
 * @module Opens the store named by `SEANCE_STORE`: `memory:`, `sqlite://path` (default
 * `sqlite://data/seance.sqlite`) or `postgres://…`. The result is scoped to the default body; `forBody`
 * gives another body's view of the same engine.
 */
import type { Logger, Store } from '../../core/ports.ts';
import { bodyStore, DEFAULT_BODY, once, type Engine } from './engine.ts';
import { memoryEngine } from './memory-engine.ts';
import { StoreOpenError } from './open-error.ts';

export const DEFAULT_STORE = 'sqlite://data/seance.sqlite';

export function storeLabel(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@'); // never print credentials of a server URL
}

export interface OpenStoreOptions {
  /** A SQLite file that vanished (its marker remains) may start again empty: an explicit choice (SEANCE_STORE_VIDE). */
  readonly startEmpty?: boolean;
  /** Deep-freeze every value read (tests: values are shared between readers and must never be modified). */
  readonly freezeValues?: boolean;
  /** How often expired claims are deleted (default CLAIM_PURGE_EVERY_MS; tests: 0, at every claim). */
  readonly claimPurgeEveryMs?: number;
}

async function openEngine(url: string, opts: OpenStoreOptions): Promise<Engine> {
  if (url === 'memory:' || url === 'memory') return memoryEngine(opts);
  if (url.startsWith('sqlite://')) {
    const file = url.slice('sqlite://'.length);
    if (!file) throw new StoreOpenError(url, 'chemin du fichier manquant (ex. sqlite://data/seance.sqlite)');
    // Loaded only when used: node:sqlite needs Node 22.5 or later (npm ci installs Node 24 for the npm scripts).
    const { sqliteEngine } = await import('./sqlite-engine.ts').catch((e: unknown) => {
      throw new StoreOpenError(
        file,
        `SQLite intégré à Node.js 22.5 ou plus récent est requis, ce Node.js est en ${process.version} : lancez le bot par npm start, qui utilise le Node 24 installé par npm ci (${e instanceof Error ? e.message : String(e)})`,
      );
    });
    return sqliteEngine(file, { startEmpty: opts.startEmpty, claimPurgeEveryMs: opts.claimPurgeEveryMs });
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { postgresEngine } = await import('./postgres-engine.ts');
    return postgresEngine(url, storeLabel(url), opts);
  }
  throw new Error(
    `SEANCE_STORE non reconnu : « ${storeLabel(url)} » (attendu memory:, sqlite://chemin/fichier.sqlite ou postgres://…)`,
  );
}

/** `logger` (optional) logs every store failure, with the engine (never its credentials) and the cause. */
export async function openStore(
  url: string = DEFAULT_STORE,
  logger?: Logger,
  opts: OpenStoreOptions = {},
): Promise<Store> {
  const engine = await openEngine(url, opts);
  return bodyStore(engine, DEFAULT_BODY, {
    close: once(() => engine.close()),
    onError: logger && ((e) => logger.error('store failure', { store: storeLabel(url), error: e.message })),
    freezeValues: opts.freezeValues,
  });
}

export { StoreOpenError };
