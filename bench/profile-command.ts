/**
 * @module Runs one command line in a loop on a generated roster, for a CPU profile of the core path:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-command.ts "/quorum" 44 100000
 *   npx tsx bench/lib/profile-summary.ts /tmp/prof/$(ls -S /tmp/prof | head -1) 30
 * Arguments: the line (default /quorum), the roster size (default 44), the count (default 100,000).
 * Runs as the secretariat when the line changes records (/pouvoir ...), else as a reader.
 */
import { replyToText } from '../src/core/reply-text.ts';
import { benchSeance, generatedRoster, readerActor, secretaryActor } from './lib/fixtures.ts';
import { elapsedMs, nowNs } from './lib/measure.ts';

const [line = '/quorum', sizeText = '44', countText = '100000'] = process.argv.slice(2);
const size = Number(sizeText);
const count = Number(countText);
const actor = /^\/pouvoir\s/.test(line) ? secretaryActor : readerActor;
const bench = await benchSeance(generatedRoster(size).config);
const first = await bench.hub.dispatcher.runLine(line, actor);
process.stderr.write(`${replyToText(first).split('\n')[0]}\n`);
const t0 = nowNs();
for (let i = 0; i < count; i++) replyToText(await bench.hub.dispatcher.runLine(line, actor));
const ms = elapsedMs(t0);
process.stdout.write(
  `${line} on ${size} delegates: ${count} in ${ms.toFixed(0)} ms, ${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s\n`,
);
await bench.close();
