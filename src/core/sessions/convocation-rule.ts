/**
 * @module The convocation rule of a body (jours francs and their legal source), whether a recorded sending
 * date complied, and the draft convocation text with the agenda.
 */
import type { BodyProfile, Session } from '../model.ts';
import { formatDateLong, formatTime, type IsoDate } from '../text/dates.ts';
import { joursFrancsBetween, latestConvocationDate } from './convocation.ts';

/** CGCT L2121-11 / L2121-12: in urgency the delay may be cut to one jour franc. */
export const URGENCY_DAYS = 1;

export interface ConvocationRule {
  readonly days: number;
  readonly source: string;
}

export function convocationRule(body: BodyProfile): ConvocationRule {
  const days = body.convocationDays;
  const source = (() => {
    switch (body.kind) {
      case 'commune':
        if (days === 3) return 'CGCT, article L2121-11 (commune de moins de 3 500 habitants)';
        if (days === 5) return 'CGCT, article L2121-12 (commune de 3 500 habitants et plus)';
        return 'règlement intérieur de la commune';
      case 'epci':
        return 'CGCT, articles L2121-12 et L5211-1';
      case 'syndicat-mixte-ferme':
        return 'CGCT, articles L2121-12 et L5711-1';
      case 'syndicat-mixte-ouvert':
        return 'statuts du syndicat (à défaut, CGCT, article L2121-12)';
    }
  })();
  return { days, source };
}

export const joursFrancsLabel = (n: number) => `${n} jour${n > 1 ? 's' : ''} franc${n > 1 ? 's' : ''}`;

export interface ConvocationStatus {
  readonly days: number;
  /** Latest sending date: meeting − (days + 1). */
  readonly deadline: IsoDate;
  readonly urgencyDeadline: IsoDate;
  readonly sentOn?: IsoDate;
  /** Jours francs between the recorded sending date and the meeting. */
  readonly joursFrancs?: number;
  readonly compliant?: boolean;
  /** Not compliant with the ordinary delay, but with the urgency one. */
  readonly onlyInUrgency?: boolean;
}

export function convocationStatus(session: Pick<Session, 'date' | 'convokedOn'>, days: number): ConvocationStatus {
  const base = {
    days,
    deadline: latestConvocationDate(session.date, days),
    urgencyDeadline: latestConvocationDate(session.date, URGENCY_DAYS),
  };
  if (!session.convokedOn) return base;
  const jf = joursFrancsBetween(session.convokedOn, session.date);
  return { ...base, sentOn: session.convokedOn, joursFrancs: jf, compliant: jf >= days, onlyInUrgency: jf < days && jf >= URGENCY_DAYS };
}

/** "du Comité syndical", "de l'Assemblée générale". */
export function ofTitle(title: string): string {
  return /^[aeiouyhàâéèêîôû]/i.test(title) ? `de l'${title}` : `du ${title}`;
}

/** The convocation letter, ready to copy (agenda titles only, never the outcomes of a past session). */
export function convocationDraft(session: Session, body: BodyProfile, presidentName?: string): string {
  const when = `${formatDateLong(session.date)} à ${formatTime(session.time)}`;
  const items = session.agenda.map((it, i) => `${i + 1}. ${it.title}${it.kind === 'information' ? ' (pour information)' : ''}`);
  const lines = [
    `Objet : convocation à la réunion ${ofTitle(session.title)} du ${formatDateLong(session.date)}`,
    '',
    'Madame, Monsieur,',
    '',
    `J'ai l'honneur de vous convoquer à la réunion ${ofTitle(session.title)} de ${body.name}, qui se tiendra le ${when}, ${session.place}.`,
  ];
  if (session.remote) lines.push('La participation à distance (téléconférence) est possible ; les délégués à distance sont comptés présents.');
  lines.push('', 'Ordre du jour :', ...(items.length ? items : ['(à compléter)']));
  lines.push(
    '',
    `En cas d'empêchement, vous pouvez donner pouvoir à un autre délégué (${body.maxProxiesPerHolder === 1 ? 'un seul pouvoir par délégué' : `${body.maxProxiesPerHolder} pouvoirs au plus par délégué`}) : /pouvoir donner <votre nom> <mandataire> ${session.date}.`,
    '',
    'Je vous prie d\'agréer, Madame, Monsieur, l\'expression de mes salutations distinguées.',
    '',
    presidentName ? `${/^Mme\b/.test(presidentName) ? 'La Présidente' : 'Le Président'}, ${presidentName}` : 'Le Président',
  );
  return lines.join('\n');
}
