/**
 * @module The minutes laid out once, as neutral parts (headings, paragraphs, tables, lists) in the order of the
 * body's own minutes; the Markdown and DOCX renderers only translate parts, so both say the same thing. Pure.
 */
import { disregardedText } from '../assembly/record-rules.ts';
import { formatDateLong, formatTime } from '../text/dates.ts';
import { formatInt, plural } from '../text/format.ts';
import type { AttendanceRow, Minutes, MinutesItem } from './build.ts';
import { dateInWords } from './words.ts';

export type Part =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly strong?: boolean; readonly emphasis?: boolean }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'list'; readonly items: readonly string[]; readonly ordered: boolean };

const h = (level: 1 | 2 | 3, text: string): Part => ({ kind: 'heading', level, text });
const p = (text: string, style: { strong?: boolean; emphasis?: boolean } = {}): Part => ({
  kind: 'paragraph',
  text,
  ...style,
});

function attendanceTable(title: string, rows: readonly AttendanceRow[]): Part[] {
  return [
    h(3, `${title} (${rows.length})`),
    {
      kind: 'table',
      columns: ['Présents', 'Pouvoirs', 'Voix'],
      rows: rows.map((r) => [r.present, r.proxy ?? '—', formatInt(r.voix)]),
    },
  ];
}

export function itemHeading(it: MinutesItem): string {
  return it.kind === 'deliberation'
    ? `${it.number}. Délibération n° ${it.deliberation} : ${it.title}`
    : `${it.number}. ${it.title}`;
}

/** « 12 présents et 12 représentés, soit 24 délégués sur 47 en exercice (seuil : 24), et 54 voix sur 104 : … ». */
export function quorumSentence(m: Minutes): string {
  const q = m.quorum;
  const present = q.room.length + (m.remoteCounts ? q.remote.length : 0) + q.substituted.length;
  const seuil = `seuil : ${formatInt(q.threshold)}${m.quorumCount === 'votes' ? ' voix' : ''}`;
  const voix = `${formatInt(q.votesPresent + q.votesRepresented)} voix sur ${formatInt(q.totalVotes)}`;
  const withoutQuorum = q.secondConvocation?.valid && q.counted < q.threshold;
  const outcome = withoutQuorum
    ? 'la séance délibère sans condition de quorum (seconde convocation)'
    : `le quorum ${q.reached ? 'est atteint' : "n'est pas atteint"}`;
  // Under L2121-17 proxies vote but do not count toward the quorum: the sentence must not add them up.
  if (m.quorumBase === 'present') {
    return `${plural(present, 'présent', 'présents')} sur ${formatInt(q.heads.base)} membres en exercice (${seuil}) ; ${plural(q.represented.length, 'représenté', 'représentés')}, qui votent par pouvoir sans compter pour le quorum ; ${voix} : ${outcome}.`;
  }
  return `${plural(present, 'présent', 'présents')} et ${plural(q.represented.length, 'représenté', 'représentés')}, soit ${plural(present + q.represented.length, 'délégué', 'délégués')} sur ${formatInt(q.heads.base)} en exercice (${seuil}), et ${voix} : ${outcome}.`;
}

function composition(m: Minutes): string[] {
  return m.composition.map((c) => {
    const who = c.delegates
      ? `${plural(c.delegates, 'délégué', 'délégués')} disposant chacun`
      : 'chaque délégué dispose';
    const voix =
      c.votesEach === undefined
        ? 'des voix fixées par les statuts'
        : c.votesEach === 1
          ? "d'une voix"
          : `de ${formatInt(c.votesEach)} voix`;
    return `${c.name} : ${who} ${voix}`;
  });
}

