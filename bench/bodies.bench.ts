/**
 * @module Several bodies in one process (issue 13): 1,000 bodies (20 in the smoke run), each parsed from
 * its own YAML text (the sample, with its own Slack workspace) as a directory of files would be, one SQLite
 * store (WAL) in a temp dir, one deployment:
 * - RSS of the process once every body is built and caught up, total and per body;
 * - the minute tick of the one ticker when 10 bodies have a reminder due, against a tick of every body (what
 *   one ticker per body, or a ticker that does not skip idle bodies, would pay each minute);
 * - `/quorum` latency routed by workspace (the Slack door's path minus HTTP) with that many bodies, against
 *   the same command in a deployment of one body.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodyConfig } from '../src/app/bodies.ts';
import { createDeployment, type Deployment } from '../src/app/deployment.ts';
import { parseConfig } from '../src/app/load-config.ts';
import type { Logger } from '../src/core/ports.ts';
import { createFakeClock, type FakeClock } from '../src/infra/clock.ts';
import { openStore } from '../src/infra/store/open.ts';
import { elapsedMs, nowNs, summarise } from './lib/measure.ts';
import type { Row, RunOptions } from './lib/result.ts';

const COMMAND = 'npm run bench -- bodies';
const SAMPLE = 'config/somme-numerique.yaml';
const NOW = '2026-11-29T10:00:00Z';
const DUE_BODIES = 10;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const teamOf = (i: number) => `TBENCH${String(i).padStart(5, '0')}`;

function bodies(count: number): BodyConfig[] {
  const yaml = readFileSync(SAMPLE, 'utf8');
  return Array.from({ length: count }, (_, i) => {
    const text = yaml.replace(/^slack:\n/m, `slack:\n  team: ${teamOf(i)}\n`);
    return { id: `organe-${i}`, config: parseConfig(text, `bench/organe-${i}.yaml`) };
  });
}

async function deploymentOf(count: number, dir: string, clock: FakeClock): Promise<Deployment> {
  const store = await openStore(`sqlite://${join(dir, `seance-${count}.sqlite`)}`);
  const deployment = createDeployment({
    bodies: bodies(count),
    store,
    clock,
    logger: quiet,
    reminders: { sleep: async () => undefined },
    skipIdle: true,
  });
  // A door that takes every message, shared by all bodies (each gets its own view).
  deployment.addDoor({ name: 'bench', deliver: async () => true, stop: async () => undefined });
  return deployment;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => bytes / 1024 / 1024;

async function quorumLatency(deployment: Deployment, count: number, samples: number): Promise<number> {
  const host = deployment.hostFor('slack');
  const times: number[] = [];
  for (let k = 0; k < samples; k++) {
    const routed = host.route!({ space: teamOf((k * 7919) % count), account: 'U0SECRET01' });
    if (!routed.host) throw new Error('bodies bench: a mapped workspace was refused');
    const t = nowNs();
    const reply = await routed.host.run({
      actor: routed.host.actorFor('U0SECRET01'),
      input: '/quorum 2024-10-07',
      answer: async () => undefined,
    });
    times.push(elapsedMs(t));
    if (reply.tone === 'error') throw new Error(`bodies bench: /quorum failed: ${reply.title}`);
  }
  return summarise(times).medianMs;
}

export async function run(opts: RunOptions): Promise<Row[]> {
  const count = opts.quick ? 20 : 1_000;
  const samples = opts.quick ? 10 : 300;
  const dir = mkdtempSync(join(tmpdir(), 'seance-bench-bodies-'));
  const label = count.toLocaleString('en-US');
  try {
    gc();
    const rssBefore = process.memoryUsage().rss;
    const clock = createFakeClock(NOW);
    let t = nowNs();
    const deployment = await deploymentOf(count, dir, clock);
    const buildMs = elapsedMs(t);
    t = nowNs();
    const caughtUp = await deployment.reminders.start(); // every body once: what each minute would cost without skipping
    const everyBodyMs = elapsedMs(t);
    if (caughtUp.ticked !== count) throw new Error(`bodies bench: ${caughtUp.ticked} of ${count} bodies ticked`);
    gc();
    const rss = process.memoryUsage().rss;

    // 10 bodies get a reminder due in two minutes (through their commands, as a secretary would).
    for (let i = 0; i < DUE_BODIES; i++) {
      const b = deployment.bodies[(i * 97) % count]!;
      const reply = await b.bot.run({
        actor: { name: 'Bench', role: 'secretary', door: 'bench' },
        input: '/rappel ajouter 2026-11-29 11:02 secretariat Relancer les pouvoirs',
        answer: async () => undefined,
      });
      if (reply.tone === 'error') throw new Error(`bodies bench: ${reply.title}`);
    }
    clock.advance(60_000);
    await deployment.reminders.tick(); // the changed bodies are looked at once
    clock.set('2026-11-29T10:02:00Z'); // 11:02 in Paris
    t = nowNs();
    const minute = await deployment.reminders.tick();
    const minuteMs = elapsedMs(t);
    const sent = [...minute.reports.values()].reduce((n, r) => n + r.sent.length, 0);
    if (sent !== DUE_BODIES) throw new Error(`bodies bench: ${sent} reminders sent, ${DUE_BODIES} expected`);

    const quorumMs = await quorumLatency(deployment, count, samples);
    await deployment.stop();

    const one = await deploymentOf(1, dir, createFakeClock(NOW));
    const quorumOneMs = await quorumLatency(one, 1, samples);
    await one.stop();

    const rssMb = mb(rss);
    return [
      {
        bench: 'bodies',
        case: `RSS with ${label} bodies built and caught up`,
        value: rssMb,
        unit: 'MB',
        command: COMMAND,
        note: `${(((rss - rssBefore) / count) * 1e-3).toFixed(0)} kB per body over the ${mb(rssBefore).toFixed(0)} MB before; built in ${(buildMs / 1000).toFixed(1)} s (each body's YAML parsed)`,
      },
      {
        bench: 'bodies',
        case: `minute tick, ${label} bodies, ${DUE_BODIES} with a reminder due`,
        value: minuteMs,
        unit: 'ms',
        compare: { against: `a tick of every body (${label})`, ratio: minuteMs / everyBodyMs },
        command: COMMAND,
        note: `${minute.ticked} bodies ticked, ${sent} reminders sent; every body: ${everyBodyMs.toFixed(0)} ms`,
      },
      {
        bench: 'bodies',
        case: `/quorum routed by workspace, ${label} bodies (median)`,
        value: quorumMs,
        unit: 'ms',
        compare: { against: '/quorum in a deployment of one body', ratio: quorumMs / quorumOneMs },
        command: COMMAND,
        note: `${samples} calls over the bodies; one body: ${quorumOneMs.toFixed(2)} ms`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
