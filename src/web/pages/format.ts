/** @module Text shared by the pages: session headings, remote participation, publication lines. */
import { publicationStatus } from '../../core/publication/rules.ts';
import { emptyRecord, type Publication, type Session } from '../../core/model.ts';
import { formatDateLong, formatDateTime, toZoned, type IsoDate } from '../../core/text/dates.ts';

export const sessionPath = (s: Session) => `/seances/${s.id}`;
export const sessionHeading = (s: Session) => `${s.title} du ${formatDateLong(s.date)}`;
export const remoteLabel = (s: Session) => (s.remote ? 'possible (téléconférence)' : 'non prévue');
export const whenLabel = (s: Session) => formatDateTime(s.date, s.time);

/** « Publiée le … », « À publier au plus tard le … », « Non publiée (délai : …) », or nothing before the session. */
export function publicationLine(
  s: Session,
  published: Publication | undefined,
  today: IsoDate,
  timeZone: string,
): string | undefined {
  const st = publicationStatus(s, { ...emptyRecord, published }, today);
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
