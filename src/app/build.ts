/**
 * @module The one place where things are wired: config + store + clock + logger → records, dispatcher,
 * identities, and the hub that hands messages the bot starts itself (outbox, reminders) to every door.
 */
import { commands as allCommands } from '../commands/index.ts';
import type { Actor, Command } from '../core/command.ts';
import type { Config } from '../core/config.ts';
import { allSessions, createDispatcher, type Dispatcher } from '../core/dispatch.ts';
import type { Clock, Logger, Store } from '../core/ports.ts';
import { createRecords, type Records } from '../core/records.ts';
import type { Outgoing, Reply } from '../core/reply.ts';
import type { DoorReport } from '../core/reminders/model.ts';
import { createReminderScheduler, type ReminderScheduler, type SchedulerDeps } from '../core/reminders/scheduler.ts';
import { matchByName } from '../core/text/match.ts';

export type DoorName = 'console' | 'slack' | 'discord';

/** A running door, as the hub sees it: it can deliver a message the bot starts itself. */
export interface Door {
  readonly name: DoorName;
  /**
   * Delivers to the recipient if this door can reach them; resolves false when it cannot (no channel, no id,
   * DMs closed), and throws when the platform fails (HTTP 500, network), so that reminders are retried.
   */
  deliver(message: Outgoing): Promise<boolean>;
  /**
   * The pending request `key` is settled: update the messages this door posted for it (a reply that `opens` it)
   * with `outcome` and without buttons, then forget them. Optional (the console has nothing to update).
   */
  settle?(key: string, outcome: string): Promise<void>;
  stop(): Promise<void>;
}

export interface Seance {
  readonly config: Config;
  readonly records: Records;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: Store;
  /** Maps a platform user to a delegate, staff member or mairie contact; anyone else reads only. */
  actorFor(door: 'slack' | 'discord', userId: string, displayName?: string): Actor;
  /** Resolves a person by name (console `--as`). */
  actorByName(name: string): Actor | undefined;
  addDoor(door: Door): void;
  doors(): readonly Door[];
  /** Hands each outgoing message to every running door (settling first what it `closes`); logs when no door could deliver it. */
  deliver(outbox: readonly Outgoing[] | undefined): Promise<void>;
  /**
   * When the reply `closes` a pending request, has every running door update its copies of the request; a
   * door's failure is logged, never thrown. Doors call it for each reply they run, before delivering its outbox.
   */
  settle(reply: Pick<Reply, 'closes'>): Promise<void>;
  /** Hands one message to every running door (or only the named ones) and reports what each did. */
  deliverReport(message: Outgoing, onlyDoors?: readonly string[]): Promise<DoorReport[]>;
  /** Reminders and convocations; src/infra/ticker.ts calls `reminders.tick()` each minute. */
  readonly reminders: ReminderScheduler;
  stop(): Promise<void>;
}

export interface SeanceDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly commands?: readonly Command[];
  /** Retry timing of reminder deliveries (tests pass a sleep that does not wait). */
  readonly reminders?: Pick<SchedulerDeps, 'sleep' | 'retryDelaysMs'>;
}

export function createSeance(deps: SeanceDeps): Seance {
  const { config, store, clock, logger } = deps;
  const records = createRecords(store, config);
  const doors: Door[] = [];

  function actorFor(door: 'slack' | 'discord', userId: string, displayName?: string): Actor {
    const key = door === 'slack' ? 'slackId' : 'discordId';
    const d = config.roster.find((x) => x[key] === userId);
    if (d) return { name: `${d.civility} ${d.lastName}`, role: d.role, door, delegate: d, userId };
    const p = [...config.staff, ...config.contacts].find((x) => x[key] === userId);
    if (p) return { name: p.name, role: p.role, door, person: p, userId };
    return { name: displayName ? `${displayName} (non identifié)` : `utilisateur ${userId}`, role: 'reader', door, userId };
  }

  function actorByName(name: string): Actor | undefined {
    const people = [
      ...config.roster.map((d) => ({ keys: d.keys, actor: { name: `${d.civility} ${d.lastName}`, role: d.role, door: 'console', delegate: d } as Actor })),
      ...[...config.staff, ...config.contacts].map((p) => ({ keys: [p.name, p.id], actor: { name: p.name, role: p.role, door: 'console', person: p } as Actor })),
    ];
    const m = matchByName(name, people);
    return m.kind === 'found' ? m.item.actor : undefined;
  }

  async function deliverReport(message: Outgoing, onlyDoors?: readonly string[]): Promise<DoorReport[]> {
    const targets = onlyDoors ? doors.filter((d) => onlyDoors.includes(d.name)) : doors;
    return Promise.all(targets.map(async (door): Promise<DoorReport> => {
      try {
        return { door: door.name, outcome: (await door.deliver(message)) ? 'delivered' : 'unreachable' };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        logger.error('delivery failed', { door: door.name, to: message.to.kind, error });
        return { door: door.name, outcome: 'failed', error };
      }
    }));
  }

  async function settle(reply: Pick<Reply, 'closes'>): Promise<void> {
    const closes = reply.closes;
    if (!closes) return;
    await Promise.all(doors.map(async (door) => {
      try {
        await door.settle?.(closes.key, closes.outcome);
      } catch (e) {
        logger.error('settling a request failed', { door: door.name, key: closes.key, error: e instanceof Error ? e.message : String(e) });
      }
    }));
  }

  async function deliver(outbox: readonly Outgoing[] | undefined): Promise<void> {
    for (const message of outbox ?? []) {
      await settle(message.reply);
      const results = await deliverReport(message);
      if (!results.some((r) => r.outcome === 'delivered')) logger.warn('message not delivered by any door', { to: message.to, title: message.reply.title });
    }
  }

  const reminders = createReminderScheduler({
    config, store, clock, logger,
    sessions: () => allSessions(config, records),
    record: (id) => records.record(id),
    send: deliverReport,
    ...deps.reminders,
  });
  const dispatcher = createDispatcher({ config, records, clock, logger, reminders, commands: deps.commands ?? allCommands });

  return {
    config, records, dispatcher, clock, logger, store, actorFor, actorByName, deliver, deliverReport, settle, reminders,
    addDoor: (door) => { doors.push(door); },
    doors: () => doors,
    async stop() {
      await reminders.stop();
      for (const door of doors.splice(0)) await door.stop().catch(() => undefined);
      await store.close?.();
    },
  };
}

export type { Reply };
