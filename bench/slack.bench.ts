/**
 * @module Slack end to end: signed slash commands over keep-alive HTTP on 127.0.0.1 to the bot's real Bolt
 * door (`startSlackDoor`, `/quorum` on the sample config), in a child process; in the same run, in the same
 * way, a bare Bolt app that only acks, the same bare Bolt app acking then calling `respond('ok')`, and a
 * bare `node:http` server. Targets are measured in interleaved rounds so machine noise hits them alike.
 * - "ack" is the HTTP response time of the slash command (what Slack waits for, 3 s at most);
 * - "ack+respond" is the time until the reply reaches the `response_url` sink.
 * The bot now answers in the ack once the command is stored (issue 17), so its ack includes the work; before,
 * it did its work after the ack (the answer went to response_url); on a small machine that
 * work competes for the CPU with whoever reads the ack, so the ack of the bare app that also responds, and of
 * one that spins 0.5 ms after acking, are reported too: they show what any work after the ack costs here.
 * Each request starts once the previous one on its worker is fully answered (ack and respond), so the
 * bot's ack is never slowed by its own previous reply: like with like against the bare app.
 */
import http from 'node:http';
import { SLACK_ENDPOINT } from '../src/adapters/slack/slack-door.ts';
import { postSlashCommand, startFakeSlack } from '../test/helpers/fake-slack.ts';
import { cpuDuring, startChild, type Child } from './lib/child.ts';
import { elapsedMs, nowNs, summarise } from './lib/measure.ts';
import { startResponseSink, type ResponseSink } from './lib/response-sink.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- slack';
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-0000-bench';
/** M. PAYEN in the sample roster. */
const USER_ID = 'U0PAYEN001';
export const GOAL_RATIO = 1.15;
/** As many listeners as the door registers today: one per declared command (16), a catch-all, a button and two events. */
const EXTRA_LISTENERS = 20;

interface Target {
  readonly name: string;
  readonly child: Child;
  readonly text: string;
  /** Whether the app posts to response_url (then the full time is measured too). */
  readonly responds: boolean;
  readonly agent: http.Agent;
  readonly ack: { seq: number[]; conc: number[] };
  /** Time to ack as the server saw it (request headers parsed → `res.end()`), stamped inside the child. */
  readonly serverAck: { seq: number[]; conc: number[] };
  readonly full: { seq: number[]; conc: number[] };
  /** CPU time the server process spent in recorded sequential phases (µs), and their request count. */
  cpu: { us: number; requests: number };
}

let requestId = 0;

async function one(t: Target, sink: ResponseSink): Promise<{ ackMs: number; fullMs?: number }> {
  const id = `r${++requestId}`;
  const url = `http://127.0.0.1:${t.child.ready.port}${SLACK_ENDPOINT}`;
  const input = { command: '/quorum', text: t.text, user_id: USER_ID, user_name: 'payen', response_url: sink.url(id) };
  const t0 = nowNs();
  const res = await postSlashCommand(url, SIGNING_SECRET, input, { agent: t.agent });
  const ackMs = elapsedMs(t0);
  if (res.status !== 200) throw new Error(`slack bench: ${t.name} answered ${res.status} ${res.body}`);
  if (!t.responds) return { ackMs };
  // The bot answers in the ack when the command is done within its budget: then the ack is the full answer.
  if (res.json && typeof res.json === 'object') return { ackMs, fullMs: ackMs };
  const at = await sink.wait(id); // the sink keeps the arrival time of a post that came before this wait
  return { ackMs, fullMs: Number(at - t0) / 1e6 };
}

