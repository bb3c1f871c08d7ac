/**
 * @module Turning the words of a command line into named arguments, then validating each with zod.
 * Multi-word values (delegate names, service names, titles) are recognised by their kind.
 */
import { z } from 'zod';
import { UserError } from './errors.ts';
import { text as textBlock } from './reply.ts';
import type { ArgSpec, Args, Command } from './command.ts';
import type { IsoDate } from './text/dates.ts';
import { choiceOf, choiceWordCount } from './text/choice.ts';
import { fold, foldName, isCivility } from './text/normalize.ts';
import {
  dateWordCount,
  looksLikeNumericDate as looksLikeDate,
  timeWordCount,
  loadDateReaderFor,
  understandDate,
  understandTime,
} from './text/when.ts';

/** Splits on spaces, keeping "quoted words", 'single quotes' and « guillemets » together. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|«\s*([^»]*?)\s*»|'([^']*)'(?=\s|$)|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
  return out.filter((t) => t.length > 0);
}

const PARTICLES = new Set(['de', 'du', 'des', 'd', 'le', 'la', 'van', 'von']);

/** How many tokens a delegate name takes: the longest run that is a known name, else civility + particles + word. */
function takeName(tokens: string[], i: number, isKnownName: (phrase: string) => boolean): number {
  for (let n = Math.min(5, tokens.length - i); n > 1; n--) {
    if (isKnownName(tokens.slice(i, i + n).join(' '))) return n;
  }
  let j = i;
  if (isCivility(tokens[j]!) && j + 1 < tokens.length) j++;
  while (PARTICLES.has(fold(tokens[j]!)) && j + 1 < tokens.length) j++;
  return j - i + 1;
}

const schemas = new WeakMap<ArgSpec, z.ZodType>();

/** The spec's schema, built once per spec: building a zod schema costs more than running it. */
function schemaOf(spec: ArgSpec): z.ZodType {
  if (spec.schema) return spec.schema;
  let schema = schemas.get(spec);
  if (!schema) schemas.set(spec, (schema = defaultSchema(spec)));
  return schema;
}

function defaultSchema(spec: ArgSpec): z.ZodType {
  switch (spec.kind) {
    case 'integer': {
      const min = spec.min ?? 1;
      const max = spec.max ?? 1_000_000;
      return z.string().transform((s, ctx) => {
        const t = s.trim();
        if (!/^[-+]?\d+$/.test(t)) {
          ctx.addIssue({ code: 'custom', message: `nombre entier attendu, reçu « ${s} »` });
          return z.NEVER;
        }
        const n = Number(t);
        if (n < min || n > max) {
          ctx.addIssue({
            code: 'custom',
            message: `${n.toLocaleString('fr-FR')} hors limites (de ${min.toLocaleString('fr-FR')} à ${max.toLocaleString('fr-FR')})`,
          });
          return z.NEVER;
        }
        return n;
      });
    }
    case 'choice': {
      const choices = spec.choices ?? [];
      return z.string().transform((s, ctx) => {
        const c = choiceOf(spec, s);
        if (!c) {
          ctx.addIssue({ code: 'custom', message: `« ${s} » n'est pas un choix possible (${choices.join(', ')})` });
          return z.NEVER;
        }
        return c;
      });
    }
    default:
      return z.string().trim().min(1, 'valeur vide').max(300, 'texte trop long (300 caractères au plus)');
  }
}

/** The command's usage line, or a function that writes it: only an error shows it, so it is built only then. */
export type UsageText = string | (() => string);

function argError(cmdUsage: UsageText, message: string): UserError {
  return new UserError('args.invalid', message, [
    textBlock(`Usage : ${typeof cmdUsage === 'string' ? cmdUsage : cmdUsage()}`),
  ]);
}

/** Dates and times are read against today in the body's time zone; a date to plan is the next one. */
function understandWhen(spec: ArgSpec, value: string, today: IsoDate) {
  return spec.kind === 'time' ? understandTime(value) : understandDate(value, { today, forward: spec.kind === 'date' });
}

/** Validates raw strings per spec (shared by the text path and by doors with structured options). */
export function validateArgs(
  specs: readonly ArgSpec[],
  raw: Record<string, string | undefined>,
  cmdUsage: UsageText,
  today: IsoDate,
): Args {
  const out: Args = {};
  for (const spec of specs) {
    const value = raw[spec.name];
    if (value === undefined || value.trim() === '') {
      if (!spec.optional) throw argError(cmdUsage, `Argument manquant : ${spec.name} (${spec.description}).`);
      continue;
    }
    if (!spec.schema && (spec.kind === 'session' || spec.kind === 'date' || spec.kind === 'time')) {
      const when = understandWhen(spec, value, today);
      if (!when.ok) throw argError(cmdUsage, `Argument « ${spec.name} » : ${when.message}.`);
      out[spec.name] = when.value;
      continue;
    }
    const parsed = schemaOf(spec).safeParse(value);
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => i.message).join(' ; ');
      throw argError(cmdUsage, `Argument « ${spec.name} » invalide : ${msg}.`);
    }
    out[spec.name] = parsed.data;
  }
  return out;
}

