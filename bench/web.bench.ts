/**
 * @module The public page: GET / (the home page) from the bot's web server against a bare node:http server
 * sending the same bytes and headers, each in its own child process, over keep-alive HTTP on 127.0.0.1,
 * measured in interleaved rounds so machine noise hits both alike. Issue 16's goal: p50 within 3× bare.
 */
import http from 'node:http';
import { startChild, type Child } from './lib/child.ts';
import { elapsedMs, nowNs, summarise } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- web';
export const GOAL_RATIO = 3;

interface Target {
  readonly name: string;
  readonly child: Child;
  readonly agent: http.Agent;
  readonly samples: number[];
}

function get(t: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = nowNs();
    const req = http.get({ host: '127.0.0.1', port: t.child.ready.port, path: '/', agent: t.agent }, (res) => {
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
      });
      res.on('end', () => {
        if (res.statusCode !== 200 || size < 500)
          reject(new Error(`web bench: ${t.name} answered ${res.statusCode} with ${size} bytes`));
        else resolve(elapsedMs(t0));
      });
    });
    req.on('error', reject);
  });
}

async function phase(t: Target, count: number, record: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    const ms = await get(t);
    if (record) t.samples.push(ms);
  }
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const rounds = opts.quick ? 1 : 5;
  const perRound = opts.quick ? 20 : 400;
  const warmup = opts.quick ? 10 : 300;
  const children = await Promise.all([
    startChild('bench/servers/web-app.ts', ['bare']),
    startChild('bench/servers/web-app.ts', ['page']),
  ]);
  const targets: Target[] = children.map((child, i) => ({
    name: i === 0 ? 'bare' : 'page',
    child,
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    samples: [],
  }));
  try {
    for (const t of targets) await phase(t, warmup, false);
    for (let r = 0; r < rounds; r++) for (const t of targets) await phase(t, perRound, true);
  } finally {
    for (const t of targets) t.agent.destroy();
    await Promise.all(children.map((c) => c.stop()));
  }
  const [bare, page] = targets.map((t) => summarise(t.samples)) as [
    ReturnType<typeof summarise>,
    ReturnType<typeof summarise>,
  ];
  const bytes = Number(children[0]!.ready.bytes);
  const ratio = page.medianMs / bare.medianMs;
  return [
    {
      bench: 'web',
      case: `GET / bare node:http, same ${bytes} bytes, p50`,
      value: bare.medianMs,
      unit: 'ms',
      command: COMMAND,
      note: `${bare.n} sequential keep-alive requests`,
    },
    {
      bench: 'web',
      case: 'GET / home page (store reads; render and ETag once per data change), p50',
      value: page.medianMs,
      unit: 'ms',
      compare: { against: 'bare node:http, same bytes', ratio },
      goal: { text: `p50 ≤ ${GOAL_RATIO}× bare node:http`, met: ratio <= GOAL_RATIO },
      command: COMMAND,
    },
    { bench: 'web', case: 'GET / bare node:http, p99', value: bare.p99Ms, unit: 'ms', command: COMMAND },
    {
      bench: 'web',
      case: 'GET / home page, p99',
      value: page.p99Ms,
      unit: 'ms',
      compare: { against: 'bare node:http, same bytes', ratio: page.p99Ms / bare.p99Ms },
      command: COMMAND,
    },
  ];
}
