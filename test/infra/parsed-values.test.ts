/**
 * Parse once per version, on each engine: a read names the version it holds and the engine sends the value
 * only when that version moved; the parsed value is then shared (frozen in tests). Another process's write,
 * delete and re-creation are seen at the next read: deletes leave a tombstone so a version never comes back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.ts';
import { createRecords } from '../../src/core/records.ts';
import { bodyStore, type Engine } from '../../src/infra/store/engine.ts';
import { memoryEngine } from '../../src/infra/store/memory-engine.ts';
import { openStore } from '../../src/infra/store/open.ts';
import { postgresEngine } from '../../src/infra/store/postgres-engine.ts';
import { sqliteEngine } from '../../src/infra/store/sqlite-engine.ts';
import { createTestBot } from '../helpers/test-bot.ts';
import { freshPostgresUrl } from './postgres.ts';

const reader = { name: 'Lecteur', role: 'reader', door: 'test' } as const;

const sqliteFile = () => join(mkdtempSync(join(tmpdir(), 'seance-parsed-')), 'seance.sqlite');

/** Each engine by a location two processes could share (memory: none, one engine per location). */
const engines: Record<string, { where: () => Promise<string>; open: (where: string) => Promise<Engine> }> = {
  memory: { where: async () => 'memory:', open: async () => memoryEngine() },
  sqlite: { where: async () => sqliteFile(), open: async (file) => sqliteEngine(file) },
  postgres: { where: freshPostgresUrl, open: (url) => postgresEngine(url, 'postgres (test)') },
};

/** The real engine, counting the reads that sent a value (what a process parses). */
function counting(engine: Engine): Engine & { sent: number } {
  const counted: Engine & { sent: number } = {
    ...engine,
    sent: 0,
    async read(body, key, known) {
      const row = await engine.read(body, key, known);
      if (row?.value !== undefined) counted.sent++;
      return row;
    },
  };
  return counted;
}

describe.each(Object.keys(engines))('parsed values on %s', (name) => {
  const { where, open } = engines[name]!;
  const opened: Engine[] = [];
  const engine = async (at: string) => {
    const e = await open(at);
    opened.push(e);
    return e;
  };
  afterEach(async () => {
    for (const e of opened.splice(0)) await e.close();
  });

  it('the engine leaves out the value of a version the reader holds', async () => {
    const e = await engine(await where());
    await e.write('b', 'k', '{"n":1}');
    expect(await e.read('b', 'k')).toEqual({ value: '{"n":1}', version: 1 });
    expect(await e.read('b', 'k', 1)).toEqual({ version: 1 });
    await e.write('b', 'k', '{"n":2}');
    expect(await e.read('b', 'k', 1)).toEqual({ value: '{"n":2}', version: 2 });
    expect(await e.read('b', 'absent', 1)).toBeUndefined();
  });

  it('a value is sent and parsed once per version, then shared and frozen', async () => {
    const e = counting(await engine(await where()));
    const s = bodyStore(e, 'b', { freezeValues: true, close: async () => undefined });
    await s.set('k', { attendance: { d1: 'salle' }, proxies: [{ giver: 'd2' }] });
    const first = await s.getVersioned<{ attendance: Record<string, string>; proxies: unknown[] }>('k');
    const again = await s.getVersioned('k');
    expect(again).toBe(first);
    expect(e.sent).toBe(1);
    expect(() => {
      first!.value.attendance.d1 = 'excuse';
    }).toThrow(TypeError);
    expect(() => first!.value.proxies.push({})).toThrow(TypeError);
    await s.update<{ n: number }>('k', () => ({ value: { n: 2 } }));
    expect(await s.get('k')).toEqual({ n: 2 });
    expect(e.sent).toBe(2);
    // Every body view of the engine shares what was parsed, each key in its own body.
    expect(await s.forBody('b').get('k')).toEqual({ n: 2 });
    expect(await s.forBody('other').get('k')).toBeUndefined();
    expect(e.sent).toBe(2);
  });

  it('a delete leaves a tombstone: absent to readers, its version goes on, claims and counters start afresh', async () => {
    const s = bodyStore(await engine(await where()), 'b', { close: async () => undefined });
    await s.set('k', 'un');
    await s.delete('k');
    expect(await s.get('k')).toBeUndefined();
    expect(await s.getVersioned('k')).toBeUndefined();
    let seen: unknown = 'not called';
    expect(
      await s.update<string>('k', (cur) => {
        seen = cur;
        return { value: 'deux' };
      }),
    ).toEqual({ value: 'deux', version: 3 });
    expect(seen).toBeUndefined();
    expect(await s.claim('c', 'A', 60_000)).toBe(true);
    await s.delete('c');
    expect(await s.claim('c', 'B', 60_000)).toBe(true);
    await s.increment('n', 4);
    await s.delete('n');
    expect(await s.increment('n')).toBe(1);
  });

  it.skipIf(name === 'memory')("sees another process's write, delete and re-creation at the next read", async () => {
    const at = await where();
    const a = bodyStore(counting(await engine(at)), 'b', { close: async () => undefined });
    const b = bodyStore(await engine(at), 'b', { close: async () => undefined });
    await b.set('k', 'premier');
    expect(await a.get('k')).toBe('premier');
    await b.set('k', 'deuxième');
    expect(await a.get('k')).toBe('deuxième');
    // Deleted then written again: without the tombstone, version 1 would come back with another value.
    await b.delete('k');
    expect(await a.get('k')).toBeUndefined();
    await b.set('k', 'recréé');
    expect(await a.getVersioned('k')).toEqual({ value: 'recréé', version: 4 });
    // A compare-and-set from the process holding an old version retries on the latest.
    await a.get('k');
    await b.set('k', 'par b');
    expect(await a.update<string>('k', (cur) => ({ value: `${cur?.value} puis a` }))).toEqual({
      value: 'par b puis a',
      version: 6,
    });
    expect(await b.get('k')).toBe('par b puis a');
  });
});

