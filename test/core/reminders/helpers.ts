/** @module Test helpers for reminders: a scheduler on the sample config with a fake clock, mutable sessions and recording doors. */
import { loadConfigFile } from '../../../src/app/load-config.ts';
import type { Config } from '../../../src/core/config.ts';
import { emptyRecord, type Session, type SessionRecord } from '../../../src/core/model.ts';
import type { Logger, Store } from '../../../src/core/ports.ts';
import type { Outgoing } from '../../../src/core/reply.ts';
import type { DoorReport, SendFn } from '../../../src/core/reminders/model.ts';
import {
  createReminderScheduler,
  type ReminderScheduler,
  type SchedulerDeps,
} from '../../../src/core/reminders/scheduler.ts';
import { createFakeClock, type FakeClock } from '../../../src/infra/clock.ts';
import { openStore } from '../../../src/infra/keyv-store.ts';

export const sampleConfig = (): Config => loadConfigFile('config/somme-numerique.yaml');

/** A config without the seminar, so only the reminders a test creates exist. */
export const quietConfig = (): Config => {
  const c = sampleConfig();
  return { ...c, reminders: { graceHours: c.reminders.graceHours } };
};

export function session(date: string, time = '17:30', extra: Partial<Session> = {}): Session {
  return {
    id: date,
    title: 'Comité syndical',
    date,
    time,
    place: 'Salle de réunion de Somme Numérique, Amiens',
    remote: true,
    agenda: [
      { kind: 'procedure', title: 'Constat du quorum' },
      { kind: 'deliberation', title: 'Budget primitif 2027' },
    ],
    origin: 'chat',
    ...extra,
  };
}

export interface SentMessage {
  readonly at: string;
  readonly door: string;
  readonly message: Outgoing;
}

/** A fake door: delivers and records, or fails (Slack answering 500), or cannot reach the recipient. */
export interface FakeDoor {
  readonly name: string;
  behaviour: 'ok' | 'fail' | 'unreachable';
  /** Fails only the first n calls, then delivers. */
  failFirst?: number;
  calls: number;
}

export interface Harness {
  readonly scheduler: ReminderScheduler;
  readonly clock: FakeClock;
  readonly store: Store;
  readonly config: Config;
  readonly sent: SentMessage[];
  readonly doors: FakeDoor[];
  readonly sleeps: number[];
  readonly logs: { level: string; msg: string; data?: Record<string, unknown> }[];
  sessions: Session[];
  records: Map<string, SessionRecord>;
  /** Sets the clock and ticks. */
  tickAt(at: string | Date): ReturnType<ReminderScheduler['tick']>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly now: string;
  readonly config?: Config;
  readonly store?: Store;
  readonly sessions?: Session[];
  readonly doors?: FakeDoor[];
  /** Called when a door is handed a message (to look at the store at that moment). */
  readonly onSend?: (message: Outgoing) => Promise<void> | void;
  /** Keep the store open on close (several schedulers sharing one store). */
  readonly keepStore?: boolean;
  /** Passed to the scheduler as is (claim TTL, door names, owner). */
  readonly scheduler?: Partial<Pick<SchedulerDeps, 'claimTtlMs' | 'doorNames' | 'owner'>>;
  /** Replaces a door's answer (e.g. a send that never returns, as when a process is killed mid-delivery). */
  readonly intercept?: (door: FakeDoor, message: Outgoing) => Promise<void> | void;
}

export const door = (name: string, behaviour: FakeDoor['behaviour'] = 'ok'): FakeDoor => ({
  name,
  behaviour,
  calls: 0,
});

export async function createHarness(opts: HarnessOptions): Promise<Harness> {
  const config = opts.config ?? quietConfig();
  const store = opts.store ?? (await openStore('memory:'));
  const clock = createFakeClock(opts.now);
  const sent: SentMessage[] = [];
  const sleeps: number[] = [];
  const logs: Harness['logs'] = [];
  const logger: Logger = {
    info: (msg, data) => logs.push({ level: 'info', msg, data }),
    warn: (msg, data) => logs.push({ level: 'warn', msg, data }),
    error: (msg, data) => logs.push({ level: 'error', msg, data }),
  };
  const doors = opts.doors ?? [door('console')];
  const send: SendFn = async (message, only) => {
    await opts.onSend?.(message);
    const targets = doors.filter((d) => !only || only.includes(d.name));
    for (const d of targets) await opts.intercept?.(d, message);
    return targets.map((d): DoorReport => {
      d.calls++;
      if (d.failFirst !== undefined && d.failFirst > 0) {
        d.failFirst--;
        return { door: d.name, outcome: 'failed', error: 'HTTP 500' };
      }
      if (d.behaviour === 'fail') return { door: d.name, outcome: 'failed', error: 'HTTP 500' };
      if (d.behaviour === 'unreachable') return { door: d.name, outcome: 'unreachable' };
      sent.push({ at: clock.now().toISOString(), door: d.name, message });
      return { door: d.name, outcome: 'delivered' };
    });
  };
  const h: Harness = {
    config,
    store,
    clock,
    sent,
    doors,
    sleeps,
    logs,
    sessions: opts.sessions ?? [],
    records: new Map(),
    scheduler: undefined as unknown as ReminderScheduler,
    tickAt(at) {
      clock.set(at);
      return h.scheduler.tick();
    },
    async close() {
      await h.scheduler.stop();
      if (!opts.keepStore) await store.close?.();
    },
  };
  (h as { scheduler: ReminderScheduler }).scheduler = createReminderScheduler({
    config,
    store,
    clock,
    logger,
    send,
    sessions: async () => h.sessions,
    record: async (id) => h.records.get(id) ?? emptyRecord,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...opts.scheduler,
  });
  return h;
}

/** Ticks every `stepMs` from `from` to `to` inclusive, as the cron task would, and returns the ticks' reports. */
export async function tickEvery(h: Harness, from: string, to: string, stepMs = 60_000) {
  const reports = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMs) reports.push(await h.tickAt(new Date(t)));
  return reports;
}

/** Messages whose reply title contains the text. */
export const titled = (sent: readonly SentMessage[], part: string) =>
  sent.filter((s) => s.message.reply.title.includes(part));
