/**
 * @module A vote by the delegates' own buttons (issue 11), as pure transitions on the session record: the
 * secretariat opens a ballot on an item, each delegate present votes once (a second vote replaces the first), a
 * proxy holder's vote also counts for the delegate they represent (count.ts, `individual`), and closing hands the
 * votes back to be counted and recorded like a typed vote. Who may not vote is told why, in French.
 */
import { effectiveProxies, isPresent } from '../assembly/quorum.ts';
import { delegateName } from '../config.ts';
import { fail } from '../errors.ts';
import { withJournal, type Who } from '../journal.ts';
import type { BodyProfile, Delegate, SessionRecord } from '../model.ts';
import { liveOf, mustBeOpen } from '../sessions/live.ts';
import type { WallTime } from '../text/dates.ts';
import { agree } from '../text/french.ts';
import type { Choice, OpenBallot } from './model.ts';

export const CHOICE_WORD: Record<Choice, string> = {
  pour: 'pour',
  contre: 'contre',
  abstention: 'abstention',
  blanc: 'blanc',
};

export function openBallot(r: SessionRecord, who: Who, item: number, secret: boolean, time: WallTime): SessionRecord {
  const live = mustBeOpen(r);
  if (live.ballot)
    fail(
      'vote.ballot-open',
      `Un vote est déjà ouvert sur le point ${live.ballot.item} : le clore d'abord (/vote ${live.ballot.item} clore).`,
    );
  const ballot: OpenBallot = { item, ...(secret ? { secret: true } : {}), openedAt: time, choices: {} };
  return withJournal(r, who, 'vote ouvert', `point ${item}${secret ? ', scrutin secret' : ''}`, {
    live: { ...live, ballot },
  });
}

/** The open ballot on `item`, or a French refusal saying why there is none. */
export function openBallotOn(r: SessionRecord, item: number): OpenBallot {
  const open = liveOf(r).ballot;
  if (open?.item === item) return open;
  const recorded = (r.ballots ?? []).some((b) => b.item === item);
  if (recorded)
    fail('vote.ballot-closed', `Le vote sur le point ${item} est clos : un vote ne peut plus être pris en compte.`);
  fail(
    'vote.ballot-closed',
    open
      ? `Aucun vote n'est ouvert sur le point ${item} : le vote en cours porte sur le point ${open.item}.`
      : `Aucun vote n'est ouvert sur le point ${item}.`,
  );
}

export interface CastInput {
  readonly profile: BodyProfile;
  readonly roster: readonly Delegate[];
  readonly record: SessionRecord;
  readonly voter: Delegate;
  readonly item: number;
  readonly choice: Choice;
}

export interface Cast {
  readonly record: SessionRecord;
  /** The vote it replaces, if the voter had voted already. */
  readonly previous?: Choice;
  /** The delegates the voter represents: they vote the same way. */
  readonly represented: readonly Delegate[];
}

/** One delegate's vote on the open ballot. Refused: not present, represented by someone else, withdrawn, closed. */
export function castVote(input: CastInput, who: Who): Cast {
  const { profile, roster, record: r, voter, item, choice } = input;
  mustBeOpen(r);
  const ballot = openBallotOn(r, item);
  const name = delegateName(voter);
  const f = (m: string, fem: string) => agree(voter, m, fem);
  if (choice === 'blanc' && !ballot.secret)
    fail('vote.syntax', "Le vote blanc n'existe qu'au scrutin secret : voter pour, contre ou abstention.");
  if ((liveOf(r).withdrawn[String(item)] ?? []).includes(voter.id))
    fail(
      'vote.withdrawn',
      `${name} s'est ${f('retiré', 'retirée')} du point ${item} : ${f('il', 'elle')} ne prend pas part au vote.`,
      [],
      'CGCT, article L2131-11',
    );
  const proxies = effectiveProxies(r, profile, roster);
  if (!voter.inOffice || !isPresent(r.attendance[voter.id], profile)) {
    const holderId = proxies.find((p) => p.giver === voter.id)?.holder;
    const holder = holderId ? roster.find((d) => d.id === holderId) : undefined;
    if (holder)
      fail(
        'vote.not-voting',
        `${name} n'est pas ${f('présent', 'présente')} et a donné pouvoir à ${delegateName(holder)} : c'est ${agree(holder, 'lui', 'elle')} qui vote pour ${f('lui', 'elle')}.`,
      );
    fail(
      'vote.not-voting',
      `${name} n'est ni ${f('présent', 'présente')} ni ${f('représenté', 'représentée')} à la séance : son vote ne peut pas être compté.`,
    );
  }
  const withdrawn = new Set(liveOf(r).withdrawn[String(item)] ?? []);
  const represented = proxies
    .filter((p) => p.holder === voter.id && !withdrawn.has(p.giver))
    .map((p) => roster.find((d) => d.id === p.giver))
    .filter((d): d is Delegate => d !== undefined && d.inOffice);
  const previous = ballot.choices[voter.id];
  const live = liveOf(r);
  const detail = ballot.secret ? `${name}, point ${item}` : `${name}, point ${item} : ${CHOICE_WORD[choice]}`;
  const record = withJournal(r, who, previous ? 'vote modifié' : 'vote', detail, {
    live: { ...live, ballot: { ...ballot, choices: { ...ballot.choices, [voter.id]: choice } } },
  });
  return { record, ...(previous ? { previous } : {}), represented };
}

/**
 * The votes that count now: those of voters still present and not withdrawn (a voter who left after voting takes
 * no part in the count; the proxy they gave on leaving carries no vote).
 */
export function countedChoices(
  profile: BodyProfile,
  r: SessionRecord,
  ballot: OpenBallot,
): { readonly kept: Readonly<Record<string, Choice>>; readonly dropped: readonly string[] } {
  const withdrawn = new Set(liveOf(r).withdrawn[String(ballot.item)] ?? []);
  const kept: Record<string, Choice> = {};
  const dropped: string[] = [];
  for (const [id, c] of Object.entries(ballot.choices)) {
    if (!withdrawn.has(id) && isPresent(r.attendance[id], profile)) kept[id] = c;
    else dropped.push(id);
  }
  return { kept, dropped };
}

/** Closes the open ballot on `item`: the record without it, the votes that count, and those dropped. */
export function closeBallot(
  profile: BodyProfile,
  r: SessionRecord,
  item: number,
): { readonly record: SessionRecord; readonly ballot: OpenBallot; readonly dropped: readonly string[] } {
  const live = mustBeOpen(r);
  const ballot = openBallotOn(r, item);
  const { kept, dropped } = countedChoices(profile, r, ballot);
  const { ballot: _closed, ...rest } = live;
  return { record: { ...r, live: rest }, ballot: { ...ballot, choices: kept }, dropped };
}
