/** @module Reminders a secretary adds from chat: stored rows → reminders; the DST note shown when adding one. */
import type { Config } from '../config.ts';
import { reply, text } from '../reply.ts';
import { formatTime, fromZoned, toZoned, type IsoDate, type WallTime } from '../text/dates.ts';
import type { CustomReminder, Reminder } from './model.ts';
import { zonedInstant } from './zoned.ts';

export const customId = (n: number) => `rappel:${n}`;

export function customToReminder(c: CustomReminder, config: Pick<Config, 'body'>): Reminder {
  const due = zonedInstant(c.date, c.time, config.body.timezone);
  return {
    id: customId(c.number),
    dueMs: due.getTime(),
    version: due.toISOString(),
    origin: 'custom',
    to: [c.to],
    summary: c.text.length > 80 ? `${c.text.slice(0, 79)}…` : c.text,
    message: reply('Rappel', [text(c.text)], { visibility: c.to.kind === 'delegate' ? 'ephemeral' : 'public' }),
    number: c.number,
  };
}

/**
 * What happens to a wall time on a DST change day, in French, or undefined on an ordinary day.
 * A time in the spring gap fires at the time the clocks jump to plus the same distance (02:30 → 03:30);
 * a time that occurs twice in autumn fires once, at its first occurrence (summer time).
 */
export function dstNote(date: IsoDate, time: WallTime, timeZone: string): string | undefined {
  const due = fromZoned(date, time, timeZone);
  const actual = toZoned(due, timeZone);
  if (actual.time !== time || actual.date !== date) {
    return `${formatTime(time)} n'existe pas ce jour-là (passage à l'heure d'été) : le rappel partira à ${formatTime(actual.time)}.`;
  }
  const hourLater = toZoned(new Date(due.getTime() + 3_600_000), timeZone);
  if (hourLater.date === date && hourLater.time === time) {
    return `${formatTime(time)} existe deux fois ce jour-là (passage à l'heure d'hiver) : le rappel partira une seule fois, à la première.`;
  }
  return undefined;
}
