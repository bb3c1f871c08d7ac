/**
 * @module Routing: a command line (or a door's structured options) → the declared command → its Reply.
 * Checks access, validates arguments, turns user errors into French error replies and bugs into a short
 * apology while the log keeps the detail.
 */
import { findSubcommand, knownPhraseTester, readArgs, splitArgs, tokenize, type KnownPhrases } from './args.ts';
import { usage, type Actor, type Args, type Command, type CommandContext } from './command.ts';
import { hasVersion, splitVersion, staleAction, stateVersion, withVersion } from './action-version.ts';
import { delegateName, type Config, type Permission } from './config.ts';
import { bugReply, errorReply, fail, UserError } from './errors.ts';
import type { ActorRole, Delegate, Service, Session } from './model.ts';
import type { Clock, Logger } from './ports.ts';
import type { Records } from './records.ts';
import type { ReminderScheduler } from './reminders/scheduler.ts';
import { list, reply, text, type Action, type Reply } from './reply.ts';
import { messageShortcuts } from './message-line.ts';
import { allSessions } from './sessions/all-sessions.ts';
import { firstFrom } from './sessions/session-index.ts';
import { matchByName } from './text/match.ts';
import { fold } from './text/normalize.ts';
import { listOf } from './text/french.ts';
import { formatDateLong, zonedDate, type IsoDate } from './text/dates.ts';

export interface DispatchDeps {
  readonly config: Config;
  readonly records: Records;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly commands: readonly Command[];
  /** The reminder scheduler, when the app runs one. */
  readonly reminders?: ReminderScheduler;
}

/** A command invocation from a door with structured options (Discord), already split. */
export interface StructuredInput {
  readonly name: string;
  readonly subcommand?: string;
  readonly args: Record<string, string | undefined>;
}

export interface Dispatcher {
  readonly commands: readonly Command[];
  runLine(line: string, actor: Actor): Promise<Reply>;
  runStructured(input: StructuredInput, actor: Actor): Promise<Reply>;
  context(actor: Actor): CommandContext;
  /**
   * The reply with a version on every button that decides something (src/core/action-version.ts); replies of
   * commands are stamped already, this is for the messages the bot starts (reminders, convocations).
   */
  stamp(reply: Reply, actor?: Actor): Promise<Reply>;
}

/** Whoever stamps the buttons of a message the bot starts: versions do not depend on who clicks. */
const SYSTEM_ACTOR: Actor = { name: 'Séance', role: 'reader', door: 'system' };

/** Longer input is refused before any work: name matching is quadratic in the text's length. */
export const MAX_LINE = 2000;

/** Re-exported for callers written before it had its own module (src/core/sessions/all-sessions.ts). */
export { allSessions };

const nameOf = delegateName;

export function sessionLabel(config: Config, s: Session): string {
  return `${s.title} du ${formatDateLong(s.date)}`;
}

/** The part of a command context that does not depend on who asks: built once per dispatcher. */
type SharedContext = Omit<CommandContext, 'actor' | 'can'>;

