/**
 * Session records split in two (records.ts): the small value, and attendance, proxies and answers as a journal
 * of field changes. On each engine (memory, a SQLite file, PostgreSQL): a proxy change writes what it changes,
 * a read at an unchanged version lists nothing, two processes on one store see each other's changes, and a
 * record stored in the old shape is read as before and moved on its next write.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Proxy, SessionRecord } from '../../src/core/model.ts';
import type { Store } from '../../src/core/ports.ts';
import { createRecords, RECORD_KEYS, type Records } from '../../src/core/records.ts';
import { bodyStore, DEFAULT_BODY, type Engine } from '../../src/infra/store/engine.ts';
import { memoryEngine } from '../../src/infra/store/memory-engine.ts';
import { postgresEngine } from '../../src/infra/store/postgres-engine.ts';
import { sqliteEngine } from '../../src/infra/store/sqlite-engine.ts';
import { freshPostgresUrl } from './postgres.ts';

const SESSION = '2026-12-15';
const DELEGATES = 3_000;

/** The engine as it is, with a log of what it was asked to write and to list. */
function logged(engine: Engine) {
  const writes: { key: string; bytes: number }[] = [];
  const lists: string[] = [];
  const wrapped: Engine = {
    ...engine,
    async compareAndSet(body, key, expected, value, appends) {
      const ok = await engine.compareAndSet(body, key, expected, value, appends);
      if (ok) {
        writes.push({ key, bytes: value.length });
        for (const a of appends) for (const e of a.entries) writes.push({ key: a.journal, bytes: e.length });
      }
      return ok;
    },
    list(body, journal, after, limit) {
      lists.push(journal);
      return engine.list(body, journal, after, limit);
    },
  };
  return { engine: wrapped, writes, lists };
}

/** Engines that two "processes" can open on the same data (memory: one engine shared, as one process would). */
const engines: Record<string, () => Promise<() => Promise<Engine>>> = {
  memory: async () => {
    const shared = memoryEngine();
    return async () => shared;
  },
  sqlite: async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seance-split-')), 'seance.sqlite');
    return async () => sqliteEngine(file);
  },
  postgres: async () => {
    const url = await freshPostgresUrl();
    return () => postgresEngine(url, 'postgres');
  },
};

const proxy = (giver: string, holder: string): Proxy => ({
  giver,
  holder,
  status: 'confirmed',
  declaredBy: 'Secrétariat',
  declaredAt: '2026-12-01T10:00:00.000Z',
});

const entry = (action: string, detail: string) => ({
  at: '2026-12-01T10:00:00.000Z',
  actor: 'test',
  door: 'test',
  action,
  detail,
});

/** A change as commands make them: the record one version later, with its journal entry. */
function changed(r: SessionRecord, patch: Partial<SessionRecord>, action = 'changement'): { record: SessionRecord } {
  return { record: { ...r, ...patch, version: r.version + 1, journal: [...r.journal, entry(action, '')] } };
}

const config = { seedRecords: {}, sessions: [] };

