/**
 * @module How a command is declared, once: name, description, arguments (each a kind plus a zod schema),
 * examples, who may run it, and `run(args, ctx) → Reply`. Help, the Slack manifest, Discord registration,
 * argument validation and autocomplete all derive from these declarations.
 */
import type { z } from 'zod';
import type { Config, Permission } from './config.ts';
import type { ActorRole, Delegate, Person, Session, Service } from './model.ts';
import type { Clock, Logger } from './ports.ts';
import type { Records } from './records.ts';
import type { ReminderScheduler } from './reminders/scheduler.ts';
import type { Reply } from './reply.ts';
import type { IsoDate } from './text/dates.ts';

export type ArgKind = 'session' | 'date' | 'time' | 'delegate' | 'service' | 'integer' | 'choice' | 'text';

export interface ArgSpec {
  readonly name: string;
  readonly description: string;
  readonly kind: ArgKind;
  readonly optional?: boolean;
  /** For `choice`: the accepted words (folded comparison), first is the canonical spelling. */
  readonly choices?: readonly string[];
  /** For `choice`: the other words people use, by choice (`{ salle: ['présent', 'en salle'] }`); /aide lists them. */
  readonly synonyms?: Readonly<Record<string, readonly string[]>>;
  /** Validates (and may transform) the raw text. Defaults by kind live in args.ts. */
  readonly schema?: z.ZodType;
  /** For `integer`: bounds shown in Discord and enforced by the default schema. */
  readonly min?: number;
  readonly max?: number;
}

export type Args = Record<string, unknown>;

/** Who is asking, resolved by the door from its platform identity. */
export interface Actor {
  readonly name: string;
  readonly role: ActorRole;
  /** The door it came through ('console', 'slack', 'discord'; 'test', 'scheduler' for the bot itself). */
  readonly door: string;
  readonly delegate?: Delegate;
  readonly person?: Person;
  /** The account id on that door, when there is one. */
  readonly userId?: string;
}

export interface CommandContext {
  readonly config: Config;
  readonly records: Records;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly actor: Actor;
  readonly commands: readonly Command[];
  /** Reminders and convocations, when the app runs a scheduler. */
  readonly reminders?: ReminderScheduler;
  /** Today's date in the body's time zone. */
  today(): IsoDate;
  can(permission: Permission): boolean;
  /** Resolves a typed name (« moi » is the asker); throws a UserError listing the closest matches. */
  delegate(name: string): Delegate;
  service(name: string): Service;
  /** The session on a date (or moved away from it), or by default the next one, else the latest. */
  session(date?: IsoDate): Promise<Session>;
  sessions(): Promise<readonly Session[]>;
}

export interface Command {
  readonly name: string;
  /** Other names the command answers to (`help`, `?` for aide); /aide lists them. */
  readonly aliases?: readonly string[];
  readonly description: string;
  readonly args?: readonly ArgSpec[];
  readonly examples: readonly string[];
  /** 'read': anyone, even unmapped; 'self': mapped people (the handler checks whose record); else a permission. */
  readonly access: 'read' | 'self' | Permission;
  readonly run?: (args: Args, ctx: CommandContext) => Promise<Reply> | Reply;
  readonly subcommands?: readonly Command[];
  /** The subcommand used when the text does not start with one (`/odj 2024-10-07` → `voir`). */
  readonly defaultSubcommand?: string;
  /**
   * A typed line this command hands to another one, by the words after its name: `/presence salle A B C` is
   * `/appel salle A B C` (several names at once). Returns the other command's name and words, or undefined.
   */
  readonly reroute?: (words: readonly string[]) => { readonly command: string; readonly words: string[] } | undefined;
  /**
   * The state a run with these arguments decides (JSON-able; undefined: nothing to version). Buttons running this
   * command carry its version, and a click whose state changed since is refused (src/core/action-version.ts).
   */
  readonly decides?: (args: Args, ctx: CommandContext) => Promise<unknown> | unknown;
}

/** "/devis <service> <postes> [membre|non-membre]" (the dispatcher builds it only for an error message). */
export function usage(cmd: Command, parent?: Command): string {
  const args = (cmd.args ?? []).map((a) => {
    const inner = a.kind === 'choice' && a.choices && a.choices.length <= 4 ? a.choices.join('|') : a.name;
    return a.optional ? `[${inner}]` : `<${inner}>`;
  });
  const head = parent ? `/${parent.name} ${cmd.name}` : `/${cmd.name}`;
  return [head, ...args].join(' ');
}

/** The value a handler receives for one argument: its schema's output, a choice's words, or its kind's default. */
type ArgValue<S extends ArgSpec> = S extends { readonly schema: infer Z extends z.ZodType }
  ? z.output<Z>
  : S extends { readonly kind: 'choice'; readonly choices: readonly (infer C extends string)[] }
    ? C
    : S['kind'] extends 'integer'
      ? number
      : S['kind'] extends 'session' | 'date'
        ? IsoDate
        : string;

/** The arguments a handler receives, by name, from its declared specs (optional ones may be undefined). */
export type ArgsOf<A extends readonly ArgSpec[]> = {
  readonly [S in A[number] as S['name']]: S extends { readonly optional: true } ? ArgValue<S> | undefined : ArgValue<S>;
};

/** A command as written in src/commands: like `Command`, with a handler typed from its own arguments. */
export interface CommandDeclaration<A extends readonly ArgSpec[]> extends Omit<Command, 'args' | 'run' | 'decides'> {
  readonly args?: A;
  readonly run?: (args: ArgsOf<A>, ctx: CommandContext) => Promise<Reply> | Reply;
  readonly decides?: (args: ArgsOf<A>, ctx: CommandContext) => Promise<unknown> | unknown;
}

/** An argument spec kept literal (its name, kind and choices), for specs shared between commands. */
export function arg<const S extends ArgSpec>(spec: S): S {
  return spec;
}

/**
 * Declares a command; its handler's arguments are typed from `args`. The dispatcher validates the raw text with
 * each spec's schema before calling `run`, which is what makes the one widening below sound.
 */
export function defineCommand<const A extends readonly ArgSpec[] = []>(cmd: CommandDeclaration<A>): Command {
  return cmd as Command;
}
