/**
 * @module A session's page: when and where, the agenda, and once held the deliberations with their results
 * (CGCT L2121-25); once the session is arrêtée, the adopted minutes in full and their Word document (L2121-15).
 * Outcomes come from the agenda items; the minutes from minutes.ts.
 */
import type { Config } from '../../core/config.ts';
import { delegatesById } from '../../core/assembly/quorum.ts';
import { PUBLICATION_RULE } from '../../core/publication/rules.ts';
import type { Part } from '../../core/minutes/outline.ts';
import { minutesDocumentPath } from '../../core/publication/links.ts';
import { formatDateLong, formatTime } from '../../core/text/dates.ts';
import { isHeld, type PublicSession, type SiteData } from '../site-data.ts';
import { minutesLine, publicationLine, remoteLabel, sessionHeading, whenLabel } from './format.ts';
import { htmlParts, minutesFilename, type HtmlPart } from './minutes.ts';

const KIND_LABEL = {
  procedure: 'Ouverture de la séance',
  information: 'Information',
  deliberation: 'Délibération',
} as const;

export interface SessionView {
  readonly heading: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly cancelled: boolean;
  readonly held: boolean;
  readonly agenda: readonly { readonly kind: string; readonly title: string; readonly outcome?: string }[];
  readonly deliberations: readonly { readonly number: number; readonly title: string; readonly outcome: string }[];
  readonly publication?: string;
  readonly publicationRule: string;
  readonly minutes:
    | { readonly adopted: false; readonly transmitted?: string; readonly note: string }
    | {
        readonly adopted: true;
        readonly line: string;
        readonly document: { readonly path: string; readonly filename: string };
        readonly parts: readonly HtmlPart[];
      };
}

export function findSession(site: SiteData, id: string): PublicSession | undefined {
  return site.sessions.find((p) => p.session.id === id);
}

/** `adopted`: the minutes' parts, given once the session is arrêtée (minutes.ts). */
export function sessionView(config: Config, site: SiteData, p: PublicSession, adopted?: readonly Part[]): SessionView {
  const { session: s, published } = p;
  const held = isHeld(s, site.today);
  const byId = delegatesById(config.roster);
  // The president and the secretary of the session are named by the minutes; nobody else is.
  const name = (id: string | undefined) =>
    id ? (byId.get(id) ? `${byId.get(id)!.civility} ${byId.get(id)!.lastName}` : id) : undefined;
  const facts = [
    { label: 'Date', value: whenLabel(s) },
    { label: 'Lieu', value: s.place },
    { label: 'Participation à distance', value: remoteLabel(s) },
    ...(p.convokedOn ? [{ label: 'Convocation', value: `envoyée le ${formatDateLong(p.convokedOn)}` }] : []),
    ...(s.president ? [{ label: 'Présidence', value: name(s.president)! }] : []),
    ...(s.secretary ? [{ label: 'Secrétaire de séance', value: name(s.secretary)! }] : []),
    ...(s.closedAt ? [{ label: 'Séance levée', value: `à ${formatTime(s.closedAt)}` }] : []),
  ];
  const deliberations = s.agenda
    .filter((it) => it.kind === 'deliberation')
    .map((it, i) => ({
      number: i + 1,
      title: it.title,
      outcome: it.outcome ?? (held ? 'Résultat non renseigné' : 'À délibérer'),
    }));
  return {
    heading: sessionHeading(s),
    facts,
    cancelled: Boolean(s.cancelled),
    held,
    agenda: s.agenda.map((it) => ({
      kind: KIND_LABEL[it.kind],
      title: it.title,
      ...(held && it.outcome ? { outcome: it.outcome } : {}),
    })),
    deliberations,
    publication: publicationLine(s, published, site.today, config.body.timezone),
    publicationRule: `${PUBLICATION_RULE[0]!.toUpperCase()}${PUBLICATION_RULE.slice(1)}.`,
    minutes: adopted
      ? {
          adopted: true,
          line: minutesLine(p, config.body.timezone) ?? 'Procès-verbal arrêté',
          document: { path: minutesDocumentPath(s.id), filename: minutesFilename(p) },
          parts: htmlParts(adopted),
        }
      : {
          adopted: false,
          ...(s.prefecture ? { transmitted: s.prefecture } : {}),
          note: "Le procès-verbal sera publié ici, intégralement et sans limite de durée, une fois arrêté au commencement d'une séance suivante (CGCT, art. L2121-15). En attendant, cette page reprend ce qui est enregistré : l'ordre du jour, les délibérations et leurs résultats.",
        },
  };
}