function sharedContext(deps: DispatchDeps): SharedContext {
  const { config, records, clock } = deps;
  // toZoned goes through Intl.DateTimeFormat#formatToParts (microseconds): zonedDate remembers the minute's date.
  const today = () => zonedDate(clock.now(), config.body.timezone);
  return {
    config,
    records,
    clock,
    logger: deps.logger,
    commands: deps.commands,
    reminders: deps.reminders,
    today,
    delegate(name: string): Delegate {
      const m = matchByName(name, config.roster);
      if (m.kind === 'found') return m.item;
      if (m.kind === 'ambiguous') {
        fail(
          'name.ambiguous',
          `« ${name} » désigne plusieurs délégués : ${listOf(m.candidates.map(nameOf), 'or')}. Préciser le nom (ex. « ${nameOf(m.candidates[0]!)} »).`,
        );
      }
      const hint = m.suggestions.length ? ` Vouliez-vous dire ${listOf(m.suggestions.map(nameOf), 'or')} ?` : '';
      fail('name.unknown', `Délégué inconnu : « ${name} ».${hint}`);
    },
    service(name: string): Service {
      const services = config.catalogue.services;
      const m = matchByName(name, services, false);
      if (m.kind === 'found') return m.item;
      if (m.kind === 'ambiguous')
        fail(
          'service.ambiguous',
          `« ${name} » correspond à plusieurs services : ${m.candidates.map((s) => s.name).join(', ')}.`,
        );
      const hint = m.suggestions.length ? ` Vouliez-vous dire : ${m.suggestions.map((s) => s.name).join(', ')} ?` : '';
      fail('service.unknown', `Service inconnu : « ${name} ».${hint} Voir /tarifs pour la liste.`);
    },
    sessions: () => records.sessions(),
    // The sorted list is kept in memory; only the resolved session's agenda is read (history stays out of the path).
    // One check of the session log for the list and the agenda (each check is a statement on SQLite).
    session: (date?: IsoDate) => records.resolve((list) => resolveSession(list, date)),
  };

  /** The session on `date` (a live one first), or the next one not cancelled, or else the last one: a search in the sorted list. */
  function resolveSession(list: readonly Session[], date?: IsoDate): Session {
    const from = firstFrom(list, date ?? today());
    if (date) {
      let found: Session | undefined;
      for (let i = from; i < list.length && list[i]!.date === date; i++) {
        if (!list[i]!.cancelled) return list[i]!;
        found ??= list[i];
      }
      if (found) return found;
      // A session moved away from this date (/seance deplacer): the old date still names it, as long as no
      // other session took the date. Moves recorded before `movedFrom` existed keep the old date as their id.
      const moved = list.find((x) => !x.cancelled && (x.movedFrom?.includes(date) || x.id === date));
      if (moved) return moved;
    } else {
      for (let i = from; i < list.length; i++) if (!list[i]!.cancelled) return list[i]!;
      for (let i = list.length - 1; i >= 0; i--) if (!list[i]!.cancelled) return list[i]!;
    }
    const all = list.filter((s) => !s.cancelled);
    if (all.length === 0)
      fail(
        'session.none',
        "Aucune séance n'est enregistrée. Un secrétaire peut en planifier une : /seance planifier <date> <heure> [lieu].",
      );
    return fail(
      'session.unknown',
      `Aucune séance le ${formatDateLong(date!)}. Séances connues : ${all.map((x) => x.date).join(', ')}.`,
    );
  }
}

const sharedContexts = new WeakMap<DispatchDeps, SharedContext>();
const canByRole = new WeakMap<Config['permissions'], Map<ActorRole, (p: Permission) => boolean>>();

/** `can` for a role: one function per role and config, not one per command. */
function canFor(config: Config, role: ActorRole): (p: Permission) => boolean {
  let byRole = canByRole.get(config.permissions);
  if (!byRole) canByRole.set(config.permissions, (byRole = new Map()));
  let can = byRole.get(role);
  if (!can) byRole.set(role, (can = (p: Permission) => config.permissions[p].includes(role)));
  return can;
}

export function createContext(deps: DispatchDeps, actor: Actor): CommandContext {
  let base = sharedContexts.get(deps);
  if (!base) sharedContexts.set(deps, (base = sharedContext(deps)));
  // Field by field on purpose: on Node 20 (V8 11.3) `{ ...base, actor }` costs microseconds per object
  // (measured 1-8 µs, bench/NOTES.md), more than the rest of a /quorum. Keep this list in step with CommandContext.
  return {
    config: base.config,
    records: base.records,
    clock: base.clock,
    logger: base.logger,
    commands: base.commands,
    reminders: base.reminders,
    today: base.today,
    delegate: (name) => (isMe(name) ? me(actor) : base.delegate(name)),
    service: base.service,
    sessions: base.sessions,
    session: base.session,
    actor,
    can: canFor(deps.config, actor.role),
  };
}

/**
 * Refuses, at start, a command list where one word would mean two things: two commands (or two subcommands of
 * one command) with the same name, or a message shortcut (`confirmer ROY`) that is also a command's name.
 * Names are compared folded (`séance` = `seance`), as the dispatcher reads them.
 */
export function checkRegistry(commands: readonly Command[]): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (word: string, what: string) => {
    const key = fold(word) || word;
    const before = seen.get(key);
    if (before) problems.push(`${what} clashes with ${before}`);
    else seen.set(key, what);
  };
  for (const c of commands) {
    claim(c.name, `command /${c.name}`);
    for (const a of c.aliases ?? []) claim(a, `alias « ${a} » of /${c.name}`);
    const subs = new Set<string>();
    for (const s of c.subcommands ?? []) {
      if (subs.has(fold(s.name))) problems.push(`subcommand /${c.name} ${s.name} is declared twice`);
      subs.add(fold(s.name));
    }
  }
  for (const word of messageShortcuts(commands)) claim(word, `message shortcut « ${word} »`);
  if (problems.length) throw new Error(`Command registry refused: ${problems.join('; ')}`);
}

