/**
 * @module The convocation rule of a body (jours francs and their legal source), whether a recorded sending
 * date complied, and the draft convocation text with the agenda.
 */
import { remoteExclusionsIn } from '../assembly/profile.ts';
import type { BodyProfile, Session } from '../model.ts';
import { formatDateLong, formatTime, type IsoDate } from '../text/dates.ts';
import { joursFrancsBetween, latestConvocationDate } from './convocation.ts';

/** CGCT L2121-11 / L2121-12: in urgency the delay may be cut to one jour franc. */
export const URGENCY_DAYS = 1;

export interface ConvocationRule {
  readonly days: number;
  readonly source: string;
  readonly urgency: boolean;
}

/** The delay that applies to a session: urgency, a delay the statutes set for it, or the body's rule. */
export function convocationRule(
  body: BodyProfile,
  session?: Pick<Session, 'urgency' | 'convocationDays'>,
): ConvocationRule {
  if (session?.urgency) {
    const article = body.convocationDays >= 5 ? 'L2121-12' : 'L2121-11';
    const via =
      body.kind === 'commune' || body.kind === 'syndicat-mixte-ouvert'
        ? ''
        : body.kind === 'syndicat-mixte-ferme'
          ? ' et L5711-1'
          : ' et L5211-1';
    const cgct = `CGCT, article${via ? 's' : ''} ${article}${via}`;
    const source = `${body.kind === 'syndicat-mixte-ouvert' ? `statuts ; à défaut, ${cgct}` : cgct} : en cas d'urgence, un jour franc au moins ; l'assemblée se prononce sur l'urgence à l'ouverture de la séance`;
    return { days: URGENCY_DAYS, source, urgency: true };
  }
  if (session?.convocationDays !== undefined) {
    return {
      days: session.convocationDays,
      source: 'délai fixé pour cette séance dans la configuration (statuts ou règlement intérieur)',
      urgency: false,
    };
  }
  return { days: body.convocationDays, source: body.convocationSource, urgency: false };
}

/** Agenda items a remote session may not decide (L5211-11-1), or the session itself when remote is not allowed. */
export function remoteSessionWarnings(session: Pick<Session, 'remote' | 'agenda'>, body: BodyProfile): string[] {
  if (!session.remote) return [];
  if (!body.remoteAllowed)
    return [
      `La séance est prévue avec participation à distance, ce qui n'est pas prévu pour cette assemblée (${body.remoteSource}) : les membres à distance ne compteront pas.`,
    ];
  const out: string[] = [];
  for (const item of session.agenda) {
    const matters = remoteExclusionsIn(item.title, body.remoteExclusions);
    if (matters.length)
      out.push(
        `« ${item.title} » (${matters.join(', ')}) ne peut pas être décidé lors d'une séance tenue à distance (${body.remoteSource}) : prévoir une séance en présentiel pour ce point.`,
      );
  }
  return out;
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
  return {
    ...base,
    sentOn: session.convokedOn,
    joursFrancs: jf,
    compliant: jf >= days,
    onlyInUrgency: jf < days && jf >= URGENCY_DAYS,
  };
}

/** "du Comité syndical", "de l'Assemblée générale". */
export function ofTitle(title: string): string {
  return /^[aeiouyhàâéèêîôû]/i.test(title) ? `de l'${title}` : `du ${title}`;
}

/** "Le Président, M. VARLET", "La Maire, Mme DURAND": the convener signs (L2121-10). */
export function signature(body: BodyProfile, name?: string): string {
  const woman = name !== undefined && /^Mme\b/.test(name);
  const title =
    body.convener === 'maire' ? (woman ? 'La Maire' : 'Le Maire') : woman ? 'La Présidente' : 'Le Président';
  return name ? `${title}, ${name}` : title;
}

/** The convocation letter, ready to copy (agenda titles only, never the outcomes of a past session). */
export function convocationDraft(session: Session, body: BodyProfile, presidentName?: string): string {
  const when = `${formatDateLong(session.date)} à ${formatTime(session.time)}`;
  const items = session.agenda.map(
    (it, i) => `${i + 1}. ${it.title}${it.kind === 'information' ? ' (pour information)' : ''}`,
  );
  const rule = convocationRule(body, session);
  const lines = [
    `Objet : convocation à la réunion ${ofTitle(session.title)} du ${formatDateLong(session.date)}${rule.urgency ? ' (urgence)' : ''}`,
    '',
    'Madame, Monsieur,',
    '',
    `J'ai l'honneur de vous convoquer à la réunion ${ofTitle(session.title)} de ${body.name}, qui se tiendra le ${when}, ${session.place}.`,
  ];
  if (rule.urgency)
    lines.push(
      `Cette convocation est faite en urgence (${joursFrancsLabel(URGENCY_DAYS)}) : l'assemblée se prononcera sur l'urgence à l'ouverture de la séance.`,
    );
  if (session.secondConvocationOf) {
    lines.push(
      `Le quorum n'ayant pas été atteint lors de la séance du ${formatDateLong(session.secondConvocationOf, false)}, l'assemblée délibérera valablement sans condition de quorum sur le même ordre du jour (${body.quorum.secondConvocationSource}).`,
    );
  }
  if (session.remote && body.remoteAllowed) {
    lines.push(
      `La participation à distance (téléconférence) est possible ; ${body.remoteCountsAsPresent ? 'les membres à distance sont comptés présents' : 'les membres à distance ne comptent pas pour le quorum'}.`,
    );
  }
  lines.push('', 'Ordre du jour :', ...(items.length ? items : ['(à compléter)']));
  if (body.synthesisNote)
    lines.push(
      '',
      'Une note explicative de synthèse sur les affaires soumises à délibération est jointe à la présente convocation.',
    );
  lines.push(
    '',
    `En cas d'empêchement, vous pouvez donner pouvoir écrit à un autre membre (${body.maxProxiesPerHolder === 1 ? 'un seul pouvoir par membre' : `${body.maxProxiesPerHolder} pouvoirs au plus par membre`}) : /pouvoir donner <votre nom> <mandataire> ${session.date}.`,
    '',
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    '',
    signature(body, presidentName),
  );
  return lines.join('\n');
}
