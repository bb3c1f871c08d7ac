/**
 * @module The draft minutes (procès-verbal) of one session as plain data, pure: built from the session, its
 * record and the votes, in the order of the body's own minutes (header, opening items, composition, quorum,
 * attendance tables, agenda items with their results, list of deliberations, rectifications, closing).
 * What L2121-15 asks the PV to state is here: date and time, president, present and represented members,
 * secretary, quorum, agenda, deliberations and the results of the votes. Renderers (Markdown, DOCX) read it.
 */
import { computeQuorum, delegatesById, type QuorumResult } from '../assembly/quorum.ts';
import { delegateName, type Config } from '../config.ts';
import { UserError } from '../errors.ts';
import type { AgendaKind, Delegate, Session, SessionRecord } from '../model.ts';
import { recordAtBallot, takenInSession } from '../sessions/live.ts';
import { formatInt, plural } from '../text/format.ts';
import { countBallot, type BallotResult } from '../votes/count.ts';
import type { Ballot } from '../votes/model.ts';
import { namedLines, resultText } from '../votes/wording.ts';
import { agree } from '../text/french.ts';

export interface AttendanceRow {
  readonly present: string;
  /** The delegate whose proxy the present delegate holds. */
  readonly proxy?: string;
  /** Voix of the present delegate plus those of the delegate represented. */
  readonly voix: number;
}

export interface MinutesItem {
  /** Position on the agenda, from 1. */
  readonly number: number;
  readonly kind: AgendaKind;
  readonly title: string;
  /** Deliberation number, for a deliberation. */
  readonly deliberation?: string;
  /** The result in words and figures (« Adoptée à l'unanimité des suffrages exprimés (54 voix) »). */
  readonly result?: string;
  /** Names for a public ballot by names, withdrawals, the item's quorum when it differs. */
  readonly details: readonly string[];
  /** The counted vote, for readers that show figures (the public page). */
  readonly vote?: BallotResult;
}

export interface Minutes {
  readonly body: string;
  readonly assembly: string;
  readonly session: Session;
  readonly president?: string;
  readonly secretary?: string;
  readonly composition: readonly { readonly name: string; readonly delegates?: number; readonly votesEach?: number }[];
  readonly room: readonly AttendanceRow[];
  readonly remote: readonly AttendanceRow[];
  readonly excused: readonly string[];
  readonly absent: readonly string[];
  readonly quorum: QuorumResult;
  /** The quorum is counted in heads, in voix, or both (the body's rule). */
  readonly quorumCount: 'heads' | 'votes' | 'heads-and-votes';
  /** Whether proxies count toward the quorum (present-or-represented) or only vote (present, L2121-17). */
  readonly quorumBase: 'present' | 'present-or-represented';
  /** Members noted remote where remote sitting does not count (a commune): listed apart. */
  readonly remoteCounts: boolean;
  readonly items: readonly MinutesItem[];
  /** « Liste des délibérations examinées »: number, title, result. */
  readonly deliberations: readonly { readonly number: string; readonly title: string; readonly result: string }[];
  /** Corrections made after the session, with their reason (empty until the record is rectified). */
  readonly rectifications: readonly string[];
  /** When the session was opened in chat (`/seance ouvrir`). */
  readonly openedAt?: string;
  /** Arrivals and departures during the session, with their time (and the proxy given on leaving). */
  readonly movements: readonly string[];
}

export interface MinutesInput {
  readonly config: Pick<Config, 'body' | 'roster' | 'members'>;
  readonly session: Session;
  readonly record: SessionRecord;
  /** Votes recorded in chat, by item; they take precedence over a vote written in the config. */
  readonly ballots?: readonly Ballot[];
  readonly rectifications?: readonly string[];
  readonly openedAt?: string;
  readonly movements?: readonly string[];
}

const shortName = delegateName;
/** The minutes name the president and the secretary in full: « M. VARLET Philippe ». */
const fullName = (d: Delegate) => `${shortName(d)}${d.firstName ? ` ${d.firstName}` : ''}`;

function rows(present: readonly Delegate[], q: QuorumResult): AttendanceRow[] {
  return present.map((d) => {
    const held = q.represented.find((p) => p.holder.id === d.id);
    return held
      ? { present: shortName(d), proxy: shortName(held.giver), voix: d.votes + held.giver.votes }
      : { present: shortName(d), voix: d.votes };
  });
}

