/**
 * @module The Store port on keyv: `memory:` for tests, else SQLite through @keyv/sqlite
 * (`SEANCE_STORE=sqlite://data/seance.sqlite` by default). The SQLite driver is loaded only when used.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import type { Store } from '../core/ports.ts';

export const DEFAULT_STORE = 'sqlite://data/seance.sqlite';

export function storeLabel(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@'); // never print credentials of a server URL
}

export async function openStore(url: string = DEFAULT_STORE): Promise<Store> {
  let keyv: Keyv;
  if (url === 'memory:' || url === 'memory') {
    keyv = new Keyv({ namespace: 'seance' });
  } else if (url.startsWith('sqlite://')) {
    const file = url.slice('sqlite://'.length);
    if (file && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    keyv = new Keyv({ store: new KeyvSqlite({ uri: url, busyTimeout: 5000 }), namespace: 'seance' });
  } else {
    throw new Error(`SEANCE_STORE non reconnu : « ${storeLabel(url)} » (attendu memory: ou sqlite://chemin/fichier.sqlite)`);
  }
  let failure: unknown;
  keyv.on('error', (e) => { failure = e; });
  const check = () => {
    if (failure) {
      const e = failure;
      failure = undefined;
      throw e;
    }
  };
  return {
    async get<T>(key: string) {
      const v = (await keyv.get(key)) as T | undefined;
      check();
      return v ?? undefined;
    },
    async set<T>(key: string, value: T) {
      const ok = await keyv.set(key, value);
      check();
      if (ok === false) throw new Error(`store: could not write ${key}`);
    },
    async delete(key: string) {
      await keyv.delete(key);
      check();
    },
    async close() {
      await keyv.disconnect();
    },
  };
}
