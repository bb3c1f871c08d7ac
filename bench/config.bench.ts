/**
 * @module Config loading benchmark: `parseConfig` (YAML → checked config, every name recorded in the minutes
 * resolved against the roster) on the sample config with 47 delegates and with 50,000, each delegate named
 * once in the sample session's attendance. Its time per delegate must not grow with the roster.
 */
import { parseConfig } from '../src/app/load-config.ts';
import { sampleYamlWithRoster } from './lib/config-yaml.ts';
import { elapsedMs, median, nowNs } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- config';
export const PER_DELEGATE_GOAL = 2;

function loadMs(yaml: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowNs();
    const config = parseConfig(yaml, 'bench.yaml');
    times.push(elapsedMs(t0));
    if (config.roster.length === 0) throw new Error('config bench: empty roster');
  }
  return median(times);
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const large = opts.quick ? 1_000 : 50_000;
  const smallYaml = sampleYamlWithRoster(47);
  loadMs(smallYaml, opts.quick ? 2 : 10); // warm-up: the first load compiles the parser and the schemas
  const small = loadMs(smallYaml, opts.quick ? 3 : 15);
  const big = loadMs(sampleYamlWithRoster(large), opts.quick ? 1 : 3);
  const perSmall = (small * 1000) / 47;
  const perBig = (big * 1000) / large;
  return [
    {
      bench: 'config',
      case: 'config loading, 47 delegates, per delegate',
      value: perSmall,
      unit: 'µs',
      command: COMMAND,
      note: `whole load ${small.toFixed(1)} ms (median, after a warm-up)`,
    },
    {
      bench: 'config',
      case: `config loading, ${large.toLocaleString('en-US')} delegates, per delegate`,
      value: perBig,
      unit: 'µs',
      compare: { against: '47 delegates, per delegate', ratio: perBig / perSmall },
      goal: {
        text: `linear: ≤ ${PER_DELEGATE_GOAL}× the time per delegate at 47`,
        met: perBig / perSmall <= PER_DELEGATE_GOAL,
      },
      command: COMMAND,
      note: `whole load ${(big / 1000).toFixed(1)} s; most of it is the YAML parser (bench/NOTES.md)`,
    },
  ];
}
