/**
 * @module Store benchmark, on SQLite in a real file (a temp dir), through the bot's command path:
 * - proxy declarations per second (`/pouvoir donner A B 2024-10-07` as the secretariat: parse, name lookup,
 *   rule checks, one record read and one write), against the bare library (node:sqlite) doing the
 *   same read and write of the same records, and against the same commands on the memory store;
 * - the p99 of a read command (`/quorum`) while 8 writers declare and withdraw proxies on the same session,
 *   against its p99 with no writer;
 * - the Store port's writes/s (compare-and-set update of a session record) and reads/s on SQLite (WAL) and
 *   PostgreSQL side by side (SEANCE_BENCH_POSTGRES, else a throw-away local cluster; left out when
 *   PostgreSQL is not installed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { Delegate, SessionRecord } from '../src/core/model.ts';
import type { Store } from '../src/core/ports.ts';
import { openStore } from '../src/infra/store/open.ts';
import { postgresBin, startPostgresCluster } from '../test/infra/postgres-cluster.ts';
import { replyToText } from '../src/core/reply-text.ts';
import {
  BEFORE_SAMPLE_SESSION,
  benchSeance,
  generatedRoster,
  readerActor,
  SAMPLE_SESSION,
  secretaryActor,
  type GeneratedRoster,
} from './lib/fixtures.ts';
import { elapsedMs, latencies, nowNs, summarise } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- store';
/** Half the delegates present and free to hold a proxy, half away and free to give one. */
const SHAPE = { room: 0.3, remote: 0.2, proxies: 0 };

function tempStore(): { url: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'seance-bench-'));
  const file = join(dir, 'seance.sqlite');
  return { url: `sqlite://${file}`, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const giveLine = (giver: Delegate, holder: Delegate) =>
  `/pouvoir donner ${giver.lastName} ${holder.lastName} ${SAMPLE_SESSION}`;
const withdrawLine = (giver: Delegate) => `/pouvoir retirer ${giver.lastName} ${SAMPLE_SESSION}`;

/** `count` declarations in a row on a fresh store; returns the time of each (ms) and the final record. */
async function declare(
  roster: GeneratedRoster,
  storeUrl: string,
  count: number,
): Promise<{ samplesMs: number[]; record: SessionRecord }> {
  const bench = await benchSeance(roster.config, storeUrl, BEFORE_SAMPLE_SESSION);
  try {
    const { dispatcher, records } = bench.hub;
    const samplesMs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = nowNs();
      const r = await dispatcher.runLine(giveLine(roster.freeGivers[i]!, roster.freeHolders[i]!), secretaryActor);
      samplesMs.push(elapsedMs(t0));
      if (r.tone !== 'success') throw new Error(`store bench: declaration ${i} refused: ${replyToText(r)}`);
    }
    return { samplesMs, record: await records.record(SAMPLE_SESSION) };
  } finally {
    await bench.close();
  }
}

/**
 * The bare library doing what one declaration does underneath: read the record, write it one proxy longer
 * (node:sqlite, one key-value table, JSON.stringify), in the default rollback journal or in WAL mode.
 */
async function bareSqlite(storeUrl: string, final: SessionRecord, count: number, wal = false): Promise<number[]> {
  const db = new DatabaseSync(storeUrl.slice('sqlite://'.length));
  db.exec('PRAGMA busy_timeout = 5000');
  if (wal) db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const read = db.prepare('SELECT value FROM kv WHERE key = ?');
  const write = db.prepare(
    'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  try {
    const key = `record:${SAMPLE_SESSION}`;
    const samplesMs: number[] = [];
    for (let i = 0; i < count; i++) {
      const next = {
        ...final,
        version: i + 1,
        proxies: final.proxies.slice(0, i + 1),
        journal: final.journal.slice(0, i + 1),
      };
      const t0 = nowNs();
      const row = read.get(key) as { value: string } | undefined;
      if (row) JSON.parse(row.value);
      write.run(key, JSON.stringify(next));
      samplesMs.push(elapsedMs(t0));
    }
    return samplesMs;
  } finally {
    db.close();
  }
}

interface Contention {
  readonly idleMs: readonly number[];
  readonly busyMs: readonly number[];
  readonly writes: number;
  readonly writesPerSec: number;
}