async function phase(
  t: Target,
  sink: ResponseSink,
  count: number,
  concurrency: number,
  record: boolean,
): Promise<void> {
  await t.child.ask({ ask: 'serverAckMs' }); // forget what earlier phases left
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const r = await one(t, sink);
      if (!record) continue;
      (concurrency === 1 ? t.ack.seq : t.ack.conc).push(r.ackMs);
      if (r.fullMs !== undefined) (concurrency === 1 ? t.full.seq : t.full.conc).push(r.fullMs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const { samples } = await t.child.ask<{ samples: number[] }>({ ask: 'serverAckMs' });
  if (record) (concurrency === 1 ? t.serverAck.seq : t.serverAck.conc).push(...samples);
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const rounds = opts.quick ? 1 : 3;
  const perRound = opts.quick ? 10 : 300;
  const warmup = opts.quick ? 5 : 100;
  const fake = await startFakeSlack();
  const sink = await startResponseSink();
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
  };
  const children: Child[] = [];
  const targets: Target[] = [];
  const make = (name: string, child: Child, text: string, responds: boolean): Target => ({
    name,
    child,
    text,
    responds,
    agent: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    ack: { seq: [], conc: [] },
    serverAck: { seq: [], conc: [] },
    full: { seq: [], conc: [] },
    cpu: { us: 0, requests: 0 },
  });
  try {
    // One child per target, each busy for the same share of the run: a server that idles while the others are
    // measured answers more slowly (cold caches), so sharing a child between targets would bias the comparison.
    const specs: [string, string[], string, boolean][] = [
      ['node:http', ['http'], '', false],
      ['bare Bolt (ack)', ['bolt'], '', false],
      ['bare Bolt (ack + respond)', ['bolt'], 'respond', true],
      ['bare Bolt (ack + 0.5 ms busy)', ['bolt'], 'busy500', false],
      [`bare Bolt with ${EXTRA_LISTENERS} more listeners (ack)`, ['bolt', String(EXTRA_LISTENERS)], '', false],
      ['bot', ['bot'], '', true],
    ];
    const started = await Promise.allSettled(
      specs.map(([, args]) => startChild('bench/servers/slack-app.ts', args, { env })),
    );
    for (const r of started) if (r.status === 'fulfilled') children.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    specs.forEach(([name, , text, responds], i) => targets.push(make(name, children[i]!, text, responds)));
    for (const t of targets) {
      await phase(t, sink, warmup, 1, false);
      await phase(t, sink, warmup, 8, false);
    }
    for (let r = 0; r < rounds; r++) {
      for (const t of targets) {
        t.cpu.us += await cpuDuring(t.child, () => phase(t, sink, perRound, 1, true));
        t.cpu.requests += perRound;
        await phase(t, sink, perRound, 8, true);
      }
    }
  } finally {
    for (const t of targets) t.agent.destroy();
    await Promise.all(children.map((c) => c.stop()));
    await sink.close();
    await fake.close();
  }

  const [plain, boltAck, boltRespond, boltBusy, boltMany, bot] = targets as [
    Target,
    Target,
    Target,
    Target,
    Target,
    Target,
  ];
  const rows: Row[] = [];
  const n = rounds * perRound;
  const cpuPer = (t: Target) => t.cpu.us / Math.max(1, t.cpu.requests);
  rows.push(
    {
      bench: 'slack',
      case: 'server CPU per slash command, bare Bolt (ack)',
      value: cpuPer(boltAck),
      unit: 'µs',
      command: COMMAND,
      note: 'CPU time of the server process over the sequential phases ÷ requests; insensitive to other load',
    },
    {
      bench: 'slack',
      case: "server CPU per slash command, bare Bolt (ack + respond('ok'))",
      value: cpuPer(boltRespond),
      unit: 'µs',
      compare: { against: 'bare Bolt (ack)', ratio: cpuPer(boltRespond) / cpuPer(boltAck) },
      command: COMMAND,
    },
    {
      bench: 'slack',
      case: 'server CPU per slash command, bot (ack + /quorum reply)',
      value: cpuPer(bot),
      unit: 'µs',
      compare: { against: "bare Bolt (ack + respond('ok'))", ratio: cpuPer(bot) / cpuPer(boltRespond) },
      command: COMMAND,
    },
  );
  for (const mode of ['seq', 'conc'] as const) {
    const label = mode === 'seq' ? 'sequential' : '8 at a time';
    const s = {
      http: summarise(plain.ack[mode]),
      bolt: summarise(boltAck.ack[mode]),
      bot: summarise(bot.ack[mode]),
      boltRespondAck: summarise(boltRespond.ack[mode]),
      boltBusy: summarise(boltBusy.ack[mode]),
      boltMany: summarise(boltMany.ack[mode]),
      srvBolt: summarise(boltAck.serverAck[mode]),
      srvBoltRespond: summarise(boltRespond.serverAck[mode]),
      srvBot: summarise(bot.serverAck[mode]),
      srvMany: summarise(boltMany.serverAck[mode]),
      srvHttp: summarise(plain.serverAck[mode]),
      boltFull: summarise(boltRespond.full[mode]),
      botFull: summarise(bot.full[mode]),
    };
    for (const stat of ['medianMs', 'p99Ms'] as const) {
      const what = stat === 'medianMs' ? 'median' : 'p99';
      rows.push(
        {
          bench: 'slack',
          case: `node:http bare, ${label}, ${what}`,
          value: s.http[stat],
          unit: 'ms',
          command: COMMAND,
          note: `${n} signed requests`,
        },
        {
          bench: 'slack',
          case: `bare Bolt ack, ${label}, ${what}`,
          value: s.bolt[stat],
          unit: 'ms',
          compare: { against: 'node:http bare', ratio: s.bolt[stat] / s.http[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bot ack (/quorum), ${label}, ${what}`,
          value: s.bot[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack', ratio: s.bot[stat] / s.bolt[stat] },
          goal:
            mode === 'seq' && stat === 'medianMs'
              ? { text: `bot / bare Bolt ≤ ${GOAL_RATIO} at the median`, met: s.bot[stat] / s.bolt[stat] <= GOAL_RATIO }
              : undefined,
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bare Bolt ack, when it then calls respond('ok'), ${label}, ${what}`,
          value: s.boltRespondAck[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack', ratio: s.boltRespondAck[stat] / s.bolt[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bare Bolt ack, with ${EXTRA_LISTENERS} more command listeners, ${label}, ${what}`,
          value: s.boltMany[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack', ratio: s.boltMany[stat] / s.bolt[stat] },
          command: COMMAND,
          note: "Bolt runs every listener's middleware on every request",
        },
        {
          bench: 'slack',
          case: `bare Bolt ack, when it then spins 0.5 ms, ${label}, ${what}`,
          value: s.boltBusy[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack', ratio: s.boltBusy[stat] / s.bolt[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bot ack (/quorum) against a bare Bolt that also responds, ${label}, ${what}`,
          value: s.bot[stat],
          unit: 'ms',
          compare: {
            against: "bare Bolt ack, when it then calls respond('ok')",
            ratio: s.bot[stat] / s.boltRespondAck[stat],
          },
          goal:
            mode === 'seq' && stat === 'medianMs'
              ? {
                  text: `like with like (both answer after the ack): ≤ ${GOAL_RATIO}`,
                  met: s.bot[stat] / s.boltRespondAck[stat] <= GOAL_RATIO,
                }
              : undefined,
          command: COMMAND,
          note: 'like with like: both do work after the ack',
        },
        {
          bench: 'slack',
          case: `server-side time to ack, node:http bare, ${label}, ${what}`,
          value: s.srvHttp[stat],
          unit: 'ms',
          command: COMMAND,
          note: 'request headers parsed → res.end(), stamped inside the server',
        },
        {
          bench: 'slack',
          case: `server-side time to ack, bare Bolt, ${label}, ${what}`,
          value: s.srvBolt[stat],
          unit: 'ms',
          compare: { against: 'node:http bare, server-side', ratio: s.srvBolt[stat] / s.srvHttp[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `server-side time to ack, bare Bolt with ${EXTRA_LISTENERS} more listeners, ${label}, ${what}`,
          value: s.srvMany[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt, server-side', ratio: s.srvMany[stat] / s.srvBolt[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `server-side time to ack, bot, ${label}, ${what}`,
          value: s.srvBot[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt, server-side', ratio: s.srvBot[stat] / s.srvBolt[stat] },
          goal:
            mode === 'seq' && stat === 'medianMs'
              ? {
                  text: `server-side, bot / bare Bolt ≤ ${GOAL_RATIO}`,
                  met: s.srvBot[stat] / s.srvBolt[stat] <= GOAL_RATIO,
                }
              : undefined,
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bare Bolt ack + respond('ok'), ${label}, ${what}`,
          value: s.boltFull[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack', ratio: s.boltFull[stat] / s.bolt[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bot ack + respond (/quorum reply), SQLite store, ${label}, ${what}`,
          value: s.botFull[stat],
          unit: 'ms',
          compare: { against: "bare Bolt ack + respond('ok')", ratio: s.botFull[stat] / s.boltFull[stat] },
          goal:
            mode === 'seq' && stat === 'medianMs'
              ? {
                  text: `end to end on the default store: ≤ ${GOAL_RATIO}× bare Bolt`,
                  met: s.botFull[stat] / s.boltFull[stat] <= GOAL_RATIO,
                }
              : undefined,
          command: COMMAND,
        },
      );
    }
  }
  return rows;
}
