/**
 * The Store port's contract, run on each engine: memory, SQLite (a real file) and PostgreSQL (the run's
 * throw-away cluster, one fresh database per test).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, type Store } from '../../src/core/ports.ts';
import { openStore, type OpenStoreOptions } from '../../src/infra/store/open.ts';
import { freshPostgresUrl } from './postgres.ts';

const engines: Record<string, () => Promise<string>> = {
  memory: async () => 'memory:',
  sqlite: async () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-contract-')), 'seance.sqlite')}`,
  postgres: freshPostgresUrl,
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(Object.keys(engines))('the store contract on %s', (engine) => {
  const open: Store[] = [];
  const fresh = async (opts: OpenStoreOptions = {}) => {
    const s = await openStore(await engines[engine]!(), undefined, opts);
    open.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close?.();
  });

  it('gets what was set, as JSON, and nothing once deleted', async () => {
    const s = await fresh();
    expect(await s.get('absent')).toBeUndefined();
    const value = { a: [1, 'deux', null, true], b: ':commence par deux-points', c: 'élu·e « ok »' };
    await s.set('k', value);
    expect(await s.get('k')).toEqual(value);
    await s.set('k', 'remplacé');
    expect(await s.getVersioned('k')).toEqual({ value: 'remplacé', version: 2 });
    await s.delete('k');
    expect(await s.get('k')).toBeUndefined();
  });

  it('keeps bodies apart: keys, counters and journals', async () => {
    const a = await fresh();
    const b = a.forBody('bureau');
    await a.set('record:x', 1);
    await a.increment('n');
    await a.append('journal:x', 'a');
    expect(await b.get('record:x')).toBeUndefined();
    expect(await b.increment('n')).toBe(1);
    expect(await b.list('journal:x')).toEqual([]);
    expect(b.bodyId).toBe('bureau');
    expect(await a.forBody('default').get('record:x')).toBe(1);
  });

  it('update: creates, changes the latest value, writes nothing when the change returns undefined', async () => {
    const s = await fresh();
    expect(await s.update<number>('n', (cur) => ({ value: (cur?.value ?? 0) + 1 }))).toEqual({ value: 1, version: 1 });
    expect(await s.update<number>('n', (cur) => ({ value: cur!.value + 1 }))).toEqual({ value: 2, version: 2 });
    expect(await s.update<number>('n', () => undefined)).toEqual({ value: 2, version: 2 });
    await expect(
      s.update<number>('n', () => {
        throw new Error('refusé');
      }),
    ).rejects.toThrow('refusé');
    expect(await s.getVersioned('n')).toEqual({ value: 2, version: 2 });
  });

  it('update: 20 interleaved read-modify-writes lose nothing, and each appends its journal entry once', async () => {
    const s = await fresh();
    const other = s.forBody('default'); // a second view, as a second writer would have
    let attempts = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? s : other).update<number[]>('list', async (cur) => {
          attempts++;
          await pause(1); // every change yields, so the writers interleave between read and write
          return { value: [...(cur?.value ?? []), i], append: { journal: 'j', entries: [{ i }] } };
        }),
      ),
    );
    const final = await s.getVersioned<number[]>('list');
    expect(final!.value.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(final!.version).toBe(20);
    expect(attempts).toBeGreaterThan(20); // conflicts happened and were retried
    const journal = await s.list<{ i: number }>('j');
    expect(journal.map((r) => r.entry.i).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('update: the entries it appends keep their order, in the same write as the value', async () => {
    const s = await fresh();
    await s.update<string>('k', () => ({ value: 'v1', append: { journal: 'j', entries: ['a', 'b', 'c'] } }));
    await s.update<string>('k', () => ({ value: 'v2', append: { journal: 'j', entries: ['d', 'e'] } }));
    expect((await s.list<string>('j')).map((r) => r.entry)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await s.getVersioned('k')).toEqual({ value: 'v2', version: 2 });
  });

  it('update: appends to several journals in the same write, each in order; a lost compare-and-set appends nowhere', async () => {
    const s = await fresh();
    await s.update<string>('k', () => ({
      value: 'v1',
      append: [
        { journal: 'humain', entries: ['a', 'b'] },
        { journal: 'champs', entries: [{ n: 1 }] },
        { journal: 'vide', entries: [] },
      ],
    }));
    const other = s.forBody('default');
    let attempts = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? s : other).update<string>('k', async (cur) => {
          attempts++;
          await pause(1);
          return {
            value: `${cur!.value}+${i}`,
            append: [
              { journal: 'humain', entries: [`h${i}`] },
              { journal: 'champs', entries: [{ n: 10 + i }, { n: 20 + i }] },
            ],
          };
        }),
      ),
    );
    expect(attempts).toBeGreaterThan(10); // conflicts happened: their entries must not be there
    const humain = (await s.list<string>('humain')).map((r) => r.entry);
    const champs = (await s.list<{ n: number }>('champs')).map((r) => r.entry.n);
    expect(humain.slice(0, 2)).toEqual(['a', 'b']);
    expect(humain.slice(2).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `h${i}`).sort());
    expect(champs[0]).toBe(1);
    expect(champs).toHaveLength(21);
    // Each write's two entries are adjacent and in order, and the writes follow the value's order.
    const order = (await s.get<string>('k'))!.split('+').slice(1).map(Number);
    expect(champs.slice(1)).toEqual(order.flatMap((i) => [10 + i, 20 + i]));
    expect(humain.slice(2)).toEqual(order.map((i) => `h${i}`));
    expect(await s.list('vide')).toEqual([]);
  });

  it('claim: one owner at a time; the same owner again; taken over once expired', async () => {
    const s = await fresh();
    expect(await s.claim('c', 'A', 60_000)).toBe(true);
    expect(await s.claim('c', 'B', 60_000)).toBe(false);
    expect(await s.claim('c', 'A', 60_000)).toBe(true);
    expect(await s.claim('short', 'A', 40)).toBe(true);
    expect(await s.claim('short', 'B', 60_000)).toBe(false);
    await pause(80);
    expect(await s.claim('short', 'B', 60_000)).toBe(true);
    expect(await s.claim('short', 'A', 60_000)).toBe(false);
  });

  it('claim: expired claims are deleted (every request leaves one), live ones and other keys stay', async () => {
    const s = await fresh({ claimPurgeEveryMs: 0 }); // purge at every claim
    await s.set('record:x', 'gardé');
    expect(await s.claim('slack:request:old', 'A', 20)).toBe(true);
    expect(await s.getVersioned('slack:request:old')).toMatchObject({ value: 'A' });
    await pause(60);
    expect(await s.claim('slack:request:new', 'B', 60_000)).toBe(true);
    expect(await s.getVersioned('slack:request:old')).toBeUndefined();
    expect(await s.get('slack:request:new')).toBe('B');
    expect(await s.claim('slack:request:new', 'C', 60_000)).toBe(false);
    expect(await s.get('record:x')).toBe('gardé');
    // A deleted expired claim is free again, as an expired one was.
    expect(await s.claim('slack:request:old', 'C', 60_000)).toBe(true);
  });

  it('claim: expired claims are kept until the purge is due (at most every ten minutes by default)', async () => {
    const s = await fresh();
    expect(await s.claim('first', 'A', 60_000)).toBe(true); // the first claim of a process purges
    expect(await s.claim('old', 'A', 20)).toBe(true);
    await pause(60);
    expect(await s.claim('new', 'B', 60_000)).toBe(true);
    expect(await s.get('old')).toBe('A');
  });

  it('claim: of 20 concurrent claimants exactly one wins', async () => {
    const s = await fresh();
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => s.claim('due:1', `owner-${i}`, 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('increment: 30 concurrent increments give 30 distinct values, 1 to 30', async () => {
    const s = await fresh();
    const values = await Promise.all(Array.from({ length: 30 }, () => s.increment('seq')));
    expect(values.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await s.increment('seq', 5)).toBe(35);
    expect(await s.get('seq')).toBe(35);
  });

  it('append and list: in order, by page', async () => {
    const s = await fresh();
    const seqs = [];
    for (const e of ['un', 'deux', 'trois', 'quatre']) seqs.push(await s.append('j', { e }));
    expect(seqs).toEqual(seqs.slice().sort((x, y) => x - y));
    const all = await s.list<{ e: string }>('j');
    expect(all.map((r) => r.entry.e)).toEqual(['un', 'deux', 'trois', 'quatre']);
    const page = await s.list<{ e: string }>('j', { after: all[0]!.seq, limit: 2 });
    expect(page.map((r) => r.entry.e)).toEqual(['deux', 'trois']);
    expect(await s.list('other')).toEqual([]);
  });

  it.skipIf(engine === 'memory')(
    'a failure of the engine is a StoreError with a French cause, never "no data"',
    async () => {
      const s = await fresh();
      await s.set('k', 1);
      await s.close?.();
      const failures = await Promise.all(
        [
          s.get('k'),
          s.set('k', 2),
          s.update('k', () => ({ value: 3 })),
          s.claim('c', 'A', 1000),
          s.increment('n'),
          s.append('j', 1),
          s.list('j'),
        ].map((p) =>
          p.then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      for (const e of failures) {
        expect(e).toBeInstanceOf(StoreError);
        expect((e as Error).message).toMatch(/^Stockage indisponible : .* a échoué \(.+\)\. Rien n'a été modifié/);
      }
    },
  );
});