/** The standard opening items carry their result in the session itself (quorum, proxies, secretary). */
function openingResult(
  title: string,
  q: QuorumResult,
  secretary: string | undefined,
  known: boolean,
): string | undefined {
  if (!known) return undefined;
  if (/quorum/i.test(title)) {
    const present = q.room.length + q.remote.length + q.substituted.length;
    return `quorum ${q.reached ? 'atteint' : 'non atteint'} (${plural(present, 'présent', 'présents')} et ${plural(q.represented.length, 'représenté', 'représentés')}, soit ${plural(present + q.represented.length, 'délégué', 'délégués')} sur ${q.inOffice} en exercice, seuil : ${q.threshold} ; ${q.votesPresent + q.votesRepresented} voix sur ${q.totalVotes})`;
  }
  if (/pouvoir/i.test(title))
    return `${q.represented.length} pouvoir${q.represented.length > 1 ? 's' : ''}, listés dans les tableaux ci-dessous`;
  if (/secr[ée]taire/i.test(title) && secretary) return secretary;
  return undefined;
}

export function buildMinutes(input: MinutesInput): Minutes {
  const { config, session: s, record } = input;
  const byId = delegatesById(config.roster);
  const person = (id: string | undefined) => (id ? (byId.get(id) ? fullName(byId.get(id)!) : id) : undefined);
  const name = (id: string) => (byId.get(id) ? shortName(byId.get(id)!) : id);
  const q = computeQuorum(config.body, config.roster, record, s);
  const known = q.room.length + q.remote.length > 0;
  const secretary = person(s.secretary);
  const presidentId = s.president ?? config.roster.find((d) => d.role === 'president' && d.inOffice)?.id;

  let deliberationCount = 0;
  const items: MinutesItem[] = s.agenda.map((it, i) => {
    const number = i + 1;
    const details: string[] = [];
    if (it.kind !== 'deliberation') {
      // Never invent a result: an opening item the minutes leave without one says so.
      const result =
        it.outcome ??
        (it.kind === 'procedure'
          ? (openingResult(it.title, q, secretary, known) ?? 'résultat non consigné')
          : 'Pour information');
      return { number, kind: it.kind, title: it.title, result, details };
    }
    deliberationCount++;
    const deliberation = it.deliberation ?? String(deliberationCount);
    const chat = input.ballots?.find((b) => b.item === number);
    const ballot: Ballot | undefined =
      chat ?? (it.vote ? { item: number, tally: it.vote, secret: it.secret } : undefined);
    if (!ballot)
      return {
        number,
        kind: it.kind,
        title: it.title,
        deliberation,
        result: it.outcome ?? 'Vote non enregistré',
        details,
      };
    let vote: BallotResult;
    try {
      // A vote taken in chat is counted on the room as it was then (arrivals and departures since do not change it).
      vote = countBallot({
        profile: config.body,
        roster: config.roster,
        record: recordAtBallot(record, ballot),
        ballot,
        presidentId,
      });
    } catch (e) {
      // Figures that do not add up must not hide the rest of the minutes: say so on the item.
      if (!(e instanceof UserError)) throw e;
      return {
        number,
        kind: it.kind,
        title: it.title,
        deliberation,
        result: `Vote non décompté : ${e.message}`,
        details,
      };
    }
    for (const id of ballot.withdrawn ?? [])
      details.push(
        `${name(id)} s'est ${byId.get(id) ? agree(byId.get(id)!, 'retiré', 'retirée') : 'retiré'} et n'a pas pris part au vote (CGCT, article L2131-11).`,
      );
    if (ballot.withdrawn?.length && vote.quorum) {
      const wq = vote.quorum;
      details.push(
        `Quorum pour ce point : ${wq.counted} sur ${wq.inOffice} (seuil : ${wq.threshold}) : ${wq.reached ? 'atteint' : 'non atteint'}.`,
      );
    }
    if (ballot.secret) details.push('Scrutin secret.');
    if (chat && takenInSession(chat) && vote.eligible !== undefined)
      details.push(`Voix présentes ou représentées pour ce vote : ${formatInt(vote.eligible)}.`);
    details.push(...namedLines(vote, name));
    return { number, kind: it.kind, title: it.title, deliberation, result: resultText(vote), details, vote };
  });

  return {
    body: config.body.name,
    assembly: config.body.assemblyName,
    session: s,
    president: person(s.president),
    secretary,
    composition: config.members.map((m) => ({ name: m.name, delegates: m.delegates, votesEach: m.votesEach })),
    room: rows(q.room, q),
    remote: rows(q.remote, q),
    excused: Object.entries(record.attendance)
      .filter(([, v]) => v === 'excuse')
      .map(([id]) => name(id)),
    absent: Object.entries(record.attendance)
      .filter(([, v]) => v === 'absent')
      .map(([id]) => name(id)),
    quorum: q,
    quorumCount: config.body.quorum.count,
    quorumBase: config.body.quorum.base,
    remoteCounts: config.body.remoteAllowed && config.body.remoteCountsAsPresent,
    items,
    deliberations: items
      .filter((it) => it.kind === 'deliberation')
      .map((it) => ({ number: it.deliberation!, title: it.title, result: it.result ?? '' })),
    rectifications: input.rectifications ?? [],
    ...(input.openedAt ? { openedAt: input.openedAt } : {}),
    movements: input.movements ?? [],
  };
}