describe('a session record read through the parsed values', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close?.();
  });

  it('is the same record while nothing changed, and the new one after a change elsewhere', async () => {
    const file = sqliteFile();
    const one = await openStore(`sqlite://${file}`, undefined, { freezeValues: true });
    const two = await openStore(`sqlite://${file}`);
    stores.push(one, two);
    const config = { seedRecords: {}, sessions: [] };
    const mine = createRecords(one, config);
    const theirs = createRecords(two, config);
    await theirs.update('2030-01-07', (r) => ({
      record: { ...r, version: r.version + 1, attendance: { d1: 'salle' } },
    }));
    const first = await mine.record('2030-01-07');
    expect(await mine.record('2030-01-07')).toBe(first);
    await theirs.update('2030-01-07', (r) => ({
      record: { ...r, version: r.version + 1, attendance: { ...r.attendance, d2: 'distance' } },
    }));
    const after = await mine.record('2030-01-07');
    expect(after).not.toBe(first);
    expect(after.attendance).toEqual({ d1: 'salle', d2: 'distance' });
  });
});

describe('what a read command asks the engine', () => {
  it('/quorum on a stored record: one check of the session log and one read of the record, nothing parsed again', async () => {
    const inner = memoryEngine();
    const asked: string[] = [];
    let sent = 0;
    const engine: Engine = {
      ...inner,
      async read(body, key, known) {
        asked.push(`read ${key}`);
        const row = await inner.read(body, key, known);
        if (row?.value !== undefined) sent++;
        return row;
      },
      async list(body, journal, after, limit) {
        asked.push(`list ${journal}`);
        return inner.list(body, journal, after, limit);
      },
    };
    const bot = await createTestBot({ store: bodyStore(engine, 'default', { freezeValues: true }) });
    try {
      await bot.hub.records.update('2024-10-07', (r) => ({ record: { ...r, version: r.version + 1 } }));
      expect((await bot.hub.dispatcher.runLine('/quorum 2024-10-07', reader)).title).toBe('Quorum atteint');
      asked.length = 0;
      sent = 0;
      await bot.hub.dispatcher.runLine('/quorum 2024-10-07', reader);
      expect(asked).toEqual(['list sessions:log', 'read record:2024-10-07']);
      expect(sent).toBe(0);
    } finally {
      await bot.close();
    }
  });
});
