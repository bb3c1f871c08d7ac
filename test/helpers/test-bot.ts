/**
 * @module `createTestBot()`: the whole bot (`hub`) in-process on the sample config, a memory store (or a given one)
 * and a fake clock, for one-line command tests: `await bot.say('/quorum 2024-10-07')`.
 */
import { createBot, type Door, type Bot } from '../../src/app/build.ts';
import { loadConfigFile, parseConfig } from '../../src/app/load-config.ts';
import type { Actor } from '../../src/core/command.ts';
import type { AppConfig } from '../../src/app/accounts.ts';
import type { Logger, Store } from '../../src/core/ports.ts';
import type { Outgoing, Reply } from '../../src/core/reply.ts';
import { replyToText } from '../../src/core/reply-text.ts';
import { createFakeClock, type FakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';

export const SAMPLE_CONFIG = 'config/somme-numerique.yaml';

export interface TestBot {
  readonly hub: Bot;
  readonly clock: FakeClock;
  readonly config: AppConfig;
  /** Messages handed to the doors (outbox, reminders), in order. */
  readonly delivered: Outgoing[];
  /** Messages the doors were asked to edit in place (the live message), in order. */
  readonly updated: { key: string; reply: Reply }[];
  readonly logs: { level: string; msg: string; data?: Record<string, unknown> }[];
  /** Runs a command line and returns the reply as text. */
  say(line: string, as?: string | Actor): Promise<string>;
  /** Runs a command line and returns the reply itself. */
  ask(line: string, as?: string | Actor): Promise<Reply>;
  actor(name: string): Actor;
  close(): Promise<void>;
}

export const secretary: Actor = { name: 'Console (secrétariat)', role: 'secretary', door: 'test' };
export const reader: Actor = { name: 'Lecteur', role: 'reader', door: 'test' };

export interface TestBotOptions {
  /** Default 2026-11-29T10:00:00Z. */
  readonly now?: string;
  readonly store?: Store;
  readonly storeUrl?: string;
  readonly config?: AppConfig;
  /** YAML text to use instead of the sample. */
  readonly yaml?: string;
}

export async function createTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const config = opts.config ?? (opts.yaml ? parseConfig(opts.yaml, 'test.yaml') : loadConfigFile(SAMPLE_CONFIG));
  const store = opts.store ?? (await openStore(opts.storeUrl ?? 'memory:', undefined, { freezeValues: true }));
  const clock = createFakeClock(opts.now ?? '2026-11-29T10:00:00Z');
  const logs: TestBot['logs'] = [];
  const logger: Logger = {
    info: (msg, data) => logs.push({ level: 'info', msg, data }),
    warn: (msg, data) => logs.push({ level: 'warn', msg, data }),
    error: (msg, data) => logs.push({ level: 'error', msg, data }),
  };
  const hub = createBot({ config, store, clock, logger });
  const delivered: Outgoing[] = [];
  const updated: TestBot['updated'] = [];
  const recorder: Door = {
    name: 'console',
    deliver: async (m) => {
      delivered.push(m);
      return true;
    },
    update: async (key, reply) => {
      updated.push({ key, reply });
    },
    stop: async () => undefined,
  };
  hub.addDoor(recorder);

  const actor = (name: string): Actor => {
    const a = hub.actorByName(name);
    if (!a) throw new Error(`test: unknown person ${name}`);
    return { ...a, door: 'test' };
  };
  // Through the same turn pipeline as every door: the answer is the returned reply, then settle and outbox.
  const ask = (line: string, as: string | Actor = secretary) =>
    hub.run({ actor: typeof as === 'string' ? actor(as) : as, input: line, answer: async () => undefined });
  return {
    hub,
    clock,
    config,
    delivered,
    updated,
    logs,
    ask,
    actor,
    say: async (line, as) => replyToText(await ask(line, as)),
    close: () => hub.stop(),
  };
}