/** « moi », « moi-même »: the asker, wherever a delegate is named. */
const isMe = (name: string) => /^moi( meme)?$/.test(fold(name));

function me(actor: Actor): Delegate {
  if (actor.delegate) return actor.delegate;
  fail(
    'name.me',
    `Votre compte (${actor.name}) n'est associé à aucun délégué : « moi » ne désigne donc personne, nommer le délégué.`,
  );
}

function suggestCommand(name: string, commands: readonly Command[]): string {
  const m = matchByName(
    name,
    commands.map((c) => ({ keys: [c.name], c })),
    false,
  );
  const cands = m.kind === 'found' ? [m.item] : m.kind === 'ambiguous' ? m.candidates : m.suggestions;
  return cands.length ? ` Vouliez-vous dire : ${cands.map((x) => `/${x.c.name}`).join(', ')} ?` : '';
}

const ROLE_LABEL: Record<ActorRole, string> = {
  secretary: 'secrétariat',
  president: 'présidence',
  delegate: 'délégué',
  mairie: 'contact de mairie',
  reader: 'lecture seule',
};

function checkAccess(cmd: Command, ctx: CommandContext): void {
  if (cmd.access === 'read') return;
  if (cmd.access === 'self') {
    if (!ctx.actor.delegate && !ctx.can('proxy.record') && !ctx.can('attendance.record')) {
      fail(
        'access.unmapped',
        "Votre compte n'est associé à aucun délégué ni membre du secrétariat : vous pouvez consulter, pas modifier. Le secrétariat peut ajouter votre identifiant dans la configuration.",
      );
    }
    return;
  }
  if (!ctx.can(cmd.access)) {
    const roles = ctx.config.permissions[cmd.access].map((r) => ROLE_LABEL[r]).join(', ') || 'personne';
    fail('access.denied', `Cette commande est réservée à : ${roles}. Votre rôle : ${ROLE_LABEL[ctx.actor.role]}.`);
  }
}

