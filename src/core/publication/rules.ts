/**
 * @module Publication rules: the list of deliberations examined is posted and put online within a week of the
 * session (CGCT L2121-25); the adopted minutes are published electronically, permanently (L2121-15).
 */
import type { Session, SessionRecord } from '../model.ts';
import { addDays, type IsoDate } from '../text/dates.ts';

/** Days after the session within which the list of deliberations must be online. */
export const PUBLICATION_DAYS = 7;
export const PUBLICATION_RULE =
  "liste des délibérations examinées affichée et mise en ligne dans un délai d'une semaine (CGCT, art. L2121-25)";
export const MINUTES_RULE =
  'arrêté au commencement de la séance suivante, puis publié sous forme électronique de manière permanente et gratuite dans la semaine qui suit (CGCT, art. L2121-15)';
/** The secretariat is reminded this many days before the legal week ends. */
export const PUBLICATION_NOTICE_DAYS = 2;

export function publicationDeadline(session: Pick<Session, 'date'>): IsoDate {
  return addDays(session.date, PUBLICATION_DAYS);
}

export type PublicationStatus =
  | { readonly kind: 'published'; readonly at: string; readonly by: string }
  | { readonly kind: 'due'; readonly deadline: IsoDate }
  | { readonly kind: 'late'; readonly deadline: IsoDate }
  | { readonly kind: 'not-held' };

/** Where a session stands: published, still within the legal week, past it, or not held yet (nor cancelled). */
export function publicationStatus(session: Session, record: SessionRecord, today: IsoDate): PublicationStatus {
  if (record.published) return { kind: 'published', ...record.published };
  if (session.cancelled || session.date > today) return { kind: 'not-held' };
  const deadline = publicationDeadline(session);
  return today <= deadline ? { kind: 'due', deadline } : { kind: 'late', deadline };
}
