/** @module Pure generation of Discord application commands from the declarations, and the way back: options → StructuredInput. */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArgSpec, Command } from '../../core/command.ts';
import type { StructuredInput } from '../../core/dispatch.ts';
import { fold } from '../../core/text/normalize.ts';
import { clip } from './text.ts';

/** Discord's limits for application commands (https://discord.com/developers/docs/interactions/application-commands). */
export const COMMAND_LIMITS = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** name + description + every option's name, description and choices, per command. */
  totalChars: 4000,
  globalCommands: 100,
  stringValue: 6000,
} as const;

/** Names Discord accepts (lowercase letters of any script, digits, - and _), as the discord.js builders check them. */
export const NAME_PATTERN = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** A declared name as a Discord name: kept when valid (accents are letters: « séance »), else folded to ASCII. */
export function discordName(name: string): string {
  const lower = name.toLowerCase().trim();
  if (NAME_PATTERN.test(lower)) return lower;
  const ascii = fold(name).replace(/ /g, '-').slice(0, COMMAND_LIMITS.name);
  return ascii || 'option';
}

/** Gives every argument of one command a distinct valid option name. */
function optionNames(args: readonly ArgSpec[]): Map<string, ArgSpec> {
  const byName = new Map<string, ArgSpec>();
  for (const spec of args) {
    const base = discordName(spec.name);
    let name = base;
    for (let n = 2; byName.has(name); n++) name = `${base.slice(0, COMMAND_LIMITS.name - String(n).length - 1)}-${n}`;
    byName.set(name, spec);
  }
  return byName;
}

const AUTOCOMPLETE_KINDS = new Set<ArgSpec['kind']>(['delegate', 'service', 'session', 'date']);

/** What the door autocompletes for an option: delegates, services, sessions, dates, or a choice list too long for Discord. */
export function autocompletes(spec: ArgSpec): boolean {
  return (
    AUTOCOMPLETE_KINDS.has(spec.kind) ||
    (spec.kind === 'choice' && (spec.choices?.length ?? 0) > COMMAND_LIMITS.choices)
  );
}

function toOption(name: string, spec: ArgSpec): APIApplicationCommandBasicOption {
  const base = {
    name,
    description: clip(spec.description || spec.name, COMMAND_LIMITS.description),
    required: !spec.optional,
  };
  if (spec.kind === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(spec.min !== undefined ? { min_value: spec.min } : {}),
      ...(spec.max !== undefined ? { max_value: spec.max } : {}),
    };
  }
  if (autocompletes(spec)) return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
  if (spec.kind === 'choice' && spec.choices?.length) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: spec.choices.map((c) => ({
        name: clip(c, COMMAND_LIMITS.choiceName),
        value: clip(c, COMMAND_LIMITS.choiceValue),
      })),
    };
  }
  return { ...base, type: ApplicationCommandOptionType.String, max_length: spec.kind === 'text' ? 300 : 100 };
}

/** Discord wants required options first; the order of the rest is kept. */
function argOptions(args: readonly ArgSpec[] | undefined): APIApplicationCommandBasicOption[] {
  const options = [...optionNames(args ?? [])].map(([name, spec]) => toOption(name, spec));
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)].slice(0, COMMAND_LIMITS.options);
}

export function commandToDiscord(cmd: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options: APIApplicationCommandOption[] = cmd.subcommands
    ? cmd.subcommands.slice(0, COMMAND_LIMITS.options).map((sub) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: discordName(sub.name),
        description: clip(sub.description || sub.name, COMMAND_LIMITS.description),
        options: argOptions(sub.args),
      }))
    : argOptions(cmd.args);
  return {
    type: ApplicationCommandType.ChatInput,
    name: discordName(cmd.name),
    description: clip(cmd.description || cmd.name, COMMAND_LIMITS.description),
    options,
    // Usable in the server and in a direct message with the bot; access is checked by the core.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** Every declared command as Discord application command JSON (the body of the registration PUT). */
export function buildCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.slice(0, COMMAND_LIMITS.globalCommands).map(commandToDiscord);
}

/** One invocable command (or subcommand) and its options by Discord name. */
export interface CommandEntry {
  readonly command: Command;
  readonly parent?: Command;
  readonly options: ReadonlyMap<string, ArgSpec>;
}

export interface CommandIndex {
  entry(commandName: string, subcommand?: string | null): CommandEntry | undefined;
}

export function createCommandIndex(commands: readonly Command[]): CommandIndex {
  const entries = new Map<string, CommandEntry>();
  for (const cmd of commands) {
    const name = discordName(cmd.name);
    if (!cmd.subcommands) entries.set(name, { command: cmd, options: optionNames(cmd.args ?? []) });
    for (const sub of cmd.subcommands ?? []) {
      entries.set(`${name} ${discordName(sub.name)}`, {
        command: sub,
        parent: cmd,
        options: optionNames(sub.args ?? []),
      });
    }
  }
  return { entry: (commandName, sub) => entries.get(sub ? `${commandName} ${sub}` : commandName) };
}

/** The raw option tree discord.js gives (`interaction.options.data`). */
export interface RawOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly focused?: boolean;
  readonly options?: readonly RawOption[];
}

export interface ParsedInvocation {
  readonly entry?: CommandEntry;
  readonly input: StructuredInput;
  /** The option the user is typing, for autocomplete. */
  readonly focused?: { readonly spec?: ArgSpec; readonly value: string };
}

/** Turns a Discord invocation back into the dispatcher's structured input, keyed by the declared argument names. */
export function parseInvocation(
  index: CommandIndex,
  commandName: string,
  data: readonly RawOption[],
): ParsedInvocation {
  const subOption = data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const leaves = subOption ? (subOption.options ?? []) : data;
  const entry = index.entry(commandName, subOption?.name);
  const args: Record<string, string | undefined> = {};
  let focused: ParsedInvocation['focused'];
  for (const o of leaves) {
    const spec = entry?.options.get(o.name);
    const value = o.value === undefined ? undefined : String(o.value);
    if (o.focused) focused = { spec, value: value ?? '' };
    if (spec && value !== undefined) args[spec.name] = value;
  }
  const input: StructuredInput = {
    name: entry?.parent?.name ?? entry?.command.name ?? commandName,
    ...(entry?.parent ? { subcommand: entry.command.name } : subOption ? { subcommand: subOption.name } : {}),
    args,
  };
  return { entry, input, focused };
}