/** /quorum latencies alone, then while 8 writers each declare and withdraw a proxy in a loop. */
async function readWhileWriting(
  roster: GeneratedRoster,
  storeUrl: string,
  samples: number,
  writers: number,
  maxWritesEach: number,
): Promise<Contention> {
  const bench = await benchSeance(roster.config, storeUrl, BEFORE_SAMPLE_SESSION);
  try {
    const { dispatcher } = bench.hub;
    const read = async () => {
      const r = await dispatcher.runLine('/quorum', readerActor);
      if (r.tone === 'error') throw new Error(`store bench: /quorum failed: ${replyToText(r)}`);
    };
    const idle = await latencies(read, { warmup: Math.min(50, samples), samples });
    let stop = false;
    let writes = 0;
    const t0 = nowNs();
    const writer = async (w: number) => {
      const giver = roster.freeGivers[w]!;
      const holder = roster.freeHolders[w]!;
      for (let i = 0; i < maxWritesEach && !stop; i++) {
        const r = await dispatcher.runLine(i % 2 === 0 ? giveLine(giver, holder) : withdrawLine(giver), secretaryActor);
        if (r.tone !== 'success') throw new Error(`store bench: writer ${w} refused: ${replyToText(r)}`);
        writes++;
      }
    };
    const running = Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    const busy = await latencies(read, { warmup: 0, samples });
    stop = true;
    const writeMs = elapsedMs(t0);
    await running;
    return { idleMs: idle.samplesMs, busyMs: busy.samplesMs, writes, writesPerSec: (writes / writeMs) * 1000 };
  } finally {
    await bench.close();
  }
}

/** Sequential writes (CAS update of one session record) then reads of it through the Store port. */
async function portThroughput(
  storeUrl: string,
  record: SessionRecord,
  count: number,
): Promise<{ writesPerSec: number; readsPerSec: number; claimsPerSec: number; claimMedianMs: number }> {
  const store: Store = await openStore(storeUrl);
  try {
    const value = { ...record, journal: undefined };
    let t0 = nowNs();
    for (let i = 0; i < count; i++)
      await store.update('record:bench', (cur) => ({ value: { ...value, version: (cur?.version ?? 0) + 1 } }));
    const writesPerSec = (count / elapsedMs(t0)) * 1000;
    t0 = nowNs();
    for (let i = 0; i < count; i++) await store.get('record:bench');
    const readsPerSec = (count / elapsedMs(t0)) * 1000;
    // What each Discord interaction or DM costs a replica before it is handled (src/adapters/discord/claims.ts).
    const claimMs: number[] = [];
    t0 = nowNs();
    for (let i = 0; i < count; i++) {
      const c0 = nowNs();
      await store.claim(`discord:interaction:${i}`, `owner-${i}`, 3_600_000);
      claimMs.push(elapsedMs(c0));
    }
    const claimsPerSec = (count / elapsedMs(t0)) * 1000;
    return { writesPerSec, readsPerSec, claimsPerSec, claimMedianMs: summarise(claimMs).medianMs };
  } finally {
    await store.close?.();
  }
}

