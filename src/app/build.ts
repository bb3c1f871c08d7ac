/**
 * @module The one place where things are wired: config + store + clock + logger → records, dispatcher, the
 * reminder scheduler, and the hub (`Bot`) that runs each door's turns through the pipeline (turn.ts) and hands
 * the messages the bot starts itself (outbox, reminders) to every running door.
 */
import { commands as allCommands } from '../commands/index.ts';
import type { Actor, Command } from '../core/command.ts';
import type { Config } from '../core/config.ts';
import type { Door, DoorHost, DoorName, Turn } from '../core/door.ts';
import { createDispatcher, type Dispatcher } from '../core/dispatch.ts';
import type { Clock, Logger, Store } from '../core/ports.ts';
import { createRecords, type Records } from '../core/records.ts';
import type { Outgoing, Reply } from '../core/reply.ts';
import type { DoorReport } from '../core/reminders/model.ts';
import { createReminderScheduler, type ReminderScheduler, type SchedulerDeps } from '../core/reminders/scheduler.ts';
import { sleep } from '../infra/clock.ts';
import { accountOfDelegate, actorByName, actorForAccount } from './accounts.ts';
import { runTurn } from './turn.ts';
import { recordBotSending } from '../core/sessions/convocation-sending.ts';

export type { Door, DoorName };

/** The bot: one body's records and commands, and the doors it runs on. */
export interface Bot {
  readonly config: Config;
  readonly records: Records;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: Store;
  /** What the bot offers the door `door` (its turns, its accounts), handed to the door when it starts. */
  hostFor(door: DoorName): DoorHost;
  /** Runs one command turn through the pipeline (see turn.ts). */
  run(turn: Turn): Promise<Reply>;
  /** Maps an account of a door to a delegate, staff member or mairie contact; anyone else reads only. */
  actorFor(door: DoorName, accountId: string, displayName?: string): Actor;
  /** Resolves a person by name (console `--as`). */
  actorByName(name: string): Actor | undefined;
  addDoor(door: Door): void;
  doors(): readonly Door[];
  /** Hands each outgoing message to every running door (settling first what it `closes`); logs when no door could deliver it. */
  deliver(outbox: readonly Outgoing[] | undefined): Promise<void>;
  /**
   * When the reply `closes` a pending request, or `updates` a posted message (the live message), has every running
   * door edit its copies; a door's failure is logged.
   */
  settle(reply: Pick<Reply, 'closes' | 'updates'>): Promise<void>;
  /** Hands one message to every running door (or only the named ones) and reports what each did. */
  deliverReport(message: Outgoing, onlyDoors?: readonly string[]): Promise<DoorReport[]>;
  /** Reminders and convocations; src/infra/ticker.ts calls `reminders.tick()` each minute. */
  readonly reminders: ReminderScheduler;
  stop(): Promise<void>;
}

