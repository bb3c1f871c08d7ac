/**
 * @module Records benchmark: commands where users are, side by side in one run.
 * - `/quorum`, `/pouvoirs`, `/devis` with the session's record stored (not the config's seed), on the
 *   default SQLite store against the memory store, on the 47-delegate sample roster;
 * - flat in history: `/quorum` (and one reminder tick) with 520 past sessions — each with its record and an
 *   agenda addition in the store — against one session, on SQLite;
 * - growth in roster size: a proxy change (`/pouvoir donner`, then `retirer`, alternately) at 50,000
 *   delegates against 47, on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../src/core/config.ts';
import type { Session } from '../src/core/model.ts';
import { replyToText } from '../src/core/reply-text.ts';
import { addDays } from '../src/core/text/dates.ts';
import {
  BEFORE_SAMPLE_SESSION,
  benchSeance,
  type BenchSeance,
  generatedRoster,
  readerActor,
  SAMPLE_SESSION,
  sampleConfig,
  secretaryActor,
} from './lib/fixtures.ts';
import { latencies, summarise, throughput, type ThroughputOptions } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- records';
export const STORED_GOAL = 2;
export const HISTORY_GOAL = 1.2;
export const GROWTH_GOAL = 3;
export const HISTORY_SESSIONS = 520;
export const LARGE_ROSTER = 50_000;

function tempSqlite(): { url: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'seance-records-bench-'));
  return {
    url: `sqlite://${join(dir, 'seance.sqlite')}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The sample config with `count` weekly sessions ending with the sample one (the others before it). */
function withHistory(base: Config, count: number): Config {
  const sample = base.sessions.find((s) => s.id === SAMPLE_SESSION)!;
  const past: Session[] = Array.from({ length: count - 1 }, (_, k) => {
    const date = addDays(SAMPLE_SESSION, -7 * (count - 1 - k));
    return { ...sample, id: date, date, prefecture: undefined, agenda: [] };
  });
  return { ...base, sessions: [...past, ...base.sessions] };
}

/** A Séance whose sessions all have a stored record (the seed written as-is) and one agenda addition each. */
async function storedSeance(config: Config, storeUrl: string, now?: string): Promise<BenchSeance> {
  const bench = await benchSeance(config, storeUrl, now);
  const { records } = bench.hub;
  for (const s of config.sessions) {
    await records.update(s.id, (r) => ({ record: { ...r, version: r.version + 1 } }));
    if (s.id !== SAMPLE_SESSION) await records.addAgendaItem(s.id, { kind: 'information', title: `Point ${s.id}` });
  }
  return bench;
}

async function rate(bench: BenchSeance, line: string, timing: ThroughputOptions): Promise<number> {
  const { dispatcher } = bench.hub;
  const first = await dispatcher.runLine(line, readerActor);
  if (first.tone === 'error') throw new Error(`records bench: ${line} answered an error: ${replyToText(first)}`);
  return (await throughput(() => dispatcher.runLine(line, readerActor), timing)).opsPerSec;
}

/** The sample's proportions (6 in the room, 6 at a distance), with fewer proxies than present: some free to hold one. */
const PROXY_SHAPE = { room: 6 / 47, remote: 6 / 47, proxies: 5 / 47 };

