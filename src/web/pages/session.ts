/**
 * @module A session's page: when and where, the agenda, and once held the deliberations with their results
 * (CGCT L2121-25) and the state of the minutes (L2121-15). Outcomes come from the agenda items.
 */
import type { Config } from '../../core/config.ts';
import { delegatesById } from '../../core/assembly/quorum.ts';
import { PUBLICATION_RULE } from '../../core/publication/rules.ts';
import { formatDateLong, formatTime } from '../../core/text/dates.ts';
import { isHeld, type PublicSession, type SiteData } from '../site-data.ts';
import { publicationLine, remoteLabel, sessionHeading, whenLabel } from './format.ts';

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
  readonly minutes: { readonly transmitted?: string; readonly note: string };
}

export function findSession(site: SiteData, id: string): PublicSession | undefined {
  return site.sessions.find((p) => p.session.id === id);
}

export function sessionView(config: Config, site: SiteData, { session: s, published }: PublicSession): SessionView {
  const held = isHeld(s, site.today);
  const byId = delegatesById(config.roster);
  // The president and the secretary of the session are named by the minutes; nobody else is.
  const name = (id: string | undefined) =>
    id ? (byId.get(id) ? `${byId.get(id)!.civility} ${byId.get(id)!.lastName}` : id) : undefined;
  const facts = [
    { label: 'Date', value: whenLabel(s) },
    { label: 'Lieu', value: s.place },
    { label: 'Participation à distance', value: remoteLabel(s) },
    ...(s.convokedOn ? [{ label: 'Convocation', value: `envoyée le ${formatDateLong(s.convokedOn)}` }] : []),
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
    minutes: {
      ...(s.prefecture ? { transmitted: s.prefecture } : {}),
      note: "Séance n'enregistre pas encore l'adoption (« arrêté ») du procès-verbal : il sera publié ici, intégralement et sans limite de durée, une fois adopté (CGCT, art. L2121-15). En attendant, cette page reprend ce qui est enregistré : l'ordre du jour, les délibérations et leurs résultats.",
    },
  };
}
