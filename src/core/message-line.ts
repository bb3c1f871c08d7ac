/**
 * @module `messageToLine`: a plain chat message ("confirmer ROY", "pouvoir ROY PARSIS", "/quorum") → the
 * command line the dispatcher runs, or undefined when it is chatter the bot must leave alone. Shared by the
 * doors that read messages (Slack, Discord). Pure.
 */
import type { Command } from './command.ts';
import { fold } from './text/normalize.ts';

export interface MessageLineOptions {
  readonly commands: readonly Command[];
  /**
   * A direct message to the bot is always meant for it: any command name works without its slash and
   * anything else goes to the dispatcher (which answers in French). In a channel only a slash line or a
   * proxy shortcut is taken, so that people can talk there.
   */
  readonly direct: boolean;
}

/** The proxy command whose subcommands double as shortcuts: `confirmer ROY` → `/pouvoir confirmer ROY`. */
const PROXY_COMMAND = 'pouvoir';
/** `pouvoir ROY PARSIS` (no verb) means declaring or recording: `/pouvoir donner ROY PARSIS`. */
const PROXY_DEFAULT_VERB = 'donner';

/** The words a plain message may start with to mean a proxy subcommand (`confirmer`, `refuser`...). */
export function messageShortcuts(commands: readonly Command[]): readonly string[] {
  return commands.find((c) => c.name === PROXY_COMMAND)?.subcommands?.map((s) => s.name) ?? [];
}

export function messageToLine(raw: string, opts: MessageLineOptions): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  if (text.startsWith('/')) return text;
  const [first = '', ...rest] = text.split(/\s+/);
  const word = fold(first);
  const tail = rest.join(' ');
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  const proxy = opts.commands.find((c) => c.name === PROXY_COMMAND);
  const isProxyVerb = (w: string | undefined) =>
    Boolean(w && proxy?.subcommands?.some((s) => fold(s.name) === fold(w)));

  if (proxy && word === PROXY_COMMAND) {
    return isProxyVerb(rest[0]) ? join(`/${PROXY_COMMAND}`, tail) : join(`/${PROXY_COMMAND}`, PROXY_DEFAULT_VERB, tail);
  }
  const topLevel = opts.commands.some((c) => fold(c.name) === word);
  if (proxy && !topLevel && isProxyVerb(first)) return join(`/${PROXY_COMMAND}`, first.toLowerCase(), tail);
  if (!opts.direct) return undefined;
  // In a DM, a subcommand that belongs to one command only may be typed alone (`planifier …` → `/seance planifier …`).
  const parents = opts.commands.filter((c) => c.subcommands?.some((s) => fold(s.name) === word));
  if (!topLevel && parents.length === 1) return `/${parents[0]!.name} ${text}`;
  return `/${text}`;
}