async function proxyChangeMs(size: number, storeUrl: string, samples: number): Promise<number> {
  const roster = generatedRoster(size, PROXY_SHAPE);
  const bench = await benchSeance(roster.config, storeUrl, BEFORE_SAMPLE_SESSION);
  try {
    const giver = roster.freeGivers[0]!;
    const holder = roster.freeHolders[0]!;
    const lines = [
      `/pouvoir donner ${giver.lastName} ${holder.lastName} ${SAMPLE_SESSION}`,
      `/pouvoir retirer ${giver.lastName} ${SAMPLE_SESSION}`,
    ];
    const { samplesMs } = await latencies(
      async (i) => {
        const r = await bench.hub.dispatcher.runLine(lines[i % 2]!, secretaryActor);
        if (r.tone !== 'success') throw new Error(`records bench: ${lines[i % 2]} refused: ${replyToText(r)}`);
      },
      { warmup: 4, samples },
    );
    return summarise(samplesMs).medianMs;
  } finally {
    await bench.close();
  }
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const timing: ThroughputOptions = opts.quick
    ? { warmupMs: 10, rounds: 1, roundMs: 30 }
    : { warmupMs: 300, rounds: 5, roundMs: 300 };
  const rows: Row[] = [];
  const sample = sampleConfig();
  const temps: { cleanup: () => void }[] = [];
  const sqliteUrl = () => {
    const t = tempSqlite();
    temps.push(t);
    return t.url;
  };
  try {
    // Stored records: SQLite against memory, same commands, same 47-delegate roster.
    const onSqlite = await storedSeance(sample, sqliteUrl());
    const onMemory = await storedSeance(sample, 'memory:');
    try {
      for (const line of [`/quorum ${SAMPLE_SESSION}`, `/pouvoirs ${SAMPLE_SESSION}`, '/devis cyber 10 membre']) {
        const memory = await rate(onMemory, line, timing);
        const sqlite = await rate(onSqlite, line, timing);
        const ratio = memory / sqlite;
        rows.push(
          {
            bench: 'records',
            case: `${line}, record stored, memory store, 47 delegates`,
            value: memory,
            unit: 'ops/s',
            command: COMMAND,
          },
          {
            bench: 'records',
            case: `${line}, record stored, SQLite store (the default), 47 delegates`,
            value: sqlite,
            unit: 'ops/s',
            compare: { against: 'the memory store (time ÷ time)', ratio },
            goal: { text: `SQLite within ${STORED_GOAL}× of memory`, met: ratio <= STORED_GOAL },
            command: COMMAND,
          },
        );
      }
    } finally {
      await onSqlite.close();
      await onMemory.close();
    }

    // History: one session against 520, each with its record and an agenda addition stored.
    const count = opts.quick ? 30 : HISTORY_SESSIONS;
    const one = await storedSeance(sample, sqliteUrl());
    const many = await storedSeance(withHistory(sample, count), sqliteUrl());
    try {
      const line = `/quorum ${SAMPLE_SESSION}`;
      const single = await rate(one, line, timing);
      const long = await rate(many, line, timing);
      const ratio = single / long;
      rows.push(
        {
          bench: 'records',
          case: `${line}, SQLite, 1 session in the store`,
          value: single,
          unit: 'ops/s',
          command: COMMAND,
        },
        {
          bench: 'records',
          case: `${line}, SQLite, ${count} sessions in the store`,
          value: long,
          unit: 'ops/s',
          compare: { against: '1 session (time ÷ time)', ratio },
          goal: { text: `flat in history: ≤ ${HISTORY_GOAL}×`, met: ratio <= HISTORY_GOAL },
          command: COMMAND,
          note: 'each past session with its stored record and one /odj ajouter',
        },
      );
      const tickMs = async (b: BenchSeance) =>
        summarise(
          (await latencies(() => b.hub.reminders.tick(), { warmup: 3, samples: opts.quick ? 5 : 40 })).samplesMs,
        ).medianMs;
      const tickOne = await tickMs(one);
      const tickMany = await tickMs(many);
      rows.push(
        { bench: 'records', case: 'reminder tick, SQLite, 1 session', value: tickOne, unit: 'ms', command: COMMAND },
        {
          bench: 'records',
          case: `reminder tick, SQLite, ${count} sessions`,
          value: tickMany,
          unit: 'ms',
          compare: { against: '1 session', ratio: tickMany / tickOne },
          command: COMMAND,
          note: 'median of single ticks (a few ms each: timer noise)',
        },
      );
    } finally {
      await one.close();
      await many.close();
    }

    // Growth in roster size: one proxy change at 50,000 delegates against 47.
    const large = opts.quick ? 2_000 : LARGE_ROSTER;
    const small = await proxyChangeMs(47, sqliteUrl(), opts.quick ? 6 : 60);
    const big = await proxyChangeMs(large, sqliteUrl(), opts.quick ? 4 : 20);
    rows.push(
      {
        bench: 'records',
        case: 'proxy change (/pouvoir donner | retirer), SQLite, 47 delegates',
        value: small,
        unit: 'ms',
        command: COMMAND,
        note: 'median',
      },
      {
        bench: 'records',
        case: `proxy change (/pouvoir donner | retirer), SQLite, ${large.toLocaleString('en-US')} delegates`,
        value: big,
        unit: 'ms',
        compare: { against: '47 delegates', ratio: big / small },
        goal: { text: `≤ ${GROWTH_GOAL}× the change at 47 delegates`, met: big / small <= GROWTH_GOAL },
        command: COMMAND,
        note: 'median',
      },
    );
  } finally {
    for (const t of temps) t.cleanup();
  }
  return rows;
}
