/**
 * @module The console door: a terminal prompt with history and tab completion when stdin is a TTY; with
 * piped input it answers each line and resolves at end of input. Streams are injected, so tests push lines
 * into a Readable. It never loads the Slack or Discord libraries.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor } from '../../core/command.ts';
import type { Door, DoorHost } from '../../core/door.ts';
import type { Outgoing, Reply } from '../../core/reply.ts';
import { recipientLabel } from '../../core/reminders/labels.ts';
import { replyToText } from '../../core/reply-text.ts';
import { createCompleter } from './complete.ts';

export interface ConsoleOptions {
  readonly host: DoorHost;
  readonly input: Readable;
  readonly output: Writable;
  readonly actor: Actor;
  /** Prompt, history and completion; defaults to whether input is a TTY. */
  readonly interactive?: boolean;
  /** Where attachments (.ics) are written; default data/ics. */
  readonly filesDir?: string;
  /** Columns tables must fit; default the output's (a terminal's width), none when piped. */
  readonly width?: number;
}

export interface ConsoleDoor extends Door {
  /** Resolves when the input ends (or the user types /quitter). */
  readonly finished: Promise<void>;
}

export function createConsoleAdapter(opts: ConsoleOptions): ConsoleDoor {
  const { host, input, output, actor } = opts;
  const { config } = host.context(actor);
  const interactive = opts.interactive ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const write = (s: string) => output.write(s.endsWith('\n') ? s : `${s}\n`);
  // Tables fit the terminal, read at each answer (it may be resized); piped output keeps whole lines.
  const layout = () => ({ width: opts.width ?? (output as { columns?: number }).columns });
  const filesDir = opts.filesDir ?? join('data', 'ics');
  /** A terminal cannot show a file: write each attachment to disk and print its path. */
  const saveAttachments = (r: Reply) => {
    for (const a of r.attachments ?? []) {
      const path = join(filesDir, basename(a.filename));
      try {
        mkdirSync(filesDir, { recursive: true });
        writeFileSync(path, Buffer.from(a.content, a.encoding ?? 'utf8'));
        write(`Fichier enregistré : ${path}`);
      } catch (e) {
        write(`Impossible d'enregistrer ${a.filename} : ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  let rl: Interface | undefined;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((r) => {
    resolveFinished = r;
  });

  const door: ConsoleDoor = {
    name: 'console',
    finished,
    async deliver(message: Outgoing) {
      write(
        `\n── Message pour ${recipientLabel(message.to, config.roster)} ──\n${replyToText(message.reply, layout())}\n`,
      );
      saveAttachments(message.reply);
      return true;
    },
    // A terminal cannot edit what it printed: the live message is printed again, marked as its update.
    async update(_key: string, reply: Reply) {
      write(`\n── Mise à jour du message en direct ──\n${replyToText(reply, layout())}\n`);
    },
    async stop() {
      rl?.close();
    },
  };

  async function handle(line: string): Promise<boolean> {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return true;
    if (/^\/?(quitter|exit|quit)$/i.test(trimmed)) return false;
    await host.run({
      actor,
      input: trimmed.startsWith('/') ? trimmed : `/${trimmed}`,
      answer: async (r) => {
        write(`${replyToText(r, layout())}\n`);
        saveAttachments(r);
      },
    });
    return true;
  }

  rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    historySize: 500,
    completer: interactive ? createCompleter(host.commands, config) : undefined,
  });
  if (interactive) {
    write(
      `Séance — ${config.body.name}. Vous êtes : ${actor.name}. Tapez /aide, Tab pour compléter, /quitter pour sortir.`,
    );
    rl.setPrompt('séance> ');
    rl.prompt();
  }
  // Lines are answered one at a time, in order, even when piped in faster than they are answered.
  let queue = Promise.resolve(true);
  let closed = false;
  rl.on('line', (line) => {
    queue = queue.then(async (goOn) => {
      if (!goOn || closed) return false;
      const more = await handle(line).catch((e) => {
        host.logger.error('console line failed', { error: e instanceof Error ? e.stack : String(e) });
        write("Erreur interne : la commande n'a pas abouti.");
        return true;
      });
      if (!more) rl?.close();
      else if (interactive) rl?.prompt();
      return more;
    });
  });
  rl.on('close', () => {
    closed = false;
    void queue.then(() => {
      closed = true;
      resolveFinished();
    });
  });
  return door;
}