describe.each(Object.keys(engines))('session records split on %s', (name) => {
  const closing: Engine[] = [];
  let open: () => Promise<Engine>;
  const replica = async () => {
    const log = logged(await open());
    closing.push(log.engine);
    const store: Store = bodyStore(log.engine, DEFAULT_BODY, { close: async () => undefined });
    return { ...log, store, records: createRecords(store, config) };
  };
  afterEach(async () => {
    for (const e of new Set(closing.splice(0))) await e.close();
  });

  /** A session with DELEGATES delegates' attendance and a proxy for one in five of the excused. */
  async function bigSession(records: Records) {
    const attendance: Record<string, SessionRecord['attendance'][string]> = {};
    const proxies: Proxy[] = [];
    for (let i = 0; i < DELEGATES; i++) attendance[`d${i}`] = i % 3 === 0 ? 'salle' : 'excuse';
    for (let i = 1; i < DELEGATES; i += 15) proxies.push(proxy(`d${i}`, `d${i - 1}`));
    await records.update(SESSION, (r) => changed(r, { attendance, proxies }, 'présences'));
  }

  it('a proxy change writes a few hundred bytes, however large the roster; a read at the same version lists nothing', async () => {
    open = await engines[name]!();
    const a = await replica();
    await bigSession(a.records);
    const first = a.writes.reduce((n, w) => n + w.bytes, 0);
    expect(first).toBeGreaterThan(DELEGATES * 10); // the whole attendance, once
    a.writes.length = 0;
    await a.records.update(SESSION, (r) => changed(r, { proxies: [...r.proxies, proxy('d2', 'd0')] }, 'pouvoir'));
    await a.records.update(SESSION, (r) => changed(r, { proxies: r.proxies.filter((p) => p.giver !== 'd2') }));
    const perChange = a.writes.reduce((n, w) => n + w.bytes, 0) / 2;
    expect(perChange).toBeLessThan(600);
    expect(a.writes.map((w) => w.key)).toEqual([
      RECORD_KEYS.record(SESSION),
      RECORD_KEYS.journal(SESSION),
      RECORD_KEYS.fields(SESSION),
      RECORD_KEYS.record(SESSION),
      RECORD_KEYS.journal(SESSION),
      RECORD_KEYS.fields(SESSION),
    ]);
    // Its own writes are kept: reading again lists neither journal.
    a.lists.length = 0;
    const record = await a.records.record(SESSION);
    expect(a.lists).toEqual([]);
    expect(record.proxies).toHaveLength(Math.ceil((DELEGATES - 1) / 15));
    expect(record.journal.map((j) => j.action)).toEqual(['présences', 'pouvoir', 'changement']);
    // The stored value is small: the fields are not in it.
    const value = JSON.stringify(await a.store.get(RECORD_KEYS.record(SESSION)));
    expect(value.length).toBeLessThan(200);
  });

  it('two processes on one store: each sees the other at its next read, folding only what was appended since', async () => {
    open = await engines[name]!();
    const [a, b] = [await replica(), await replica()];
    await bigSession(a.records);
    expect((await b.records.record(SESSION)).attendance['d3']).toBe('salle');
    await b.records.update(SESSION, (r) => changed(r, { attendance: { ...r.attendance, d3: 'excuse' } }));
    await a.records.update(SESSION, (r) => changed(r, { proxies: [...r.proxies, proxy('d3', 'd0')] }));
    await b.records.update(SESSION, (r) =>
      changed(r, { proxies: r.proxies.map((p) => (p.giver === 'd3' ? { ...p, holder: 'd6' } : p)) }),
    );
    // Concurrent changes from both: the compare-and-set serialises them, none is lost.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).records.update(SESSION, (r) =>
          changed(r, { attendance: { ...r.attendance, [`n${i}`]: 'salle' } }, `n${i}`),
        ),
      ),
    );
    a.lists.length = 0;
    const [ra, rb] = [await a.records.record(SESSION), await b.records.record(SESSION)];
    const fresh = await (await replica()).records.record(SESSION);
    for (const r of [ra, rb]) expect(r).toEqual(fresh);
    expect(fresh.version).toBe(16);
    expect(fresh.attendance['d3']).toBe('excuse');
    expect(fresh.proxies.at(-1)).toEqual({ ...proxy('d3', 'd6') });
    expect(Object.keys(fresh.attendance).filter((k) => k.startsWith('n'))).toHaveLength(12);
    expect(fresh.journal).toHaveLength(16);
    expect(new Set(fresh.journal.map((j) => j.action)).size).toBe(fresh.journal.length - 2);
  });

  it('a record stored in the old shape is read as before, then moved to the journals on its next write', async () => {
    open = await engines[name]!();
    const a = await replica();
    const old = {
      version: 3,
      attendance: { d0: 'salle', d1: 'excuse' },
      proxies: [proxy('d1', 'd0')],
      answers: { d2: { answer: 'distance', at: '2026-12-01T09:00:00.000Z', door: 'slack' } },
      journal: [entry('présence', 'd0'), entry('pouvoir enregistré', 'd1 → d0')],
      lifecycle: { state: 'ouverte', at: '2026-12-15T17:30:00.000Z', by: 'Président' },
    };
    await a.store.set(RECORD_KEYS.record(SESSION), old);
    expect(await a.records.record(SESSION)).toEqual(old);
    await a.records.update(SESSION, (r) => changed(r, { attendance: { ...r.attendance, d2: 'distance' } }, 'présence'));
    const stored = (await a.store.get<Record<string, unknown>>(RECORD_KEYS.record(SESSION)))!;
    expect(Object.keys(stored).sort()).toEqual(['fields', 'lifecycle', 'version']);
    const expected = {
      ...old,
      version: 4,
      attendance: { ...old.attendance, d2: 'distance' },
      journal: [...old.journal, entry('présence', '')],
    };
    expect(await a.records.record(SESSION)).toEqual(expected);
    expect(await (await replica()).records.record(SESSION)).toEqual(expected);
    expect((await a.store.list(RECORD_KEYS.journal(SESSION))).map((r) => r.entry)).toEqual(expected.journal);
  });

  it('a record stored as the previous version wrote it (fields inline, journal apart) is moved without losing a row', async () => {
    open = await engines[name]!();
    const [a, b] = [await replica(), await replica()];
    const journal = [entry('présence', 'd0'), entry('pouvoir enregistré', 'd1 → d0')];
    const inline = { version: 2, attendance: { d0: 'salle', d1: 'excuse' }, proxies: [proxy('d1', 'd0')] };
    await a.store.update(RECORD_KEYS.record(SESSION), () => ({
      value: inline,
      append: { journal: RECORD_KEYS.journal(SESSION), entries: journal },
    }));
    expect(await b.records.record(SESSION)).toEqual({ ...inline, journal });
    await a.records.update(SESSION, (r) => changed(r, { proxies: [] }, 'pouvoir retiré'));
    // The other process read the old shape: it catches up with the move (fields whole, then changes).
    await b.records.update(SESSION, (r) => changed(r, { attendance: { ...r.attendance, d1: 'salle' } }, 'présence'));
    const expected = {
      version: 4,
      attendance: { d0: 'salle', d1: 'salle' },
      proxies: [],
      journal: [...journal, entry('pouvoir retiré', ''), entry('présence', '')],
    };
    for (const r of [a, b, await replica()]) expect(await r.records.record(SESSION)).toEqual(expected);
    expect(await a.store.list(RECORD_KEYS.journal(SESSION))).toHaveLength(4);
  });
});
