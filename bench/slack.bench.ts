/**
 * @module Slack end to end: signed slash commands over keep-alive HTTP on 127.0.0.1 to the bot's real Bolt
 * door (`startSlackDoor`, `/quorum` on the sample config, default SQLite store with the record stored), in a
 * child process; in the same run, in the same way, bare Bolt apps (bench/servers/slack-app.ts) and a bare
 * `node:http` server. Targets are measured in interleaved rounds so machine noise hits them alike.
 * The bot acks a command with its answer once the command is done and stored (issue 17; past 1.5 s it acks
 * empty and answers through response_url): the ack *is* the reply the user receives. So the goal compares it
 * with a bare Bolt app acking with the same message (the bot's /quorum answer, rendered once at start): the
 * same one HTTP exchange carrying the same bytes; the difference is the per-command work. Two more bare apps
 * add that work step by step (/quorum run through the dispatcher on the same store, then also rendered to
 * Block Kit), so the CPU rows say what is the core's and what is the door's own. A bare app that acks empty
 * then calls `respond('ok')` (two exchanges, what the bot did before issue 17) is reported for reference.
 * - "ack" is the HTTP response time of the slash command (what Slack waits for, 3 s at most);
 * - "ack + respond" is the time until the reply reaches the `response_url` sink.
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
    const specs: [string, string[], boolean][] = [
      ['node:http', ['http'], false],
      ['bare Bolt (ack)', ['bolt', 'ack'], false],
      ['bare Bolt (ack + respond)', ['bolt', 'respond'], true],
      ['bare Bolt (ack with the same answer)', ['bolt', 'reply'], false],
      ['bare Bolt (same answer + /quorum run)', ['bolt', 'run'], false],
      ['bare Bolt (same answer + /quorum run + rendered)', ['bolt', 'render'], false],
      ['bot', ['bot'], true],
    ];
    const started = await Promise.allSettled(
      specs.map(([, args]) => startChild('bench/servers/slack-app.ts', args, { env })),
    );
    for (const r of started) if (r.status === 'fulfilled') children.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    specs.forEach(([name, , responds], i) => targets.push(make(name, children[i]!, '', responds)));
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

  const [plain, boltAck, boltRespond, boltReply, boltRun, boltRender, bot] = targets as [
    Target,
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
  const cpuRow = (t: Target, what: string, against: Target, againstName: string, note?: string): Row => ({
    bench: 'slack',
    case: `server CPU per slash command, ${what}`,
    value: cpuPer(t),
    unit: 'µs',
    compare: { against: againstName, ratio: cpuPer(t) / cpuPer(against) },
    command: COMMAND,
    ...(note ? { note } : {}),
  });
  rows.push(
    {
      bench: 'slack',
      case: 'server CPU per slash command, bare Bolt (ack)',
      value: cpuPer(boltAck),
      unit: 'µs',
      command: COMMAND,
      note: 'CPU time of the server process over the sequential phases ÷ requests; insensitive to other load',
    },
    cpuRow(boltRespond, "bare Bolt (ack + respond('ok'))", boltAck, 'bare Bolt (ack)'),
    cpuRow(boltReply, "bare Bolt acking with the bot's /quorum answer (rendered once)", boltAck, 'bare Bolt (ack)'),
    cpuRow(
      boltRun,
      'same + /quorum run through the dispatcher (SQLite, record stored)',
      boltReply,
      'bare Bolt, same answer',
      'the core and the store: what the command itself costs in place',
    ),
    cpuRow(
      boltRender,
      'same + the reply rendered (slackMessagesOf)',
      boltReply,
      'bare Bolt, same answer',
      "then only the door's own steps separate it from the bot",
    ),
    cpuRow(bot, 'bot (/quorum, answer in the ack)', boltReply, 'bare Bolt, same answer'),
  );
  for (const mode of ['seq', 'conc'] as const) {
    const label = mode === 'seq' ? 'sequential' : '8 at a time';
    const s = {
      http: summarise(plain.ack[mode]),
      bolt: summarise(boltAck.ack[mode]),
      boltReply: summarise(boltReply.ack[mode]),
      bot: summarise(bot.full[mode]),
      srvHttp: summarise(plain.serverAck[mode]),
      srvBolt: summarise(boltAck.serverAck[mode]),
      srvReply: summarise(boltReply.serverAck[mode]),
      srvBot: summarise(bot.serverAck[mode]),
      boltFull: summarise(boltRespond.full[mode]),
    };
    const goal = (text: string, ratio: number, stat: string) =>
      mode === 'seq' && stat === 'medianMs' ? { text, met: ratio <= GOAL_RATIO } : undefined;
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
          case: `bare Bolt ack (empty), ${label}, ${what}`,
          value: s.bolt[stat],
          unit: 'ms',
          compare: { against: 'node:http bare', ratio: s.bolt[stat] / s.http[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bare Bolt acking with the bot's /quorum answer (rendered once), ${label}, ${what}`,
          value: s.boltReply[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack (empty)', ratio: s.boltReply[stat] / s.bolt[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `bot ack carrying the /quorum reply, SQLite store, ${label}, ${what}`,
          value: s.bot[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt acking with the same answer', ratio: s.bot[stat] / s.boltReply[stat] },
          goal: goal(
            `end to end on the default store: ≤ ${GOAL_RATIO}× bare Bolt`,
            s.bot[stat] / s.boltReply[stat],
            stat,
          ),
          command: COMMAND,
          note: 'the reply the user receives: the bot acks with it; the bare app acks with the same message, no work',
        },
        {
          bench: 'slack',
          case: `bare Bolt ack + respond('ok'), ${label}, ${what}`,
          value: s.boltFull[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt ack (empty)', ratio: s.boltFull[stat] / s.bolt[stat] },
          command: COMMAND,
          note: 'two exchanges: an empty ack, then a post to response_url (what the bot did before it acked with its answer)',
        },
        {
          bench: 'slack',
          case: `bot ack carrying the /quorum reply against bare Bolt ack + respond('ok'), ${label}, ${what}`,
          value: s.bot[stat],
          unit: 'ms',
          compare: { against: "bare Bolt ack + respond('ok')", ratio: s.bot[stat] / s.boltFull[stat] },
          command: COMMAND,
          note: 'not like with like: the bot makes one exchange, the bare app two',
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
          case: `server-side time to ack, bare Bolt (empty), ${label}, ${what}`,
          value: s.srvBolt[stat],
          unit: 'ms',
          compare: { against: 'node:http bare, server-side', ratio: s.srvBolt[stat] / s.srvHttp[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `server-side time to ack, bare Bolt with the same answer, ${label}, ${what}`,
          value: s.srvReply[stat],
          unit: 'ms',
          compare: { against: 'bare Bolt (empty), server-side', ratio: s.srvReply[stat] / s.srvBolt[stat] },
          command: COMMAND,
        },
        {
          bench: 'slack',
          case: `server-side time to ack, bot (answer in the ack), ${label}, ${what}`,
          value: s.srvBot[stat],
          unit: 'ms',
          compare: {
            against: 'bare Bolt with the same answer, server-side',
            ratio: s.srvBot[stat] / s.srvReply[stat],
          },
          goal: goal(`server-side, bot / bare Bolt ≤ ${GOAL_RATIO}`, s.srvBot[stat] / s.srvReply[stat], stat),
          command: COMMAND,
        },
      );
    }
  }
  return rows;
}
