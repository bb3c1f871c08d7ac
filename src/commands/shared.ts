/** @module Helpers the command handlers share: the optional session argument, names, the journal's "who". */
import { arg, type CommandContext } from '../core/command.ts';
import type { Who } from '../core/assembly/proxies.ts';
import { delegatesById } from '../core/assembly/quorum.ts';
import type { Delegate, Session } from '../core/model.ts';
import { delegateName } from '../core/config.ts';
import { sessionLabel } from '../core/dispatch.ts';
import { formatDateTime, type IsoDate } from '../core/text/dates.ts';

export const sessionArg = arg({
  name: 'séance',
  kind: 'session',
  optional: true,
  description: 'date de la séance (2024-10-07 ou 07/10/2024) ; par défaut la prochaine, sinon la dernière',
});

export const nameOf = delegateName;

export function nameById(ctx: CommandContext): (id: string) => string {
  const byId = delegatesById(ctx.config.roster);
  return (id) => {
    const d = byId.get(id);
    return d ? nameOf(d) : id;
  };
}

export function who(ctx: CommandContext): Who {
  return { name: ctx.actor.name, door: ctx.actor.door, at: ctx.clock.now().toISOString() };
}

export function sessionHeading(ctx: CommandContext, s: Session): string {
  const label = `${s.title} du ${formatDateTime(s.date, s.time)}`;
  return s.cancelled ? `${label} (annulée)` : label;
}

export { sessionLabel };

/**
 * What a button about a session decides on: its planning (which meeting, when, where, cancelled or not), not its
 * agenda or attendance. For `decides` (src/core/action-version.ts); undefined without a date (a typed line).
 */
export async function sessionPlanning(ctx: CommandContext, date: IsoDate | undefined): Promise<unknown> {
  if (!date) return undefined;
  const s = await ctx.session(date);
  return { id: s.id, date: s.date, time: s.time, place: s.place, remote: s.remote, cancelled: Boolean(s.cancelled) };
}
