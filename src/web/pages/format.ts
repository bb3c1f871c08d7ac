/** @module Text shared by the pages: session headings, remote participation, publication lines (deliberations, minutes). */
import { publicationStatus } from '../../core/publication/rules.ts';
import { emptyRecord, type Session } from '../../core/model.ts';
import { formatDateLong, formatDateTime, toZoned, type IsoDate } from '../../core/text/dates.ts';
import type { PublicSession } from '../site-data.ts';

export const sessionPath = (s: Session) => `/seances/${s.id}`;
export const sessionHeading = (s: Session) => `${s.title} du ${formatDateLong(s.date)}`;
export const remoteLabel = (s: Session) => (s.remote ? 'possible (téléconférence)' : 'non prévue');
export const whenLabel = (s: Session) => formatDateTime(s.date, s.time);

/** « Publiée le … », « À publier au plus tard le … », « Non publiée (délai : …) », or nothing before the session. */
export function publicationLine(
  s: Session,
  published: { readonly at: string } | undefined,
  today: IsoDate,
  timeZone: string,
): string | undefined {
  const record = published ? { ...emptyRecord, published: { at: published.at, by: '' } } : emptyRecord;
  const st = publicationStatus(s, record, today);
  switch (st.kind) {
    case 'published':
      return `Liste des délibérations publiée le ${formatDateLong(toZoned(new Date(st.at), timeZone).date)}`;
    case 'due':
      return `Liste des délibérations à publier au plus tard le ${formatDateLong(st.deadline)}`;
    case 'late':
      return `Publication de la liste des délibérations non enregistrée (délai légal : ${formatDateLong(st.deadline)})`;
    case 'not-held':
      return undefined;
  }
}

/** « Procès-verbal arrêté le …, publié le … », once arrêté; nothing before. */
export function minutesLine(p: PublicSession, timeZone: string): string | undefined {
  if (p.state !== 'arretee') return undefined;
  if (!p.minutes) return 'Procès-verbal arrêté (date de publication en ligne non enregistrée)';
  const published = toZoned(new Date(p.minutes.at), timeZone).date;
  return `Procès-verbal arrêté le ${formatDateLong(p.minutes.adoptedOn)}, publié le ${formatDateLong(published)}`;
}