export function createDispatcher(deps: DispatchDeps): Dispatcher {
  const commands = deps.commands;
  checkRegistry(commands);
  const known: KnownPhrases = {
    delegate: knownPhraseTester(
      deps.config.roster.flatMap((d) => d.keys),
      true,
    ),
    service: knownPhraseTester(
      deps.config.catalogue.services.flatMap((s) => s.keys),
      false,
    ),
  };
  // Folding is Unicode normalisation plus regexes: fold each command name once, not on every line.
  // `?` folds to nothing: a name made only of punctuation is kept as typed.
  const key = (name: string) => fold(name) || name;
  const byName = new Map<string, Command>();
  for (const c of commands)
    for (const n of [c.name, ...(c.aliases ?? [])]) if (!byName.has(key(n))) byName.set(key(n), c);
  const find = (name: string) => byName.get(key(name.replace(/^\//, '')));

  async function guarded(actor: Actor, label: string, body: (ctx: CommandContext) => Promise<Reply>): Promise<Reply> {
    const ctx = createContext(deps, actor);
    try {
      return await stampReply(await body(ctx), ctx);
    } catch (e) {
      if (e instanceof UserError) return errorReply(e);
      deps.logger.error('command failed', {
        command: label,
        actor: actor.name,
        door: actor.door,
        error: e instanceof Error ? e.stack : String(e),
      });
      return bugReply();
    }
  }

  async function execute(
    cmd: Command,
    parent: Command | undefined,
    raw: Record<string, string | undefined>,
    ctx: CommandContext,
    version?: string,
  ): Promise<Reply> {
    checkAccess(cmd, ctx);
    if (!cmd.run) throw new Error(`command ${cmd.name} has no handler`);
    const args = await readArgs(cmd.args ?? [], raw, () => usage(cmd, parent), ctx.today());
    if (version !== undefined && cmd.decides) {
      const now = await versionOf(cmd, args, ctx);
      // A state that cannot be computed any more (its session is gone…): the command answers why itself.
      if (now !== undefined && now !== version) throw staleAction();
    }
    return cmd.run(args, ctx);
  }

  async function versionOf(cmd: Command, args: Args, ctx: CommandContext): Promise<string | undefined> {
    try {
      const state = await cmd.decides!(args, ctx);
      return state === undefined ? undefined : stateVersion(state);
    } catch {
      return undefined;
    }
  }

  /** The command and arguments a line names (throws the user errors a typed line would get). */
  type Routed = { target: Command; parent?: Command; raw: Record<string, string | undefined> };
  function route(line: string): Routed {
    const tokens = tokenize(line.trim());
    const first = tokens.shift() ?? '';
    const cmd = find(first);
    if (!cmd) {
      if (!first) fail('command.empty', 'Commande vide. Tapez /aide pour la liste des commandes.');
      fail(
        'command.unknown',
        `Commande inconnue : « ${first} ».${suggestCommand(first.replace(/^\//, ''), commands)} Tapez /aide pour la liste.`,
      );
    }
    // A typed line this command hands to another one (`/presence salle A B C` is /appel's).
    const rerouted = cmd.reroute?.(tokens);
    const other = rerouted && find(rerouted.command);
    return other ? routeWords(other, rerouted.words) : routeWords(cmd, tokens);
  }

  /** The command (or its subcommand) and arguments of the words typed after its name. */
  function routeWords(cmd: Command, tokens: string[]): Routed {
    let target = cmd;
    let parent: Command | undefined;
    if (cmd.subcommands) {
      const sub = findSubcommand(cmd, tokens[0]);
      if (sub) tokens.shift();
      target =
        sub ??
        findSubcommand(cmd, cmd.defaultSubcommand) ??
        (() => {
          throw subcommandHelp(cmd);
        })();
      parent = cmd;
    }
    const raw = splitArgs(target.args ?? [], tokens, () => usage(target, parent), known);
    return { target, parent, raw };
  }

  async function stampAction(a: Action, ctx: CommandContext): Promise<Action> {
    if (!a.command.startsWith('/') || hasVersion(a.command)) return a;
    try {
      const { target, parent, raw } = route(a.command);
      if (!target.decides) return a;
      const args = await readArgs(target.args ?? [], raw, () => usage(target, parent), ctx.today());
      const version = await versionOf(target, args, ctx);
      return version === undefined ? a : withVersion(a, version);
    } catch {
      return a; // a button whose line does not parse is answered by the command when clicked
    }
  }

  async function stampReply(r: Reply, ctx: CommandContext): Promise<Reply> {
    const actions = r.actions?.length ? await Promise.all(r.actions.map((a) => stampAction(a, ctx))) : r.actions;
    const outbox = r.outbox?.length
      ? await Promise.all(r.outbox.map(async (m) => ({ ...m, reply: await stampReply(m.reply, ctx) })))
      : r.outbox;
    const updates = r.updates?.length
      ? await Promise.all(r.updates.map(async (u) => ({ ...u, reply: await stampReply(u.reply, ctx) })))
      : r.updates;
    if (actions === r.actions && outbox === r.outbox && updates === r.updates) return r;
    return {
      ...r,
      ...(actions ? { actions } : {}),
      ...(outbox ? { outbox } : {}),
      ...(updates ? { updates } : {}),
    };
  }

  function subcommandHelp(cmd: Command): UserError {
    return new UserError(
      'command.subcommand',
      `/${cmd.name} attend une sous-commande : ${cmd.subcommands!.map((s) => s.name).join(', ')}.`,
      [list(cmd.subcommands!.map((s) => `${usage(s, cmd)} : ${s.description}`))],
    );
  }

  return {
    commands,
    context: (actor) => createContext(deps, actor),
    stamp: (r, actor = SYSTEM_ACTOR) => stampReply(r, createContext(deps, actor)),
    runLine(line, actor) {
      if (line.length > MAX_LINE)
        return guarded(actor, 'line', () =>
          fail('command.too-long', `Commande trop longue (${MAX_LINE} caractères au plus).`),
        );
      const { line: bare, version } = splitVersion(line);
      const label = bare.trim().split(/\s/, 1)[0] ?? '';
      return guarded(actor, label, async (ctx) => {
        const { target, parent, raw } = route(bare);
        return execute(target, parent, raw, ctx, version);
      });
    },
    runStructured(input, actor) {
      return guarded(actor, input.name, async (ctx) => {
        if (Object.values(input.args).some((v) => (v?.length ?? 0) > MAX_LINE))
          fail('command.too-long', `Argument trop long (${MAX_LINE} caractères au plus).`);
        const cmd = find(input.name);
        if (!cmd) fail('command.unknown', `Commande inconnue : « ${input.name} ».`);
        if (cmd.subcommands) {
          const sub = findSubcommand(cmd, input.subcommand ?? cmd.defaultSubcommand);
          if (!sub) throw subcommandHelp(cmd);
          return execute(sub, cmd, input.args, ctx);
        }
        return execute(cmd, undefined, input.args, ctx);
      });
    },
  };
}
