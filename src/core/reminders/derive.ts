/** @module Every reminder the config and the current sessions imply, recomputed on each tick (so a moved or cancelled session reschedules or drops its own). */
import type { Config } from '../config.ts';
import { emptyRecord, type Session, type SessionRecord } from '../model.ts';
import type { Reminder } from './model.ts';
import { publicationReminders, type HeldSession } from './publication-reminders.ts';
import { seminarReminders } from './seminar.ts';
import { sessionReminders, sessionStart } from './session-reminders.ts';

export interface ReminderSources {
  readonly sessions: readonly Session[];
  /** Attendance and proxies of the upcoming sessions (for the absent-without-proxy messages). */
  readonly records: ReadonlyMap<string, SessionRecord>;
  /** Sessions held within their legal publication week, with their records (for the publication reminder). */
  readonly held?: readonly HeldSession[];
}

/** Sessions that have not started and are not cancelled: the only ones that get reminders. */
export function upcomingSessions(sessions: readonly Session[], now: Date, timeZone: string): Session[] {
  return sessions.filter((s) => !s.cancelled && sessionStart(s, timeZone).getTime() > now.getTime());
}

export function deriveReminders(
  config: Pick<Config, 'body' | 'roster' | 'reminders'>,
  sources: ReminderSources,
  now: Date,
): Reminder[] {
  return [
    ...seminarReminders(config, now),
    ...upcomingSessions(sources.sessions, now, config.body.timezone).flatMap((s) =>
      sessionReminders(config, s, sources.records.get(s.id) ?? emptyRecord, now),
    ),
    ...publicationReminders(config, sources.held ?? []),
  ];
}
