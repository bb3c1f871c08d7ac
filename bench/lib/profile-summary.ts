/**
 * @module Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self and inclusive time per function,
 * so a missed goal can be traced to a file and function. Usage:
 *   npx tsx bench/lib/profile-summary.ts path/to/file.cpuprofile [top=25] [filter]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime?: number;
}

export interface FunctionCost {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
  readonly selfPct: number;
  readonly totalPct: number;
}

const label = (n: ProfileNode) => {
  const url = n.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/work\/main\//, '')
    .replace(/^.*node_modules\//, 'nm:');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};

/**
 * `fromUs`: leave out the samples before this monotonic time in µs (`process.hrtime` / 1000, the profile's own
 * clock), e.g. a server's start-up and warm-up before the measured requests (bench/profile-door.ts prints it).
 */
export function summariseProfile(profile: Profile, fromUs = 0): FunctionCost[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let at = profile.startTime ?? 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= fromUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    // Inclusive: credit each distinct function once per stack (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + us);
    }
  }
  return [...incl.keys()].map((name) => ({
    name,
    selfMs: (self.get(name) ?? 0) / 1000,
    totalMs: incl.get(name)! / 1000,
    selfPct: (100 * (self.get(name) ?? 0)) / total,
    totalPct: (100 * incl.get(name)!) / total,
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, topText, filter] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/lib/profile-summary.ts FILE.cpuprofile [top] [filter]\n');
    process.exit(2);
  }
  process.stdout.on('error', () => process.exit(0)); // piped into `head`
  // PROFILE_FROM_US leaves out what came before (start-up); PROFILE_PER=N also prints µs per request.
  const fromUs = Number(process.env.PROFILE_FROM_US ?? 0);
  const per = Number(process.env.PROFILE_PER ?? 0);
  const rows = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, fromUs).filter(
    (r) => !filter || r.name.includes(filter),
  );
  const top = Number(topText ?? 25);
  const show = (title: string, sorted: FunctionCost[]) => {
    process.stdout.write(`\n${title}\n`);
    for (const r of sorted.slice(0, top)) {
      process.stdout.write(
        `${r.selfPct.toFixed(1).padStart(5)}% self ${r.totalPct.toFixed(1).padStart(5)}% total${per ? ` ${((r.selfMs * 1000) / per).toFixed(1).padStart(6)} µs self ${((r.totalMs * 1000) / per).toFixed(1).padStart(6)} µs total/req` : ''}  ${r.name}\n`,
      );
    }
  };
  show(
    'By self time',
    [...rows].sort((a, b) => b.selfMs - a.selfMs),
  );
  show(
    'By inclusive time',
    [...rows].sort((a, b) => b.totalMs - a.totalMs),
  );
}
