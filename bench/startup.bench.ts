/**
 * @module Start-up and memory. Launch → ready of `node --import tsx src/main.ts` (what `npm start` runs, without
 * the tsx CLI's relay process) in console mode (`/aide` piped in: ready when its answer is printed), Slack mode
 * (ready at the "slack: listening" log line) and Discord mode (ready at "discord door ready", against a fake
 * Discord), each on a fresh SQLite file; compared with `node -e ''`, with the tsx loader alone, and with
 * importing the same libraries alone. Resident memory (VmRSS) at ready against the libraries alone. Then the
 * leak check: heap and RSS after a full GC, after a warm-up and after 100,000 more commands in-process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord } from '../test/helpers/fake-discord.ts';
import { startFakeSlack } from '../test/helpers/fake-slack.ts';
import { ROOT, startChild } from './lib/child.ts';
import { elapsedMs, median, nowNs } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';
import type { MemoryPoint } from './servers/memory-child.ts';

const COMMAND = 'npm run bench -- startup';
/** Heap growth after a full GC that still counts as noise, over 100,000 commands. */
export const LEAK_TOLERANCE_MB = 2;

interface Launch {
  readonly readyMs: number;
  /** VmRSS read at ready, or the RSS the process printed ("RSS <bytes>") when it exits too fast to read. */
  readonly rssMB: number | undefined;
  readonly exitMs: number | undefined;
}

interface LaunchSpec {
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Written to stdin right away; stdin stays open until ready, then closes. */
  readonly stdin?: string;
  /** Ready when this returns true for everything printed so far (stdout, stderr). */
  readonly ready: (out: string, err: string) => boolean;
  /** After ready: wait for the process to exit by itself (stdin closed), else stop it. */
  readonly waitExit: boolean;
}

function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A clean environment: nothing from the caller's shell decides which doors start. */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: 'C.UTF-8', ...extra };
}

function launch(spec: LaunchSpec, timeoutMs = 60_000): Promise<Launch> {
  return new Promise<Launch>((resolve, reject) => {
    const t0 = nowNs();
    const child = spawn(process.execPath, [...spec.args], {
      cwd: ROOT,
      env: baseEnv(spec.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let readyMs: number | undefined;
    let rssMB: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`startup bench: ${spec.args.join(' ')} not ready within ${timeoutMs} ms\n${err.slice(-2000)}`));
    }, timeoutMs);
    const check = () => {
      if (readyMs !== undefined || !spec.ready(out, err)) return;
      readyMs = elapsedMs(t0);
      rssMB = rssOf(child.pid);
      if (spec.waitExit) child.stdin.end();
      else child.kill('SIGTERM');
    };
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      check();
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      check();
    });
    child.stdin.on('error', () => undefined);
    if (spec.stdin) child.stdin.write(spec.stdin);
    else if (spec.waitExit) child.stdin.end();
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const exitMs = elapsedMs(t0);
      if (readyMs === undefined) {
        reject(
          new Error(
            `startup bench: ${spec.args.join(' ')} exited (${code ?? signal}) before ready\n${err.slice(-2000)}`,
          ),
        );
        return;
      }
      if (spec.waitExit && code !== 0) {
        reject(new Error(`startup bench: ${spec.args.join(' ')} exited with ${code}\n${err.slice(-2000)}`));
        return;
      }
      const printed = /^RSS (\d+)/.exec(out);
      resolve({
        readyMs,
        rssMB: printed ? Number(printed[1]) / 2 ** 20 : rssMB,
        exitMs: spec.waitExit ? exitMs : undefined,
      });
    });
  });
}

async function repeat(spec: LaunchSpec, runs: number): Promise<{ readyMs: number; rssMB: number; exitMs: number }> {
  const all: Launch[] = [];
  for (let i = 0; i < runs; i++) all.push(await launch(spec));
  const pick = (f: (l: Launch) => number | undefined) => median(all.map(f).filter((x): x is number => x !== undefined));
  return { readyMs: pick((l) => l.readyMs), rssMB: pick((l) => l.rssMB), exitMs: pick((l) => l.exitMs) };
}