/** `validateArgs`, after loading the date reader when a date argument is written in words (see when.ts). */
export async function readArgs(
  specs: readonly ArgSpec[],
  raw: Record<string, string | undefined>,
  cmdUsage: UsageText,
  today: IsoDate,
): Promise<Args> {
  for (const spec of specs) {
    const value = raw[spec.name]?.trim();
    if (value && !spec.schema && (spec.kind === 'session' || spec.kind === 'date')) await loadDateReaderFor(value);
  }
  return validateArgs(specs, raw, cmdUsage, today);
}

/** Splits the words of a command line among the argument specs. */
export interface KnownPhrases {
  /** Is this phrase exactly a delegate's name (any spelling)? */
  readonly delegate: (phrase: string) => boolean;
  /** Is this phrase exactly a service's name or alias? */
  readonly service: (phrase: string) => boolean;
}

const looksNumeric = (t: string) => /^[-+]?\d[\d.,eE+-]*$/.test(t);

export function splitArgs(
  specs: readonly ArgSpec[],
  tokens: string[],
  cmdUsage: UsageText,
  known: KnownPhrases,
): Record<string, string> {
  const raw: Record<string, string> = {};
  let i = 0;
  specs.forEach((spec, k) => {
    if (i >= tokens.length) return;
    const later = specs.slice(k + 1);
    switch (spec.kind) {
      case 'session':
      case 'date':
      case 'time':
      case 'choice': {
        // « 7 oct. 2024 », « 18 h 30 », « non membre »: as many words as the phrase takes.
        const n =
          spec.kind === 'choice'
            ? choiceWordCount(spec, tokens, i)
            : spec.kind === 'time'
              ? timeWordCount(tokens, i)
              : dateWordCount(tokens, i);
        if (n > 0 || !spec.optional) {
          raw[spec.name] = tokens.slice(i, i + Math.max(1, n)).join(' ');
          i += Math.max(1, n);
        }
        return;
      }
      case 'integer':
        raw[spec.name] = tokens[i++]!;
        return;
      case 'delegate': {
        // An optional name before a session leaves « 7 octobre 2024 » to the session.
        if (spec.optional && dateWordCount(tokens, i) > 0) return;
        const n = takeName(tokens, i, known.delegate);
        raw[spec.name] = tokens.slice(i, i + n).join(' ');
        i += n;
        return;
      }
      case 'service': {
        // The longest run of words that is a known service; else up to the next number, date or choice.
        let j = i + 1;
        const knownEnd = [...Array(Math.min(6, tokens.length - i)).keys()]
          .map((n) => i + n + 1)
          .reverse()
          .find((end) => known.service(tokens.slice(i, end).join(' ')));
        if (knownEnd !== undefined) j = knownEnd;
        else {
          const stops = (at: number) =>
            looksNumeric(tokens[at]!) ||
            dateWordCount(tokens, at) > 0 ||
            later.some((l) => l.kind === 'choice' && choiceWordCount(l, tokens, at) > 0);
          while (j < tokens.length && !stops(j)) j++;
        }
        raw[spec.name] = tokens.slice(i, j).join(' ');
        i = j;
        return;
      }
      case 'text': {
        // Text takes the rest, but leaves a trailing date to an optional session argument after it.
        let end = tokens.length;
        if (later.some((l) => l.kind === 'session') && end - 1 > i && looksLikeDate(tokens[end - 1]!)) end--;
        raw[spec.name] = tokens.slice(i, end).join(' ');
        i = end;
        return;
      }
    }
  });
  if (i < tokens.length) {
    throw argError(cmdUsage, `Argument en trop : « ${tokens.slice(i).join(' ')} ».`);
  }
  return raw;
}

/** Finds a subcommand by its folded name. */
export function findSubcommand(cmd: Command, word: string | undefined): Command | undefined {
  if (!word || !cmd.subcommands) return undefined;
  return cmd.subcommands.find((s) => fold(s.name) === fold(word));
}

export const knownPhraseTester = (names: readonly string[], asName: boolean) => {
  const norm = asName ? foldName : fold;
  const set = new Set(names.map(norm));
  return (phrase: string) => set.has(norm(phrase));
};
