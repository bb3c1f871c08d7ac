/**
 * @module What a refusal says in its title: the action refused and why, « Pouvoir refusé : M. ROY détient déjà un
 * pouvoir », drawn from the error's code (the action) and the first clause of its message (the reason); the rest of
 * the message stays below as the explanation. A lookup that failed (« Délégué inconnu : « ROI » ») is its own
 * title. Pure: every door shows the same words.
 */
import { fold } from './normalize.ts';

/** The action refused, by error code; the longest matching code prefix wins. */
const ACTIONS: Readonly<Record<string, string>> = {
  access: 'Accès refusé',
  agenda: 'Ordre du jour inchangé',
  answer: 'Réponse non enregistrée',
  args: 'Commande incomplète',
  attendance: 'Présence non enregistrée',
  calendar: 'Lien de calendrier non créé',
  command: 'Commande non reconnue',
  convocation: 'Convocation refusée',
  journal: 'Journal',
  live: 'Action refusée en séance',
  'live.not-today': 'Séance non ouverte',
  'live.already-open': 'Séance déjà ouverte',
  'live.time': 'Séance non levée',
  member: 'Membre non trouvé',
  name: 'Délégué non trouvé',
  'name.me': '« moi » non compris',
  proxy: 'Pouvoir refusé',
  'proxy.not-pending': 'Pouvoir non refusé',
  'proxy.stale': 'Demande déjà traitée',
  'action.stale': 'Demande modifiée',
  publish: 'Publication non enregistrée',
  'publish.minutes-already': 'Procès-verbal déjà publié',
  quote: 'Devis impossible',
  reminder: 'Rappel refusé',
  reminders: 'Rappels indisponibles',
  service: 'Service non trouvé',
  session: 'Séance inchangée',
  'session.closed': 'Modification refusée',
  'session.open': 'Modification refusée',
  'session.cancelled': 'Demande refusée',
  'session.unknown': 'Séance non trouvée',
  'session.none': 'Séance non trouvée',
  'session.none-upcoming': 'Séance non trouvée',
  store: 'Erreur de stockage',
  vote: 'Vote non enregistré',
  'vote.syntax': 'Vote non compris',
};

/**
 * Codes whose message opens with the whole story (a lookup that failed, a syntax error): its first sentence is the
 * title as is, « Commande non reconnue : commande inconnue » would only say it twice.
 */
const SELF_TITLED = [
  'args',
  'command',
  'journal',
  'member',
  'name.unknown',
  'name.ambiguous',
  'proxy.not-found',
  'proxy.already-confirmed',
  'proxy.stale',
  'reminder.unknown',
  'reminders',
  'service',
  'session.unknown',
  'session.none',
  'session.exists',
  'session.none-upcoming',
  'vote.syntax',
];

/** Codes whose message is a diagnosis to read whole (a storage failure): the title is the action alone. */
const WHOLE = ['store'];

function byPrefix<T>(code: string, table: (key: string) => T | undefined): T | undefined {
  for (let key = code; key; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    const found = table(key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The action refused, for a code: « Pouvoir refusé », « Présence non enregistrée »; « Demande refusée » otherwise. */
export function refusalTitle(code: string): string {
  return byPrefix(code, (k) => ACTIONS[k]) ?? 'Demande refusée';
}

/** A title stays short enough for every door's heading (Slack's header block takes 150 characters). */
const MAX_REASON = 100;

/** The end of the first sentence: a full stop before a capital or the end, not the one of « M. » or « n° ». */
const SENTENCE_END = /(?<!\b(?:M|Mme|Mlle|art|n°|p))\.(?=\s+[«A-ZÀ-Ý/]|\s*$)/u;

/** Words that open a sentence and lose their capital after « : » (a name, « M. ROY », keeps it). */
const COMMON_OPENERS = new Set(
  (
    'le la les l un une aucun aucune il elle ce cet cette ces seul seule seuls on pas votre vous nommer indiquer ' +
    'une des du rien page nombre partage quorum participation vote commande argument delegue service membre seance'
  ).split(' '),
);

function lowerOpening(s: string): string {
  const first = fold(s.split(/[\s'’]/)[0] ?? '');
  return COMMON_OPENERS.has(first) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** A clause cut before its object (« réservée à : secrétariat ») is no reason on its own. */
const DANGLING = /\s(?:à|au|aux|de|du|des|le|la|les|pour|par|en|sur|avec|contre|entre|est|sont)$/i;

/** A clause set as its own sentence: a capital, a full stop. */
function sentenceOf(clause: string): string {
  const t = clause.trim();
  if (!t) return '';
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}

/** Splits `text` after its first sentence (or the whole text), the end mark dropped. */
function firstSentence(text: string): { head: string; rest: string } {
  const m = SENTENCE_END.exec(text);
  if (!m) return { head: text.trim(), rest: '' };
  return { head: text.slice(0, m.index).trim(), rest: text.slice(m.index + 1).trim() };
}

/** Guillemets and parentheses balanced: a cut inside « … » or ( … ) is no reason to show. */
const balanced = (s: string) =>
  (s.match(/«/g) ?? []).length === (s.match(/»/g) ?? []).length &&
  (s.match(/\(/g) ?? []).length === (s.match(/\)/g) ?? []).length;

export interface Refusal {
  /** « Pouvoir refusé : M. ROY détient déjà un pouvoir ». */
  readonly title: string;
  /** What the title did not say (the rule, what to do instead); empty when the title says it all. */
  readonly body: string;
}

/** The title and the explanation of a refusal, from its code and its message. */
export function refusal(code: string, message: string): Refusal {
  const action = refusalTitle(code);
  const text = message.trim();
  const { head: sentence, rest: after } = firstSentence(text);
  const colon = sentence.indexOf(' : ');
  if (byPrefix(code, (k) => (WHOLE.includes(k) ? true : undefined))) return { title: action, body: text };
  if (byPrefix(code, (k) => (SELF_TITLED.includes(k) ? true : undefined))) {
    if (sentence && sentence.length <= MAX_REASON && balanced(sentence)) return { title: sentence, body: after };
    const clause = colon > 0 ? sentence.slice(0, colon) : '';
    if (clause && clause.length <= MAX_REASON && balanced(clause) && !DANGLING.test(clause))
      return { title: clause, body: [sentenceOf(sentence.slice(colon + 3)), after].filter(Boolean).join(' ') };
    return { title: action, body: text };
  }
  // The reason is the sentence's first clause; what follows « : » explains it.
  const reason = colon > 0 ? sentence.slice(0, colon) : sentence;
  if (!reason || reason.length > MAX_REASON || !balanced(reason) || DANGLING.test(reason))
    return { title: action, body: text };
  const explanation = [colon > 0 ? sentenceOf(sentence.slice(colon + 3)) : '', after].filter(Boolean).join(' ');
  return { title: `${action} : ${lowerOpening(reason)}`, body: explanation };
}
