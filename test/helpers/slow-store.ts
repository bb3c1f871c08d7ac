/**
 * @module Test helper: a store whose writes (set, delete, update, increment, append) each wait `delayMs` first,
 * to play a slow disk or database. Reads and claims (the replay guard's) are left fast.
 */
import type { Store } from '../../src/core/ports.ts';

const WRITES = new Set<PropertyKey>(['set', 'delete', 'update', 'increment', 'append']);

export function slowWrites(store: Store, delayMs: number): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'forBody') return (bodyId: string) => slowWrites(target.forBody(bodyId), delayMs);
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (!WRITES.has(prop)) return value.bind(target);
      return async (...args: unknown[]) => {
        await new Promise((r) => setTimeout(r, delayMs));
        return value.apply(target, args);
      };
    },
  });
}
