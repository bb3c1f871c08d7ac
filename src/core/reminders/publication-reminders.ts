/**
 * @module The publication reminder: for a session held and not yet published, the secretariat is told two
 * days before the legal week ends (CGCT L2121-25) to run `/publier`. Recomputed on each tick, so it
 * disappears as soon as the session is published.
 */
import type { Config } from '../config.ts';
import type { Session, SessionRecord } from '../model.ts';
import {
  PUBLICATION_DAYS,
  PUBLICATION_NOTICE_DAYS,
  PUBLICATION_RULE,
  publicationDeadline,
} from '../publication/rules.ts';
import { reply, text } from '../reply.ts';
import { ofTitle } from '../sessions/convocation-rule.ts';
import { addDays, formatDateLong, fromZoned } from '../text/dates.ts';
import type { Reminder } from './model.ts';
import { SESSION_REMINDER_TIME, sessionStart } from './session-reminders.ts';

export interface HeldSession {
  readonly session: Session;
  readonly record: SessionRecord;
}

/** Sessions started, not cancelled, whose legal publication week has not ended yet. */
export function heldWithinPublicationWeek(sessions: readonly Session[], now: Date, timeZone: string): Session[] {
  return sessions.filter((s) => {
    if (s.cancelled) return false;
    const start = sessionStart(s, timeZone).getTime();
    const end = fromZoned(publicationDeadline(s), '23:59', timeZone).getTime();
    return start <= now.getTime() && now.getTime() <= end;
  });
}

export function publicationReminders(config: Pick<Config, 'body'>, held: readonly HeldSession[]): Reminder[] {
  const tz = config.body.timezone;
  return held
    .filter(({ record }) => !record.published)
    .map(({ session }) => {
      const deadline = publicationDeadline(session);
      const due = fromZoned(
        addDays(session.date, PUBLICATION_DAYS - PUBLICATION_NOTICE_DAYS),
        SESSION_REMINDER_TIME,
        tz,
      );
      const label = `${session.title} du ${formatDateLong(session.date)}`;
      return {
        id: `seance:${session.id}:publication`,
        dueMs: due.getTime(),
        version: `${due.toISOString()}|${session.date}`,
        origin: 'publication',
        to: [{ kind: 'secretariat' }],
        sessionId: session.id,
        summary: `Publication de la liste des délibérations ${ofTitle(session.title)} du ${formatDateLong(session.date)} (au plus tard le ${formatDateLong(deadline)})`,
        message: reply(
          'Publication à faire',
          [
            text(
              `La liste des délibérations examinées lors du ${label} doit être affichée et mise en ligne au plus tard le ${formatDateLong(deadline)}.`,
            ),
            text(`Une fois publiée : /publier ${session.date}`),
          ],
          { tone: 'warning', rule: `Publication : ${PUBLICATION_RULE}.`, session: label },
        ),
      };
    });
}
