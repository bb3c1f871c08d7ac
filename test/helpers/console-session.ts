/**
 * @module A console door on in-memory streams for tests: lines go in through `input`, everything the door
 * printed is read back with `output()`. The caller decides whether the hub also delivers to it (`addDoor`).
 */
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../src/adapters/console/console-adapter.ts';
import { secretary, type TestBot } from './test-bot.ts';

export interface ConsoleOptions {
  /** Where attachments (.ics, .docx) are written. */
  readonly filesDir?: string;
  /** Forced terminal width. */
  readonly width?: number;
}

export function openConsole(bot: TestBot, options: ConsoleOptions = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c) => {
    text += c.toString();
  });
  const door = createConsoleAdapter({
    host: bot.hub.hostFor('console'),
    input,
    output,
    actor: { ...secretary, door: 'console' },
    interactive: false,
    ...options,
  });
  return { input, door, output: () => text };
}
