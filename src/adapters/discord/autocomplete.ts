/**
 * @module Autocomplete choices for an option being typed: delegates (and « moi » for a delegate asking), services,
 * sessions, dates (« aujourd'hui », « demain », the next sessions' dates in words, what the typed text is read as),
 * long choice lists.
 */
import type { ArgSpec, CommandContext } from '../../core/command.ts';
import { delegateName } from '../../core/config.ts';
import { sessionLabel } from '../../core/dispatch.ts';
import { addDays, formatDateLong, type IsoDate } from '../../core/text/dates.ts';
import { loadDateReaderFor, understandDate } from '../../core/text/when.ts';
import { fold } from '../../core/text/normalize.ts';
import { matchByName, type Named } from '../../core/text/match.ts';
import { COMMAND_LIMITS } from './commands.ts';
import { clip } from './text.ts';

export interface Choice {
  readonly name: string;
  readonly value: string;
}

interface Candidate extends Named {
  readonly choice: Choice;
}

/** Candidates whose keys contain what was typed (start of a word first), else the core's near-miss suggestions. */
export function filterCandidates(typed: string, candidates: readonly Candidate[]): Choice[] {
  const q = fold(typed);
  const limit = COMMAND_LIMITS.choices;
  if (!q) return candidates.slice(0, limit).map((c) => c.choice);
  const rank = (c: Candidate) => {
    const keys = c.keys.map(fold);
    if (keys.some((k) => k.startsWith(q))) return 0;
    if (keys.some((k) => k.split(' ').some((w) => w.startsWith(q)))) return 1;
    if (keys.some((k) => k.includes(q))) return 2;
    return 3;
  };
  const hits = candidates
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.c);
  if (hits.length) return hits.slice(0, limit).map((c) => c.choice);
  const m = matchByName(typed, candidates, false);
  const near = m.kind === 'found' ? [m.item] : m.kind === 'ambiguous' ? m.candidates : m.suggestions;
  return near.slice(0, limit).map((c) => c.choice);
}

const choice = (name: string, value: string): Choice => ({
  name: clip(name, COMMAND_LIMITS.choiceName),
  value: clip(value, COMMAND_LIMITS.choiceValue),
});

/** Up to 25 choices for the focused option; never throws for want of data (an empty list is a valid answer). */
export async function autocompleteChoices(
  spec: ArgSpec | undefined,
  typed: string,
  ctx: CommandContext,
): Promise<Choice[]> {
  if (!spec) return [];
  switch (spec.kind) {
    case 'delegate': {
      const people = [...ctx.config.roster].sort((a, b) => Number(b.inOffice) - Number(a.inOffice));
      // A delegate asking may name themself « moi » (the dispatcher reads it as the asker).
      const self = ctx.actor.delegate;
      const me: Candidate[] = self
        ? [{ keys: ['moi', 'moi-même'], choice: choice(`moi (${delegateName(self)})`, 'moi') }]
        : [];
      return filterCandidates(typed, [
        ...me,
        ...people.map((d) => {
          const display = delegateName(d);
          const member = ctx.config.members.find((m) => m.id === d.member)?.name;
          const detail = [d.firstName, `${d.votes} voix`].filter(Boolean).join(', ');
          return {
            keys: d.keys,
            choice: choice(
              `${display}${detail ? ` (${detail})` : ''}${member && member.length < 40 ? ` — ${member}` : ''}`,
              display,
            ),
          };
        }),
      ]);
    }
    case 'date':
      return dateChoices(typed, ctx);
    case 'service':
      return filterCandidates(
        typed,
        ctx.config.catalogue.services.map((s) => ({ keys: s.keys, choice: choice(s.name, s.id) })),
      );
    case 'session': {
      const today = ctx.today();
      const all = (await ctx.sessions()).filter((s) => !s.cancelled);
      // Upcoming sessions first (soonest first), then past ones (latest first).
      const ordered = [...all.filter((s) => s.date >= today), ...all.filter((s) => s.date < today).reverse()];
      return filterCandidates(
        typed,
        ordered.map((s) => {
          const label = sessionLabel(ctx.config, s);
          return {
            keys: [s.date, label, s.date.split('-').reverse().join('/'), ...relativeWords(s.date, today)],
            choice: choice(`${label} (${s.date})`, s.date),
          };
        }),
      );
    }
    case 'choice':
      return filterCandidates(
        typed,
        (spec.choices ?? []).map((c) => ({ keys: [c], choice: choice(c, c) })),
      );
    default:
      return [];
  }
}

/** « aujourd'hui », « demain » for those two days: typed, they find the session of the day. */
function relativeWords(date: IsoDate, today: IsoDate): string[] {
  if (date === today) return ["aujourd'hui"];
  return date === addDays(today, 1) ? ['demain'] : [];
}

/**
 * Dates as people write them: what the typed text is read as (first, so a typo shows at once), then « aujourd'hui »,
 * « demain » and the next sessions' dates in words (« lundi 7 octobre 2024 »), all values the dispatcher reads.
 */
async function dateChoices(typed: string, ctx: CommandContext): Promise<Choice[]> {
  const today = ctx.today();
  const tomorrow = addDays(today, 1);
  const upcoming = (await ctx.sessions()).filter((s) => !s.cancelled && s.date >= today);
  const phrases: Candidate[] = [
    { keys: ["aujourd'hui"], choice: choice(`aujourd'hui (${formatDateLong(today)})`, "aujourd'hui") },
    { keys: ['demain'], choice: choice(`demain (${formatDateLong(tomorrow)})`, 'demain') },
    ...upcoming.map((s) => ({
      keys: [formatDateLong(s.date), s.date, s.date.split('-').reverse().join('/')],
      choice: choice(`${formatDateLong(s.date)} (${sessionLabel(ctx.config, s)})`, formatDateLong(s.date)),
    })),
  ];
  const listed = filterCandidates(typed, phrases);
  if (!typed.trim()) return listed;
  await loadDateReaderFor(typed);
  const read = understandDate(typed, { today, forward: true });
  if (!read.ok) return listed;
  const words = formatDateLong(read.value);
  if (listed.some((c) => c.value === words || fold(c.value) === fold(typed))) return listed;
  return [choice(`${words} (compris de « ${typed.trim()} »)`, words), ...listed].slice(0, COMMAND_LIMITS.choices);
}