export function minutesOutline(m: Minutes): Part[] {
  const s = m.session;
  const parts: Part[] = [h(1, m.body), h(2, `Procès-verbal – ${m.assembly} du ${formatDateLong(s.date)}`)];
  const convoked = s.convokedOn ? `, convoquée le ${formatDateLong(s.convokedOn, false)},` : '';
  // The minutes open with the date in words; « la séance » keeps the agreement right whatever the assembly's name.
  parts.push(
    p(
      `${dateInWords(s.date)} à ${formatTime(s.time)}, la séance du ${m.assembly} de ${m.body}${convoked} s'est tenue : ${s.place}${s.remote ? ', et par téléconférence' : ''}.${m.president ? ` Elle est présidée par ${m.president}.` : ''}`,
    ),
  );

  if (m.openedAt) parts.push(p(`La séance est ouverte à ${formatTime(m.openedAt)}.`));
  const opening = m.items.filter((it) => it.kind === 'procedure');
  if (opening.length) {
    parts.push(h(3, 'Ouverture de la séance'), {
      kind: 'list',
      ordered: false,
      items: opening.map((it) => `${it.number} – ${it.title}${it.result ? ` : ${it.result}` : ''}`),
    });
  }
  parts.push(h(3, 'Composition et répartition des voix'), { kind: 'list', ordered: false, items: composition(m) });
  parts.push(
    p(
      `Total : ${formatInt(m.quorum.totalVotes)} voix pour la totalité des délégués ; ${formatInt(m.quorum.inOffice)} délégués en exercice.`,
    ),
  );
  parts.push(h(3, 'Quorum'), p(quorumSentence(m)), p(m.quorum.rule));
  if (m.quorum.secondConvocation) parts.push(p(m.quorum.secondConvocation.text));
  if (m.quorum.disregarded.length) {
    parts.push(h(3, 'Enregistrements non pris en compte'), {
      kind: 'list',
      ordered: false,
      items: m.quorum.disregarded.map(disregardedText),
    });
  }
  if (m.secretary) parts.push(p(`Secrétaire de séance : ${m.secretary}.`));

  parts.push(...attendanceTable('Présents en salle', m.room));
  if (s.remote || m.remote.length)
    parts.push(
      ...attendanceTable(
        m.remoteCounts ? 'Présents en téléconférence' : 'Notés à distance, ne comptent pas (pas de séance à distance)',
        m.remote,
      ),
    );
  if (m.quorum.substituted.length) {
    parts.push(h(3, `Titulaires remplacés par leur suppléant (${m.quorum.substituted.length})`), {
      kind: 'table',
      columns: ['Titulaire', 'Suppléant', 'Voix'],
      rows: m.quorum.substituted.map((d) => [`${d.civility} ${d.lastName}`, d.substitute ?? '—', formatInt(d.votes)]),
    });
  }
  parts.push(h(3, `Excusés (${m.excused.length})`));
  if (m.excused.length) parts.push({ kind: 'list', ordered: true, items: m.excused });
  if (m.absent.length)
    parts.push(h(3, `Absents (${m.absent.length})`), { kind: 'list', ordered: true, items: m.absent });

  if (m.movements.length)
    parts.push(h(3, 'Arrivées et départs en cours de séance'), { kind: 'list', ordered: false, items: m.movements });

  const agenda = m.items.filter((it) => it.kind !== 'procedure');
  if (agenda.length) parts.push(h(3, 'Ordre du jour'));
  for (const it of agenda) {
    parts.push(p(itemHeading(it), { strong: true }));
    if (it.result) parts.push(p(it.result, { strong: true, emphasis: true }));
    if (it.details.length) parts.push({ kind: 'list', ordered: false, items: it.details });
  }
  if (m.deliberations.length) {
    parts.push(h(3, 'Liste des délibérations examinées'), {
      kind: 'list',
      ordered: false,
      items: m.deliberations.map((d) => `Délibération n° ${d.number} : ${d.title} — ${d.result}`),
    });
  }
  parts.push(h(3, 'Rectifications'));
  parts.push(m.rectifications.length ? { kind: 'list', ordered: false, items: m.rectifications } : p('Aucune.'));
  parts.push(
    p(
      s.closedAt
        ? `Les sujets de l'ordre du jour étant épuisés, la séance est levée à ${formatTime(s.closedAt)}.`
        : 'Heure de clôture : non renseignée.',
    ),
  );
  if (s.prefecture) parts.push(p(s.prefecture));
  return parts;
}
