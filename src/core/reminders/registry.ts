/** @module Commands reach the running scheduler through their context; without one they say so in French. */
import type { CommandContext } from '../command.ts';
import { fail } from '../errors.ts';
import type { ReminderScheduler } from './scheduler.ts';

export function remindersOf(ctx: Pick<CommandContext, 'reminders'>): ReminderScheduler {
  if (!ctx.reminders) fail('reminders.unavailable', 'Les rappels ne sont pas actifs dans cette instance de Séance.');
  return ctx.reminders;
}
