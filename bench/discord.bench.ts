/**
 * @module Discord end to end: INTERACTION_CREATE sent on a fake gateway → the interaction callback received
 * by the fake REST API, through the bot's real door (`startDiscordDoor`, `/quorum` on the sample config) and
 * through a bare discord.js client that replies "ok" (and the same client replying with the bot's /quorum
 * message rendered once, to separate the per-command work from the size of the answer), each in a child process with its own instance of the
 * same fake (test/helpers/fake-discord.ts), measured in interleaved rounds, sequentially and 8 at a time. The bot
 * runs on the memory store for the goal row (as in every earlier run), and again on the default SQLite store.
 */
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../test/helpers/fake-discord.ts';
import { cpuDuring, startChild, type Child } from './lib/child.ts';
import { elapsedMs, nowNs, summarise } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- discord';
/** M. PAYEN in the sample roster. */
const USER_ID = '300000000000000003';
export const GOAL_RATIO = 1.15;

interface Target {
  readonly name: string;
  readonly fake: FakeDiscord;
  readonly child: Child;
  readonly waiting: Map<string, () => void>;
  readonly seq: number[];
  readonly conc: number[];
  /** CPU time the client process spent in recorded sequential phases (µs), and their interaction count. */
  cpu: { us: number; requests: number };
}

async function startTarget(
  name: string,
  kind: 'bot' | 'bot-sqlite' | 'bare' | 'embed' | 'run' | 'render',
): Promise<Target> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 30_000 });
  const waiting = new Map<string, () => void>();
  fake.events.on('request', (r: RecordedRequest) => {
    const m = /^\/interactions\/(\d+)\//.exec(r.path);
    if (!m) return;
    const done = waiting.get(m[1]!);
    if (done) {
      waiting.delete(m[1]!);
      done();
    }
  });
  const env = {
    DISCORD_TOKEN: 'bench.discord.token',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  };
  try {
    const child = await startChild('bench/servers/discord-app.ts', [kind], { env });
    return { name, fake, child, waiting, seq: [], conc: [], cpu: { us: 0, requests: 0 } };
  } catch (e) {
    await fake.close();
    throw e;
  }
}

function one(t: Target, timeoutMs = 10_000): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let id = '';
    const timer = setTimeout(() => {
      t.waiting.delete(id);
      reject(new Error(`discord bench: ${t.name}: no callback for interaction ${id} within ${timeoutMs} ms`));
    }, timeoutMs);
    const t0 = nowNs();
    // The fake dispatches synchronously inside sendCommand; register under the id it returns (the callback
    // cannot arrive before this function returns: it needs the event loop).
    const sent = t.fake.sendCommand({ name: 'quorum', userId: USER_ID, username: 'payen' });
    id = sent.id;
    t.waiting.set(id, () => {
      clearTimeout(timer);
      resolve(elapsedMs(t0));
    });
  });
}

