/**
 * @module Where a door posted a request still pending (a reply that `opens` a key), kept in the store as
 * `<door>:open:<key>`, so that a decision taken anywhere (`closes`) updates every copy. Shared by the chat
 * doors; each keeps its own message shape and its own way of editing a message. Never throws: logs.
 */
import type { Logger, Store } from './ports.ts';

export interface OpenRequests<M> {
  remember(key: string, posted: M): Promise<void>;
  /** Forgets the copies `same` picks (the message a click already updated with the decision). */
  forget(key: string, same: (m: M) => boolean): Promise<void>;
  /** Every remembered copy, forgotten at once so that a second decision finds none. */
  take(key: string): Promise<M[]>;
}

export function createOpenRequests<M>(door: string, store: Store, log: Logger): OpenRequests<M> {
  const storeKey = (key: string) => `${door}:open:${key}`;
  const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
  return {
    async remember(key, posted) {
      try {
        const open = (await store.get<M[]>(storeKey(key))) ?? [];
        await store.set(storeKey(key), [...open, posted]);
      } catch (e) {
        log.warn(`${door}: could not remember a pending request`, { key, error: errorText(e) });
      }
    },
    async forget(key, same) {
      try {
        const open = (await store.get<M[]>(storeKey(key))) ?? [];
        const left = open.filter((m) => !same(m));
        if (left.length === open.length) return;
        if (left.length) await store.set(storeKey(key), left);
        else await store.delete(storeKey(key));
      } catch (e) {
        log.warn(`${door}: could not forget a decided request`, { key, error: errorText(e) });
      }
    },
    async take(key) {
      try {
        const open = (await store.get<M[]>(storeKey(key))) ?? [];
        if (open.length) await store.delete(storeKey(key));
        return open;
      } catch (e) {
        log.warn(`${door}: could not read pending requests`, { key, error: errorText(e) });
        return [];
      }
    },
  };
}
