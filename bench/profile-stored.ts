/**
 * @module Runs one command line in a loop with the sample session's record stored, on a store of choice, for a
 * CPU profile of the read path (what `npm run bench -- records` compares, SQLite against memory):
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-stored.ts sqlite "/quorum 2024-10-07" 50000
 * Arguments: memory | sqlite (a temporary file), the line, the count (default 50,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replyToText } from '../src/core/reply-text.ts';
import { benchSeance, readerActor, sampleConfig } from './lib/fixtures.ts';
import { elapsedMs, nowNs } from './lib/measure.ts';

const [engine = 'sqlite', line = '/quorum 2024-10-07', countText = '50000'] = process.argv.slice(2);
const count = Number(countText);
const dir = mkdtempSync(join(tmpdir(), 'seance-profile-'));
const bench = await benchSeance(
  sampleConfig(),
  engine === 'memory' ? 'memory:' : `sqlite://${join(dir, 'seance.sqlite')}`,
);
try {
  for (const s of sampleConfig().sessions)
    await bench.hub.records.update(s.id, (r) => ({ record: { ...r, version: r.version + 1 } }));
  process.stderr.write(`${replyToText(await bench.hub.dispatcher.runLine(line, readerActor)).split('\n')[0]}\n`);
  const t0 = nowNs();
  for (let i = 0; i < count; i++) replyToText(await bench.hub.dispatcher.runLine(line, readerActor));
  const ms = elapsedMs(t0);
  process.stdout.write(`${line} on ${engine}: ${count} in ${ms.toFixed(0)} ms, ${Math.round((count / ms) * 1000)}/s\n`);
} finally {
  await bench.close();
  rmSync(dir, { recursive: true, force: true });
}
