/** @module The annual seminar's reminders (J-14, J-7, J-1… at the configured hour), derived from the config. */
import type { Config, SeminarConfig } from '../config.ts';
import { fields, reply, text, type Recipient } from '../reply.ts';
import { seminarIcs } from '../sessions/ics.ts';
import { addDays, formatDateLong, fromZoned, parseDate, toZoned, type IsoDate } from '../text/dates.ts';
import type { Reminder } from './model.ts';

/** The seminar's dates this year and next that are not past (26 November → "2026-11-26", "2027-11-26"). */
export function seminarDates(seminar: Pick<SeminarConfig, 'day'>, today: IsoDate, years = 2): IsoDate[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: years }, (_, i) => year + i)
    .map((y) => parseDate(`${y}-${seminar.day}`)) // 29 February exists only in leap years
    .filter((d): d is IsoDate => d !== null && d >= today);
}

export function nextSeminarDate(seminar: Pick<SeminarConfig, 'day'>, today: IsoDate): IsoDate | undefined {
  return seminarDates(seminar, today, 9)[0];
}

export function leadLabel(lead: number): string {
  if (lead === 0) return "aujourd'hui";
  if (lead === 1) return 'demain';
  return `dans ${lead} jours`;
}

export function seminarRecipients(seminar: SeminarConfig): Recipient[] {
  return seminar.to.map((kind) => ({ kind }));
}

export function seminarReminders(config: Pick<Config, 'body' | 'reminders'>, now: Date): Reminder[] {
  const seminar = config.reminders.seminar;
  if (!seminar) return [];
  const tz = config.body.timezone;
  const today = toZoned(now, tz).date;
  const out: Reminder[] = [];
  for (const date of seminarDates(seminar, today)) {
    const ics = seminarIcs(seminar, date, config, now);
    for (const lead of [...new Set(seminar.leadDays)]) {
      const due = fromZoned(addDays(date, -lead), seminar.time, tz);
      const when = leadLabel(lead);
      const message = reply(
        `Rappel : ${seminar.title} ${when}`,
        [
          text(
            `${lead === 0 ? `Le ${seminar.title} a lieu aujourd'hui` : `Le ${seminar.title} aura lieu ${when}`}, le ${formatDateLong(date)}.`,
          ),
          fields([
            { label: 'Date', value: formatDateLong(date) },
            { label: 'Lieu', value: seminar.place ?? 'à préciser par le secrétariat' },
          ]),
          text('Le fichier agenda (.ics) est joint.'),
        ],
        { attachments: [ics] },
      );
      out.push({
        id: `seminaire:${date}:J-${lead}`,
        dueMs: due.getTime(),
        version: due.toISOString(),
        origin: 'seminar',
        to: seminarRecipients(seminar),
        summary: `${seminar.title} du ${formatDateLong(date)} (J-${lead})`,
        message,
      });
    }
  }
  return out;
}