/** Prints its RSS once the libraries are imported: the marker doubles as "ready". */
const importOnly = (modules: readonly string[]): LaunchSpec => ({
  args: [
    '--input-type=module',
    '-e',
    `await Promise.all(${JSON.stringify(modules)}.map((m) => import(m))); process.stdout.write('RSS ' + process.memoryUsage().rss);`,
  ],
  ready: (out) => out.startsWith('RSS '),
  waitExit: true,
});

export const STARTUP_CPU_GOAL = 8;

/**
 * CPU time (user + system, the process and every child it waited for) of a shell command fed `input` on
 * stdin, run to its exit: bash's `times` reports it, so npm's own process and its relays count too.
 */
function cpuMsOf(command: string, input: string, env: NodeJS.ProcessEnv): number {
  const r = spawnSync('bash', ['-c', `${command} > /dev/null 2>&1 <<< "$BENCH_INPUT"; times`], {
    cwd: ROOT,
    env: { ...baseEnv(env), PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`, BENCH_INPUT: input },
    // stdin not a pipe: Node's pipes are sockets, and bash with a socket on stdin thinks sshd started it and
    // sources ~/.bashrc, which cost ≈ 450 ms of CPU here and inflated every row, the node -e 0 baseline first.
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 120_000,
  });
  const children = r.stdout.trim().split('\n')[1] ?? '';
  const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  if (parts.length !== 2) throw new Error(`startup bench: no CPU times for ${command}: ${r.stdout} ${r.stderr}`);
  return parts[0]! + parts[1]!;
}

/** Start-up CPU to the first /quorum answer: npm start (compiled) against node -e 0, and what npm start ran before. */
function startupCpuRows(runs: number, dir: string): Row[] {
  const env = { SEANCE_STORE: `sqlite://${join(dir, 'cpu.sqlite')}` };
  const input = '/quorum 2024-10-07';
  cpuMsOf('npm start --silent', input, env); // builds dist/ if a source changed since npm ci: not counted
  const med = (command: string) => median(Array.from({ length: runs }, () => cpuMsOf(command, input, env)));
  const bare = med('node -e 0');
  const npmStart = med('npm start --silent');
  const compiled = med('node scripts/start.mjs');
  const tsx = med('tsx src/main.ts');
  const row = (name: string, value: number, note?: string, goal?: boolean): Row => ({
    bench: 'startup',
    case: name,
    value,
    unit: 'ms',
    command: COMMAND,
    note,
    compare: { against: 'node -e 0, CPU', ratio: value / bare },
    ...(goal
      ? {
          goal: {
            text: `≤ ${STARTUP_CPU_GOAL}× the CPU time of node -e 0`,
            met: value / bare <= STARTUP_CPU_GOAL,
          },
        }
      : {}),
  });
  return [
    {
      bench: 'startup',
      case: 'node -e 0, CPU (user + system)',
      value: bare,
      unit: 'ms',
      command: COMMAND,
      note: `median of ${runs}`,
    },
    row(
      'npm start (compiled) with /quorum piped, launch → exit, CPU',
      npmStart,
      'npm, its shell and the bot: every process counted (bash `times`), SQLite store',
      true,
    ),
    row('node scripts/start.mjs (what npm start runs) with /quorum piped, CPU', compiled, 'without npm and its shell'),
    row(
      'tsx src/main.ts (what npm start ran before) with /quorum piped, CPU',
      tsx,
      'the tsx CLI relay and its TypeScript hooks',
    ),
  ];
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const runs = opts.quick ? 1 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'seance-startup-'));
  const fakeSlack = await startFakeSlack();
  const fakeDiscord = await startFakeDiscord({ heartbeatIntervalMs: 30_000 });
  const rows: Row[] = [];
  try {
    const store = (name: string) => ({ SEANCE_STORE: `sqlite://${join(dir, `${name}.sqlite`)}` });
    const coreLibs = ['yaml', 'zod', 'node:sqlite'];
    rows.push(...startupCpuRows(runs, dir));

    // Baselines.
    const bare = await repeat(
      {
        args: ['-e', "process.stdout.write('RSS ' + process.memoryUsage().rss)"],
        ready: (o) => o.startsWith('RSS '),
        waitExit: true,
      },
      runs,
    );
    const loader = await repeat(
      {
        args: ['--import', 'tsx', '-e', "process.stdout.write('RSS ' + process.memoryUsage().rss)"],
        ready: (o) => o.startsWith('RSS '),
        waitExit: true,
      },
      runs,
    );
    const tsxLibs = await repeat(
      { ...importOnly(coreLibs), args: ['--import', 'tsx', ...importOnly(coreLibs).args] },
      runs,
    );
    const libs = {
      console: await repeat(importOnly(coreLibs), runs),
      slack: await repeat(importOnly([...coreLibs, '@slack/bolt']), runs),
      discord: await repeat(importOnly([...coreLibs, 'discord.js']), runs),
    };
    // The bot, three ways.
    const consoleMode = await repeat(
      {
        args: ['--import', 'tsx', 'src/main.ts'],
        env: store('console'),
        stdin: '/aide\n',
        ready: (out) => out.includes('/quorum'),
        waitExit: true,
      },
      runs,
    );
    const slackMode = await repeat(
      {
        args: ['--import', 'tsx', 'src/main.ts'],
        env: {
          ...store('slack'),
          SLACK_BOT_TOKEN: 'xoxb-0000-bench',
          SLACK_SIGNING_SECRET: 'bench-signing-secret',
          SLACK_API_URL: fakeSlack.apiUrl,
          PORT: '0',
        },
        ready: (_, err) => err.includes('"slack: listening"'),
        waitExit: false,
      },
      runs,
    );
    const discordMode = await repeat(
      {
        args: ['--import', 'tsx', 'src/main.ts'],
        env: {
          ...store('discord'),
          DISCORD_TOKEN: 'bench.discord.token',
          DISCORD_APPLICATION_ID: fakeDiscord.applicationId,
          DISCORD_API_URL: fakeDiscord.apiUrl,
        },
        ready: (_, err) => err.includes('"discord door ready"'),
        waitExit: false,
      },
      runs,
    );
    const npmStart = await repeat(
      {
        args: [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'],
        env: store('console-cli'),
        stdin: '/aide\n',
        ready: (out) => out.includes('/quorum'),
        waitExit: true,
      },
      runs,
    );

    const t = (name: string, value: number, against?: { what: string; value: number }, note?: string): Row => ({
      bench: 'startup',
      case: name,
      value,
      unit: 'ms',
      command: COMMAND,
      note,
      compare: against ? { against: against.what, ratio: value / against.value } : undefined,
    });
    rows.push(
      t("node -e '' (launch → exit)", bare.exitMs, undefined, `median of ${runs}`),
      t("node --import tsx -e '' (the TypeScript loader alone)", loader.exitMs, {
        what: "node -e ''",
        value: bare.exitMs,
      }),
      t('import yaml, zod, node:sqlite alone', libs.console.readyMs, { what: "node -e ''", value: bare.exitMs }),
      t('import yaml, zod, node:sqlite under the tsx loader', tsxLibs.readyMs, {
        what: 'the same without tsx',
        value: libs.console.readyMs,
      }),
      t(
        'console mode: launch → answer to /aide printed',
        consoleMode.readyMs,
        { what: 'those libraries alone', value: libs.console.readyMs },
        `vs node -e '': ${(consoleMode.readyMs / bare.exitMs).toFixed(1)}×; vs the libraries under tsx: ${(consoleMode.readyMs / tsxLibs.readyMs).toFixed(2)}×; launch → exit at end of input ${consoleMode.exitMs.toFixed(0)} ms`,
      ),
      t(
        'console mode via the tsx CLI (npm start)',
        npmStart.readyMs,
        { what: 'node --import tsx src/main.ts', value: consoleMode.readyMs },
        'the tsx CLI runs node in a child process',
      ),
      t('import the same + @slack/bolt alone', libs.slack.readyMs, { what: "node -e ''", value: bare.exitMs }),
      t(
        'Slack mode: launch → "slack: listening"',
        slackMode.readyMs,
        { what: 'those libraries alone', value: libs.slack.readyMs },
        `vs node -e '': ${(slackMode.readyMs / bare.exitMs).toFixed(1)}×`,
      ),
      t('import the same + discord.js alone', libs.discord.readyMs, { what: "node -e ''", value: bare.exitMs }),
      t(
        'Discord mode: launch → "discord door ready" (fake gateway)',
        discordMode.readyMs,
        { what: 'those libraries alone', value: libs.discord.readyMs },
        `vs node -e '': ${(discordMode.readyMs / bare.exitMs).toFixed(1)}×`,
      ),
    );
    const m = (name: string, value: number, against?: { what: string; value: number }, note?: string): Row => ({
      bench: 'startup',
      case: name,
      value,
      unit: 'MB',
      command: COMMAND,
      note,
      compare: against ? { against: against.what, ratio: value / against.value } : undefined,
    });
    rows.push(
      m("RSS, node -e ''", bare.rssMB),
      m('RSS, console mode after /aide', consoleMode.rssMB, {
        what: 'RSS importing yaml, zod, node:sqlite alone',
        value: libs.console.rssMB,
      }),
      m('RSS, Slack mode at ready', slackMode.rssMB, {
        what: 'RSS importing the same + @slack/bolt alone',
        value: libs.slack.rssMB,
      }),
      m('RSS, Discord mode at ready', discordMode.rssMB, {
        what: 'RSS importing the same + discord.js alone',
        value: libs.discord.rssMB,
      }),
    );
  } finally {
    await fakeSlack.close();
    await fakeDiscord.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // Leak check, in its own process so nothing else shares the heap.
  const warmup = opts.quick ? 500 : 10_000;
  const count = opts.quick ? 2_000 : 100_000;
  const child = await startChild('bench/servers/memory-child.ts', [String(warmup), String(count)], {
    execArgv: ['--expose-gc'],
    timeoutMs: 600_000,
  });
  await child.stop();
  const points = child.ready.points as MemoryPoint[];
  const afterWarmup = points[1]!;
  const last = points[points.length - 1]!;
  const growth = last.heapUsedMB - afterWarmup.heapUsedMB;
  const trail = points.map((p) => `${p.commands.toLocaleString('en-US')}: ${p.heapUsedMB.toFixed(1)}`).join(', ');
  rows.push(
    {
      bench: 'startup',
      case: `heap after GC, after a ${warmup.toLocaleString('en-US')}-command warm-up`,
      value: afterWarmup.heapUsedMB,
      unit: 'MB',
      command: COMMAND,
      note: `RSS ${afterWarmup.rssMB.toFixed(1)} MB`,
    },
    {
      bench: 'startup',
      case: `heap after GC, after ${count.toLocaleString('en-US')} more commands`,
      value: last.heapUsedMB,
      unit: 'MB',
      compare: { against: 'after the warm-up (MB ÷ MB)', ratio: last.heapUsedMB / afterWarmup.heapUsedMB },
      goal: { text: `no growth beyond noise (≤ ${LEAK_TOLERANCE_MB} MB of heap)`, met: growth <= LEAK_TOLERANCE_MB },
      command: COMMAND,
      note: `growth ${growth.toFixed(2)} MB; RSS ${last.rssMB.toFixed(1)} MB (${(last.rssMB - afterWarmup.rssMB).toFixed(1)} MB); heap MB by commands run — ${trail}`,
    },
  );
  return rows;
}
