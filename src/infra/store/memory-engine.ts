/** @module The memory engine (`SEANCE_STORE=memory:`): tests and trials; one process, nothing kept. */
import { claimPurgeSchedule, type Engine, type RawRow } from './engine.ts';

interface Row extends RawRow {
  readonly expiresAt?: number;
}

export function memoryEngine(opts: { readonly claimPurgeEveryMs?: number } = {}): Engine {
  const purgeDue = claimPurgeSchedule(opts.claimPurgeEveryMs);
  const rows = new Map<string, Row>();
  const journals = new Map<string, { seq: number; entry: string }[]>();
  let seq = 0;
  const id = (body: string, key: string) => `${body}\u0000${key}`;
  const bump = (body: string, key: string, value: string, expiresAt?: number) => {
    rows.set(id(body, key), { value, version: (rows.get(id(body, key))?.version ?? 0) + 1, expiresAt });
  };
  const appendNow = (body: string, journal: string, entry: string) => {
    const list = journals.get(id(body, journal)) ?? [];
    journals.set(id(body, journal), list);
    list.push({ seq: ++seq, entry });
    return seq;
  };
  // Every method is synchronous inside: nothing can interleave with it in one process.
  return {
    label: 'memory:',
    async read(body, key, known) {
      const row = rows.get(id(body, key));
      if (!row) return undefined;
      return row.version === known ? { version: row.version } : { value: row.value, version: row.version };
    },
    async write(body, key, value) {
      bump(body, key, value);
    },
    async compareAndSet(body, key, expected, value, appends) {
      if ((rows.get(id(body, key))?.version ?? 0) !== expected) return false;
      bump(body, key, value);
      for (const a of appends) for (const e of a.entries) appendNow(body, a.journal, e);
      return true;
    },
    async claim(body, key, owner, ttlMs) {
      const row = rows.get(id(body, key));
      const now = Date.now();
      // A deleted claim (its `null` tombstone) is free.
      if (
        row &&
        row.value !== 'null' &&
        row.value !== JSON.stringify(owner) &&
        (row.expiresAt === undefined || row.expiresAt > now)
      )
        return false;
      bump(body, key, JSON.stringify(owner), now + ttlMs);
      if (purgeDue(now)) for (const [k, r] of rows) if (r.expiresAt !== undefined && r.expiresAt <= now) rows.delete(k);
      return true;
    },
    async increment(body, key, by) {
      const next = Number(JSON.parse(rows.get(id(body, key))?.value ?? '0')) + by;
      bump(body, key, JSON.stringify(next));
      return next;
    },
    async append(body, journal, entry) {
      return appendNow(body, journal, entry);
    },
    async list(body, journal, after, limit) {
      // Seqs increase along the list: find the first after `after` by bisection (a check for news costs O(log n)).
      const list = journals.get(id(body, journal)) ?? [];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.seq <= after) lo = mid + 1;
        else hi = mid;
      }
      return list.slice(lo, Math.min(list.length, lo + limit));
    },
    async close() {},
  };
}