/** A fresh database on SEANCE_BENCH_POSTGRES or on a throw-away cluster; undefined without PostgreSQL. */
async function benchPostgres(): Promise<{ url: string; stop: () => void } | undefined> {
  let base = process.env.SEANCE_BENCH_POSTGRES;
  let stop = () => undefined as void;
  if (!base) {
    if (!postgresBin()) return undefined;
    const cluster = await startPostgresCluster();
    base = cluster.url;
    stop = () => cluster.stop();
  }
  const name = `seance_bench_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), stop };
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const size = opts.quick ? 100 : 1_000;
  const count = opts.quick ? 10 : 150;
  const roster = generatedRoster(size, SHAPE);
  const rows: Row[] = [];

  const sqlite = tempStore();
  const bare = tempStore();
  const busyDb = tempStore();
  const walDb = tempStore();
  try {
    const onSqlite = await declare(roster, sqlite.url, count);
    const onMemory = await declare(roster, 'memory:', count);
    const bareMs = await bareSqlite(bare.url, onSqlite.record, count);
    const walMs = await bareSqlite(walDb.url, onSqlite.record, count, true);
    const s = summarise(onSqlite.samplesMs);
    const m = summarise(onMemory.samplesMs);
    const b = summarise(bareMs);
    const w = summarise(walMs);
    const perSec = (x: { meanMs: number }) => 1000 / x.meanMs;
    const note = `${count} declarations in a row on one session, ${size.toLocaleString('en-US')}-delegate roster; median ${s.medianMs.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms; mean of the first 10 ${mean(onSqlite.samplesMs.slice(0, 10)).toFixed(2)} ms, of the last 10 ${mean(onSqlite.samplesMs.slice(-10)).toFixed(2)} ms`;
    rows.push(
      {
        bench: 'store',
        case: 'proxy declarations, SQLite file, through /pouvoir donner',
        value: perSec(s),
        unit: '/s',
        compare: {
          against: 'bare node:sqlite (WAL): the same record read + written (rate ÷ rate)',
          ratio: perSec(s) / perSec(w),
        },
        command: COMMAND,
        note,
      },
      {
        bench: 'store',
        case: 'bare node:sqlite, default rollback journal: read + write of the same records',
        value: perSec(b),
        unit: '/s',
        command: COMMAND,
        note: `median ${b.medianMs.toFixed(2)} ms`,
      },
      {
        bench: 'store',
        case: 'bare node:sqlite in WAL mode, synchronous=NORMAL: the same read + write',
        value: perSec(w),
        unit: '/s',
        compare: { against: 'bare node:sqlite, default rollback journal (rate ÷ rate)', ratio: perSec(w) / perSec(b) },
        command: COMMAND,
        note: `median ${w.medianMs.toFixed(2)} ms; what the bot's SQLite store runs in; shows what the default journal's fsyncs cost`,
      },
      {
        bench: 'store',
        case: 'proxy declarations, memory store, through /pouvoir donner',
        value: perSec(m),
        unit: '/s',
        compare: { against: 'same on SQLite (rate ÷ rate)', ratio: perSec(m) / perSec(s) },
        command: COMMAND,
        note: `median ${m.medianMs.toFixed(2)} ms`,
      },
    );

    const c = await readWhileWriting(roster, busyDb.url, opts.quick ? 20 : 500, 8, opts.quick ? 4 : 60);
    const idle = summarise(c.idleMs);
    const busy = summarise(c.busyMs);
    rows.push(
      {
        bench: 'store',
        case: '/quorum p99, SQLite, no writer',
        value: idle.p99Ms,
        unit: 'ms',
        command: COMMAND,
        note: `median ${idle.medianMs.toFixed(3)} ms over ${idle.n}`,
      },
      {
        bench: 'store',
        case: '/quorum p99, SQLite, while 8 writers declare/withdraw proxies',
        value: busy.p99Ms,
        unit: 'ms',
        compare: { against: 'p99 with no writer (ms ÷ ms)', ratio: busy.p99Ms / idle.p99Ms },
        command: COMMAND,
        note: `median ${busy.medianMs.toFixed(3)} ms over ${busy.n}; writers did ${c.writes} writes at ${Math.round(c.writesPerSec)}/s on the same session`,
      },
    );

    const n = opts.quick ? 20 : 2_000;
    const portDb = tempStore();
    try {
      const lite = await portThroughput(portDb.url, onSqlite.record, n);
      const pgDb = await benchPostgres();
      const server = pgDb ? await portThroughput(pgDb.url, onSqlite.record, n).finally(() => pgDb.stop()) : undefined;
      const what = `${n} in a row, one process, a ${size.toLocaleString('en-US')}-delegate session record (${count} proxies) through the Store port`;
      const vs = (x: number, y: number | undefined) =>
        y ? { compare: { against: 'PostgreSQL, same run (rate ÷ rate)', ratio: x / y } } : {};
      rows.push(
        {
          bench: 'store',
          case: 'Store writes/s (compare-and-set update), SQLite WAL',
          value: lite.writesPerSec,
          unit: '/s',
          ...vs(lite.writesPerSec, server?.writesPerSec),
          command: COMMAND,
          note: what,
        },
        {
          bench: 'store',
          case: 'Store reads/s (get), SQLite WAL',
          value: lite.readsPerSec,
          unit: '/s',
          ...vs(lite.readsPerSec, server?.readsPerSec),
          command: COMMAND,
          note: what,
        },
        {
          bench: 'store',
          case: 'Store claims/s (a Discord interaction or DM claimed once across replicas), SQLite WAL',
          value: lite.claimsPerSec,
          unit: '/s',
          ...vs(lite.claimsPerSec, server?.claimsPerSec),
          command: COMMAND,
          note: `${n} distinct keys in a row; median ${lite.claimMedianMs.toFixed(3)} ms per claim`,
        },
      );
      if (server) {
        rows.push(
          {
            bench: 'store',
            case: 'Store writes/s (compare-and-set update), PostgreSQL',
            value: server.writesPerSec,
            unit: '/s',
            command: COMMAND,
            note: `${what}; local throw-away cluster (fsync off) unless SEANCE_BENCH_POSTGRES names one`,
          },
          {
            bench: 'store',
            case: 'Store reads/s (get), PostgreSQL',
            value: server.readsPerSec,
            unit: '/s',
            command: COMMAND,
            note: what,
          },
          {
            bench: 'store',
            case: 'Store claims/s (a Discord interaction or DM claimed once across replicas), PostgreSQL',
            value: server.claimsPerSec,
            unit: '/s',
            command: COMMAND,
            note: `${n} distinct keys in a row; median ${server.claimMedianMs.toFixed(3)} ms per claim`,
          },
        );
      }
    } finally {
      portDb.cleanup();
    }
  } finally {
    sqlite.cleanup();
    bare.cleanup();
    busyDb.cleanup();
    walDb.cleanup();
  }
  return rows;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
}
