/**
 * @module The door contract run against the console door: one real console door per user (the console acts as one
 * person), fed lines through a PassThrough as a terminal would be, answering on its output stream.
 */
import { PassThrough } from 'node:stream';
import { createConsoleAdapter, type ConsoleDoor } from '../../src/adapters/console/console-adapter.ts';
import { createBot } from '../../src/app/build.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import type { Actor } from '../../src/core/command.ts';
import type { DoorHost } from '../../src/core/door.ts';
import { reply, text } from '../../src/core/reply.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';
import { SAMPLE_CONFIG } from '../helpers/test-bot.ts';
import { runDoorContract, type DoorHarness, type MakeHarness, type UserKey } from './door-contract.ts';

interface Terminal {
  readonly door: ConsoleDoor;
  readonly input: PassThrough;
  output: string;
}

const makeConsoleHarness: MakeHarness = async ({ commands }) => {
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const hub = createBot({
    config: loadConfigFile(SAMPLE_CONFIG),
    store: await openStore('memory:'),
    clock: createFakeClock('2026-11-29T10:00:00Z'),
    logger: quiet,
    commands,
  });
  const roy = hub.actorByName('ROY')!;
  const actors: Record<UserKey, Actor> = {
    secretary: { name: 'Console (secrétariat)', role: 'secretary', door: 'console' },
    delegate: roy,
    reader: { name: 'Lecteur', role: 'reader', door: 'console' },
  };
  // The turn runner tells the harness when a line has been fully handled (answered, settled, delivered).
  let turnDone: (() => void) | undefined;
  let answers = 0;
  const base = hub.hostFor('console');
  const host: DoorHost = {
    ...base,
    run: async (turn) => {
      const r = await base.run(turn);
      answers += 1;
      turnDone?.();
      return r;
    },
  };
  const terminals = {} as Record<UserKey, Terminal>;
  for (const key of Object.keys(actors) as UserKey[]) {
    const input = new PassThrough();
    const output = new PassThrough();
    const door = createConsoleAdapter({ host, input, output, actor: actors[key], interactive: false });
    const t: Terminal = { door, input, output: '' };
    output.on('data', (c) => {
      t.output += c.toString();
    });
    terminals[key] = t;
  }
  hub.addDoor(terminals.secretary.door);
  let last = '';
  return {
    hub,
    async send(line, as) {
      const t = terminals[as];
      const from = t.output.length;
      const done = new Promise<void>((r) => {
        turnDone = r;
      });
      t.input.write(`${line}\n`);
      await done;
      last = t.output.slice(from);
    },
    lastReplyText: () => last,
    replyCount: () => answers,
    // A terminal has no size limit: the console prints every page in full.
    limitViolations: () => [],
    // The bot's own messages go to the output stream, which the console never reads back as input.
    async sendOwnMessage(line) {
      await terminals.secretary.door.deliver({
        to: { kind: 'secretariat' },
        reply: reply('Message du bot', [text(line)]),
      });
    },
    async close() {
      for (const t of Object.values(terminals)) t.input.end();
      await Promise.all(Object.values(terminals).map((t) => t.door.finished));
      await hub.stop();
    },
  } satisfies DoorHarness;
};

runDoorContract('console', makeConsoleHarness);
