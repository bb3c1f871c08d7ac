/**
 * @module CPU profile of a door's server process under the benchmark's load: starts the Slack or Discord bench
 * child (bench/servers) with `--cpu-prof`, sends it sequential /quorum requests as the bench does, stops it
 * (the profile is written on exit), then summarise with bench/lib/profile-summary.ts:
 *   npx tsx bench/profile-door.ts slack bot 3000 /tmp/prof-slack
 *   PROFILE_FROM_US=<printed> PROFILE_PER=3000 npx tsx bench/lib/profile-summary.ts /tmp/prof-slack/<file> 30
 * Arguments: the door (slack | discord), the child's kind (bot, bare, ..., for Slack `bolt:MODE`, see
 * bench/servers/slack-app.ts), the count, the profile folder (`-`: no profile), and for Slack the command's text.
 * A warm-up of 500 requests comes first; the time printed is when the measured requests start (the profile's clock).
 */
import http from 'node:http';
import { SLACK_ENDPOINT } from '../src/adapters/slack/slack-door.ts';
import { startFakeDiscord } from '../test/helpers/fake-discord.ts';
import { postSlashCommand, startFakeSlack } from '../test/helpers/fake-slack.ts';
import { cpuDuring, startChild, type Child } from './lib/child.ts';
import { elapsedMs, nowNs, summarise } from './lib/measure.ts';
import { startResponseSink } from './lib/response-sink.ts';

const [door = 'slack', kind = 'bot', countText = '3000', dir = `/tmp/prof-${door}`, text = ''] = process.argv.slice(2);
const count = Number(countText);
const WARMUP = 500;
/** `-` as the folder: no profile, only the child's CPU time per request and the median latency. */
const execArgv = dir === '-' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100'];
let fromUs = 0;
/** Runs the warm-up, stamps the start of the measured requests, runs them. */
async function drive(child: Child, one: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await one(i);
  fromUs = Math.round(Number(process.hrtime.bigint()) / 1000);
  const times: number[] = [];
  const cpuUs = await cpuDuring(child, async () => {
    for (let i = 0; i < count; i++) {
      const t0 = nowNs();
      await one(WARMUP + i);
      times.push(elapsedMs(t0));
    }
  });
  const { medianMs } = summarise(times);
  process.stdout.write(`${kind}: ${(cpuUs / count).toFixed(0)} µs CPU per request, median ${medianMs.toFixed(3)} ms\n`);
}

async function slack(): Promise<void> {
  const fake = await startFakeSlack();
  const sink = await startResponseSink();
  const secret = 'bench-signing-secret-0123456789';
  const env = {
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: 'xoxb-0000-bench',
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
  };
  const child = await startChild('bench/servers/slack-app.ts', kind.split(':'), { env, execArgv });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = `http://127.0.0.1:${child.ready.port}${SLACK_ENDPOINT}`;
  await drive(child, async (i) => {
    const input = {
      command: '/quorum',
      text,
      user_id: 'U0PAYEN001',
      user_name: 'payen',
      response_url: sink.url(`p${i}`),
    };
    const res = await postSlashCommand(url, secret, input, { agent });
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
  });
  agent.destroy();
  await child.stop();
  await sink.close();
  await fake.close();
}

async function discord(): Promise<void> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 30_000 });
  const env = {
    DISCORD_TOKEN: 'bench.discord.token',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  };
  const child = await startChild('bench/servers/discord-app.ts', [kind], { env, execArgv });
  let done: (() => void) | undefined;
  fake.events.on('request', (r: { path: string }) => {
    if (r.path.startsWith('/interactions/')) done?.();
  });
  await drive(child, async () => {
    const answered = new Promise<void>((resolve) => {
      done = resolve;
    });
    fake.sendCommand({ name: 'quorum', userId: '300000000000000003', username: 'payen' });
    await answered;
  });
  await child.stop();
  await fake.close();
}

await (door === 'discord' ? discord() : slack());
process.stdout.write(`${count} ${door} requests to ${kind}; profile in ${dir}; PROFILE_FROM_US=${fromUs}\n`);