export interface BotDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly commands?: readonly Command[];
  /** Retry timing of reminder deliveries (tests pass a sleep that does not wait), claim expiry, claimant. */
  readonly reminders?: Partial<Pick<SchedulerDeps, 'sleep' | 'retryDelaysMs' | 'claimTtlMs' | 'owner'>>;
  /** Told after each turn (its command may have changed what is due: a deployment ticks this body again). */
  readonly onTurn?: () => void | Promise<void>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createBot(deps: BotDeps): Bot {
  const { config, store, clock, logger } = deps;
  const records = createRecords(store, config);
  const doors: Door[] = [];

  async function deliverReport(sent: Outgoing, onlyDoors?: readonly string[]): Promise<DoorReport[]> {
    const targets = onlyDoors ? doors.filter((d) => onlyDoors.includes(d.name)) : doors;
    // Buttons of a message the bot starts (a convocation's answers) carry the version of what they decide.
    const message = { ...sent, reply: await dispatcher.stamp(sent.reply) };
    return Promise.all(
      targets.map(async (door): Promise<DoorReport> => {
        try {
          return { door: door.name, outcome: (await door.deliver(message)) ? 'delivered' : 'unreachable' };
        } catch (e) {
          const error = errorText(e);
          logger.error('delivery failed', { door: door.name, to: message.to.kind, error });
          return { door: door.name, outcome: 'failed', error };
        }
      }),
    );
  }

  /**
   * Edits of one posted message run one after the other in this process: two votes clicked at once, or a vote and
   * the closing of its ballot, would otherwise both take the remembered copy and one edit would find none.
   */
  const editQueues = new Map<string, Promise<void>>();
  function inOrder(key: string, work: () => Promise<void>): Promise<void> {
    const next = (editQueues.get(key) ?? Promise.resolve())
      .then(work)
      .catch((e: unknown) => logger.error('editing a posted message failed', { key, error: errorText(e) }));
    editQueues.set(key, next);
    void next.finally(() => {
      if (editQueues.get(key) === next) editQueues.delete(key);
    });
    return next;
  }

  async function settle(reply: Pick<Reply, 'closes' | 'updates'>): Promise<void> {
    for (const update of reply.updates ?? []) {
      await inOrder(update.key, () =>
        Promise.all(
          doors.map(async (door) => {
            try {
              await door.update?.(update.key, update.reply);
            } catch (e) {
              logger.error('updating a message failed', { door: door.name, key: update.key, error: errorText(e) });
            }
          }),
        ).then(() => undefined),
      );
    }
    const closes = reply.closes;
    if (!closes) return;
    await inOrder(closes.key, () =>
      Promise.all(
        doors.map(async (door) => {
          try {
            await door.settle?.(closes.key, closes.outcome);
          } catch (e) {
            logger.error('settling a request failed', { door: door.name, key: closes.key, error: errorText(e) });
          }
        }),
      ).then(() => undefined),
    );
  }

  async function deliver(outbox: readonly Outgoing[] | undefined): Promise<void> {
    for (const message of outbox ?? []) {
      await settle(message.reply);
      const results = await deliverReport(message);
      if (!results.some((r) => r.outcome === 'delivered'))
        logger.warn('message not delivered by any door', { to: message.to, title: message.reply.title });
    }
  }

  const reminders = createReminderScheduler({
    config,
    store,
    clock,
    logger,
    sessions: (fromDate) => records.sessions(fromDate),
    record: (id) => records.record(id),
    send: deliverReport,
    // Each door is sent to alone and its answer recorded at once: a retry re-sends only to the doors that did not get it.
    doorNames: () => doors.map((d) => d.name),
    sleep,
    // A convocation the bot sent is recorded on its session (date, doors, delegates reached): it becomes convoquée.
    onSent: (r, outcome, at) => recordBotSending(records, config, r, outcome, at),
    ...deps.reminders,
  });
  const dispatcher = createDispatcher({
    config,
    records,
    clock,
    logger,
    reminders,
    commands: deps.commands ?? allCommands,
  });
  const run = async (turn: Turn) => {
    try {
      return await runTurn({ dispatcher, settle, deliver }, turn);
    } finally {
      await deps.onTurn?.();
    }
  };

  return {
    config,
    records,
    dispatcher,
    clock,
    logger,
    store,
    deliver,
    deliverReport,
    settle,
    reminders,
    run,
    actorFor: (door, accountId, displayName) => actorForAccount(config, door, accountId, displayName),
    actorByName: (name) => actorByName(config, name),
    hostFor: (door) => ({
      commands: dispatcher.commands,
      logger,
      store,
      run,
      context: (actor) => dispatcher.context(actor),
      actorFor: (accountId, displayName) => actorForAccount(config, door, accountId, displayName),
      accountOf: (personId) => accountOfDelegate(config, door, personId),
    }),
    addDoor: (door) => {
      doors.push(door);
    },
    doors: () => doors,
    async stop() {
      await reminders.stop();
      for (const door of doors.splice(0)) await door.stop().catch(() => undefined);
      await store.close?.();
    },
  };
}

export type { Reply };
