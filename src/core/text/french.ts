/**
 * @module French set properly: agreement from a person's civility, plurals from `Intl.PluralRules`
 * (0 and 1 take the singular in French), lists from `Intl.ListFormat`, attendance words, and the titles
 * of refusals that say what happened. One place, so every command writes French the same way.
 */
import type { AttendanceStatus } from '../model.ts';
import { formatInt } from './format.ts';

/** Anyone with a civility: a delegate, a staff member. */
export interface Civil {
  readonly civility: string;
}

export const isFeminine = (p: Civil) => /^(mme|mlle|madame|mademoiselle)\.?$/i.test(p.civility.trim());

/** The word agreed with the person: `agree(mmeRoy, 'présent', 'présente')` → « présente ». */
export const agree = (p: Civil, masculine: string, feminine: string) => (isFeminine(p) ? feminine : masculine);

const plurals = new Intl.PluralRules('fr-FR');

/** The noun for a count: `pluralWord(2, 'voix', 'voix')`, `pluralWord(0, 'représenté', 'représentés')` → singular. */
export const pluralWord = (n: number, one: string, many: string) => (plurals.select(n) === 'one' ? one : many);

/**
 * A count with its noun: « aucun représenté », « 1 représenté », « 2 représentés ». `none` replaces « 0 »
 * when French says it with a word (« aucun », « aucune »); without it « 0 représenté ».
 */
export function countOf(n: number, one: string, many: string, none?: string): string {
  if (n === 0 && none) return `${none} ${one}`;
  return `${formatInt(n)} ${pluralWord(n, one, many)}`;
}

const lists = {
  and: new Intl.ListFormat('fr-FR', { style: 'long', type: 'conjunction' }),
  or: new Intl.ListFormat('fr-FR', { style: 'long', type: 'disjunction' }),
};

/** « Amiens, visio et à distance »; `or` gives « salle, distance ou excusé ». */
export const listOf = (items: readonly string[], kind: 'and' | 'or' = 'and') => lists[kind].format(items);

/** « Amiens et à distance », but « Amiens, visio » alone when the place already says so (no « visio et à distance »). */
export function placeWithRemote(place: string, remote: boolean | undefined): string {
  if (!remote || /visio|distance|t[ée]l[ée]conf/i.test(place)) return place;
  return listOf([place, 'à distance']);
}

/** Attendance as said of this person: « présente en salle », « excusé », « absente ». */
export function statusWords(status: AttendanceStatus | undefined, p?: Civil): string {
  const f = p !== undefined && isFeminine(p);
  switch (status) {
    case 'salle':
      return f ? 'présente en salle' : 'présent en salle';
    case 'distance':
      return f ? 'présente à distance' : 'présent à distance';
    case 'excuse':
      return f ? 'excusée' : 'excusé';
    case 'absent':
      return f ? 'absente' : 'absent';
    default:
      return 'non renseigné';
  }
}

/** « lui-même », « elle-même ». */
export const himself = (p: Civil) => agree(p, 'lui-même', 'elle-même');

/**
 * The title of a refusal, from its error code: what happened (« Pouvoir refusé »), not « Impossible ».
 * The longest matching code prefix wins; the message below it says why.
 */
const REFUSAL_TITLES: Readonly<Record<string, string>> = {
  proxy: 'Pouvoir refusé',
  'proxy.not-found': 'Aucun pouvoir à traiter',
  'proxy.already-confirmed': 'Pouvoir déjà confirmé',
  'proxy.not-yours': 'Action réservée au délégué concerné',
  attendance: 'Présence non enregistrée',
  args: 'Commande incomplète ou mal écrite',
  name: 'Délégué non trouvé',
  'name.ambiguous': 'Plusieurs délégués possibles',
  'name.me': '« moi » sans délégué associé',
  service: 'Service non trouvé',
  'service.ambiguous': 'Plusieurs services possibles',
  session: 'Séance non trouvée',
  'session.none': 'Aucune séance enregistrée',
  'session.past': 'Séance déjà passée',
  'session.exists': 'Séance déjà planifiée',
  'session.cancelled': 'Séance annulée',
  'session.closed': 'Séance levée : registre protégé',
  'session.open': 'Séance ouverte : modification refusée',
  'session.none-upcoming': 'Aucune séance à venir',
  'session.rectifying': 'Rectification déjà ouverte',
  'session.not-closed': 'Rectification inutile',
  'session.not-cancelled': 'Séance non annulée',
  'session.not-in-office': 'Délégué hors exercice',
  answer: 'Réponse non enregistrée',
  live: 'Séance en cours : action refusée',
  'live.not-open': 'Séance non ouverte',
  'live.quorum': 'Quorum non atteint pour ce point',
  'live.item': 'Point non trouvé',
  convocation: 'Convocation inchangée',
  journal: 'Page inexistante',
  command: 'Commande non reconnue',
  'command.empty': 'Commande vide',
  'command.too-long': 'Commande trop longue',
  'proxy.not-pending': 'Pouvoir déjà confirmé',
  'proxy.stale': 'Demande déjà traitée',
  access: 'Accès refusé',
  quote: 'Devis impossible',
  member: 'Membre non trouvé',
  reminder: 'Rappel refusé',
  'reminder.unknown': 'Rappel non trouvé',
  reminders: 'Rappels indisponibles',
  agenda: 'Ordre du jour inchangé',
  calendar: 'Lien de calendrier non créé',
  publish: 'Publication non enregistrée',
  'publish.minutes-already': 'Procès-verbal déjà publié',
};

export function refusalTitle(code: string): string {
  for (let key = code; key; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    const title = REFUSAL_TITLES[key];
    if (title) return title;
  }
  return 'Demande refusée';
}
