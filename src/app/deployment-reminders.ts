/**
 * @module The reminders of every body on one ticker. With many bodies the minute's work follows what is
 * due, not the number of bodies: each body's tick reports when it next has something to do (`nextMs`), and
 * the body is skipped until then, unless a command ran on it (here, or in a process that does not send
 * reminders, which leaves a mark in the store) — a command is the only thing that changes what is due. A
 * body is looked at again at least every `recheckMs` anyway (another replica's change, a lost mark).
 */
import type { Clock, Logger, Store } from '../core/ports.ts';
import type { TickReport } from '../core/reminders/scheduler.ts';
import type { Bot } from './build.ts';

/** Bodies whose reminders changed in a process that does not send them (the console beside a server). */
export const CHANGED_KEY = 'reminders:changed-bodies';
/** Marks kept; a reader that missed more than this many looks at every body. */
const MAX_MARKS = 500;
export const DEFAULT_RECHECK_MS = 6 * 3_600_000;
/** Bodies ticked at once (store round trips overlap; the doors are shared). */
const PARALLEL = 8;

interface Marks {
  readonly seq: number;
  readonly bodies: readonly string[];
}

export interface DeploymentReminders {
  /** One minute for every body that has something due (or changed); errors are logged per body. */
  tick(): Promise<DeploymentTick>;
  /** The catch-up on start: every body once. */
  start(): Promise<DeploymentTick>;
  /** A command ran on this body: look at it on the next tick. */
  changed(bodyId: string): void;
  /** In a process that does not send reminders: leave a mark that the sending processes read. */
  announce(bodyId: string): Promise<void>;
  stop(): Promise<void>;
}

export interface DeploymentTick {
  /** The bodies whose scheduler ran. */
  readonly ticked: number;
  readonly reports: ReadonlyMap<string, TickReport>;
}

export interface DeploymentRemindersDeps {
  readonly bodies: readonly { readonly id: string; readonly bot: Pick<Bot, 'reminders'> }[];
  readonly clock: Clock;
  readonly logger: Logger;
  /** The deployment's own scope (marks of changes made by non-sending processes). */
  readonly store: Store;
  /** False: every body every minute (one body: as before). */
  readonly skipIdle: boolean;
  readonly recheckMs?: number;
}

export function createDeploymentReminders(deps: DeploymentRemindersDeps): DeploymentReminders {
  const { clock, logger, store } = deps;
  const recheckMs = deps.recheckMs ?? DEFAULT_RECHECK_MS;
  /** When each body next needs a tick (absent: at the next one). */
  const next = new Map<string, number>();
  let seenMarks: number | undefined;
  let running: Promise<DeploymentTick> = Promise.resolve({ ticked: 0, reports: new Map() });
  let stopped = false;

  async function readMarks(): Promise<void> {
    let marks: Marks | undefined;
    try {
      marks = await store.get<Marks>(CHANGED_KEY);
    } catch {
      return; // already logged by the store; the recheck still covers it
    }
    if (!marks) {
      seenMarks ??= 0; // none yet: the first mark will be news
      return;
    }
    if (seenMarks !== undefined && marks.seq !== seenMarks) {
      const missed = marks.seq - seenMarks;
      if (missed > marks.bodies.length) next.clear();
      else for (const id of marks.bodies.slice(-missed)) next.delete(id);
    }
    seenMarks = marks.seq;
  }

  async function run(ids: readonly string[]): Promise<DeploymentTick> {
    const reports = new Map<string, TickReport>();
    const bots = new Map(deps.bodies.map((b) => [b.id, b.bot]));
    let i = 0;
    const worker = async () => {
      while (i < ids.length && !stopped) {
        const id = ids[i++]!;
        const nowMs = clock.now().getTime();
        try {
          const report = await bots.get(id)!.reminders.tick();
          reports.set(id, report);
          next.set(id, Math.min(report.nextMs ?? Number.POSITIVE_INFINITY, nowMs + recheckMs));
        } catch (e) {
          next.delete(id); // tried again next minute
          logger.error('reminder tick failed', { body: id, error: e instanceof Error ? e.message : String(e) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
    return { ticked: reports.size, reports };
  }

  const tick = () => {
    running = running.then(async () => {
      if (stopped) return { ticked: 0, reports: new Map() };
      if (!deps.skipIdle) return run(deps.bodies.map((b) => b.id));
      await readMarks();
      const nowMs = clock.now().getTime();
      return run(deps.bodies.filter((b) => (next.get(b.id) ?? 0) <= nowMs).map((b) => b.id));
    });
    return running;
  };

  return {
    tick,
    start: () => {
      next.clear();
      return tick();
    },
    changed: (id) => {
      next.delete(id);
    },
    async announce(id) {
      await store.update<Marks>(CHANGED_KEY, (current) => {
        const seq = (current?.value.seq ?? 0) + 1;
        return { value: { seq, bodies: [...(current?.value.bodies ?? []), id].slice(-MAX_MARKS) } };
      });
    },
    async stop() {
      stopped = true;
      await running.catch(() => undefined);
    },
  };
}