async function phase(t: Target, count: number, concurrency: number, record: boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const ms = await one(t);
      if (record) (concurrency === 1 ? t.seq : t.conc).push(ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const rounds = opts.quick ? 1 : 3;
  const perRound = opts.quick ? 10 : 200;
  const warmup = opts.quick ? 5 : 100;
  const targets: Target[] = [];
  try {
    targets.push(
      ...(await Promise.all([
        startTarget('bare discord.js', 'bare'),
        startTarget('bare discord.js, same embed', 'embed'),
        startTarget('bot', 'bot'),
        startTarget('same embed + the core', 'run'),
        startTarget('same embed + the core + rendering', 'render'),
        startTarget('bot on SQLite', 'bot-sqlite'),
      ])),
    );
    for (const t of targets) {
      await phase(t, warmup, 1, false);
      await phase(t, warmup, 8, false);
    }
    for (let r = 0; r < rounds; r++) {
      for (const t of targets) {
        t.cpu.us += await cpuDuring(t.child, () => phase(t, perRound, 1, true));
        t.cpu.requests += perRound;
        await phase(t, perRound, 8, true);
      }
    }
  } finally {
    for (const t of targets) {
      await t.child.stop();
      await t.fake.close();
    }
  }
  const [bare, embed, bot, withCore, withRender, botSqlite] = targets as [
    Target,
    Target,
    Target,
    Target,
    Target,
    Target,
  ];
  const cpuPer = (t: Target) => t.cpu.us / Math.max(1, t.cpu.requests);
  const rows: Row[] = [
    {
      bench: 'discord',
      case: "client CPU per interaction, bare discord.js reply('ok')",
      value: cpuPer(bare),
      unit: 'µs',
      command: COMMAND,
      note: 'CPU time of the client process over the sequential phases ÷ interactions; insensitive to other load',
    },
    {
      bench: 'discord',
      case: 'client CPU per interaction, bare discord.js, same embed',
      value: cpuPer(embed),
      unit: 'µs',
      compare: { against: "bare discord.js reply('ok')", ratio: cpuPer(embed) / cpuPer(bare) },
      command: COMMAND,
    },
    {
      bench: 'discord',
      case: 'client CPU per interaction, same embed + /quorum run through the dispatcher',
      value: cpuPer(withCore),
      unit: 'µs',
      compare: { against: 'bare discord.js, same embed', ratio: cpuPer(withCore) / cpuPer(embed) },
      command: COMMAND,
    },
    {
      bench: 'discord',
      case: 'client CPU per interaction, same + the reply rendered (replyToDiscord)',
      value: cpuPer(withRender),
      unit: 'µs',
      compare: { against: 'bare discord.js, same embed', ratio: cpuPer(withRender) / cpuPer(embed) },
      command: COMMAND,
      note: "then only the door's own steps separate it from the bot",
    },
    {
      bench: 'discord',
      case: 'client CPU per interaction, bot (/quorum)',
      value: cpuPer(bot),
      unit: 'µs',
      compare: { against: "bare discord.js reply('ok')", ratio: cpuPer(bot) / cpuPer(bare) },
      command: COMMAND,
    },
    {
      bench: 'discord',
      case: 'client CPU per interaction, bot (/quorum), SQLite store',
      value: cpuPer(botSqlite),
      unit: 'µs',
      compare: { against: 'bot, memory store', ratio: cpuPer(botSqlite) / cpuPer(bot) },
      command: COMMAND,
      note: 'the default store, the record stored; each interaction is also claimed there (a write)',
    },
  ];
  for (const mode of ['seq', 'conc'] as const) {
    const label = mode === 'seq' ? 'sequential' : '8 at a time';
    const b = summarise(bare[mode]);
    const e = summarise(embed[mode]);
    const s = summarise(bot[mode]);
    const q = summarise(botSqlite[mode]);
    for (const stat of ['medianMs', 'p99Ms'] as const) {
      const what = stat === 'medianMs' ? 'median' : 'p99';
      rows.push(
        {
          bench: 'discord',
          case: `bare discord.js reply('ok'), ${label}, ${what}`,
          value: b[stat],
          unit: 'ms',
          command: COMMAND,
          note: `${b.n} interactions, INTERACTION_CREATE → callback`,
        },
        {
          bench: 'discord',
          case: `bot (/quorum), ${label}, ${what}`,
          value: s[stat],
          unit: 'ms',
          compare: { against: 'bare discord.js', ratio: s[stat] / b[stat] },
          goal:
            mode === 'seq' && stat === 'medianMs'
              ? { text: `bot / bare discord.js ≤ ${GOAL_RATIO}`, met: s[stat] / b[stat] <= GOAL_RATIO }
              : undefined,
          command: COMMAND,
        },
        {
          bench: 'discord',
          case: `bot (/quorum) on the default SQLite store, ${label}, ${what}`,
          value: q[stat],
          unit: 'ms',
          compare: { against: 'bare discord.js', ratio: q[stat] / b[stat] },
          command: COMMAND,
          note: 'the goal row above runs the bot on the memory store, as every run of this bench did',
        },
        {
          bench: 'discord',
          case: `bare discord.js replying with the bot's /quorum embed (rendered once), ${label}, ${what}`,
          value: e[stat],
          unit: 'ms',
          compare: { against: "bare discord.js reply('ok')", ratio: e[stat] / b[stat] },
          command: COMMAND,
        },
        {
          bench: 'discord',
          case: `bot (/quorum) against the bare client sending the same embed, ${label}, ${what}`,
          value: s[stat],
          unit: 'ms',
          compare: { against: 'bare discord.js, same embed', ratio: s[stat] / e[stat] },
          command: COMMAND,
          note: 'the difference is the per-command work: core, rendering, the door',
        },
      );
    }
  }
  return rows;
}
