/** @module Autocomplete choices for an option being typed: delegates, services, sessions, long choice lists. */
import type { ArgSpec, CommandContext } from '../../core/command.ts';
import { delegateName } from '../../core/config.ts';
import { sessionLabel } from '../../core/dispatch.ts';
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
      return filterCandidates(
        typed,
        people.map((d) => {
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
      );
    }
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
            keys: [s.date, label, s.date.split('-').reverse().join('/')],
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
