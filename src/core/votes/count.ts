/**
 * @module The arithmetic of one vote, pure: who may vote on the item (present, represented, not withdrawn), the
 * voix each choice gathers (weighted; a proxy holder votes for their principal too), the votes cast, the
 * majority needed and the result, with the president's casting vote on a tie except in a secret ballot.
 * Rules: CGCT L2121-20 (majority of votes cast, casting vote), L2121-21 (secret ballot), L2131-11 (withdrawal).
 * Bad input (more voix than voters, a name who cannot vote) throws a `UserError` in French.
 */
import { computeQuorum, delegatesById, effectiveProxies, isPresent, type QuorumResult } from '../assembly/quorum.ts';
import { delegateName } from '../config.ts';
import { fail } from '../errors.ts';
import type { BodyProfile, Delegate, SessionRecord } from '../model.ts';
import { formatInt } from '../text/format.ts';
import { agree } from '../text/french.ts';
import { DEFAULT_MAJORITY, type Ballot, type Choice, type MajorityRule } from './model.ts';

export interface BallotInput {
  readonly profile: BodyProfile & { readonly majority?: MajorityRule };
  readonly roster: readonly Delegate[];
  readonly record: SessionRecord;
  readonly ballot: Ballot;
  /** The session's president (delegate id): their vote decides a tie in a public ballot. */
  readonly presidentId?: string;
}

export interface BallotResult {
  readonly ballot: Ballot;
  /** Voix of the delegates who may vote on this item; unknown when no attendance is recorded. */
  readonly eligible?: number;
  readonly pour?: number;
  readonly contre?: number;
  readonly abstention?: number;
  readonly blanc?: number;
  /** Voix present or represented that took no part (figures that add up to less than `eligible`). */
  readonly notVoting?: number;
  /** Suffrages exprimés: pour + contre. Abstentions and blank ballots are not cast votes. */
  readonly cast?: number;
  /** Voix `pour` needed to adopt, under the majority rule. */
  readonly required?: number;
  readonly adopted: boolean;
  /** Every vote cast went the same way (abstentions aside). */
  readonly unanimous: boolean;
  /** Votes cast split evenly. */
  readonly tie: boolean;
  /** The president's vote that broke the tie, when it did. */
  readonly casting?: 'pour' | 'contre';
  /** The item's quorum, withdrawn members left out; absent when no attendance is recorded. */
  readonly quorum?: QuorumResult;
  /** By names: each voter's (and represented delegate's) choice, by delegate id. */
  readonly choices?: Readonly<Record<string, Choice>>;
  /** The majority rule applied, with its source. */
  readonly rule: string;
}

interface Voters {
  readonly present: readonly Delegate[];
  readonly represented: readonly { readonly giver: Delegate; readonly holder: Delegate }[];
}

/** Who may vote on the item: present delegates and the delegates they represent, withdrawn members excluded. */
function votersOf(input: BallotInput, withdrawn: ReadonlySet<string>): Voters {
  const { profile, roster, record } = input;
  const present = roster.filter(
    (d) => d.inOffice && !withdrawn.has(d.id) && isPresent(record.attendance[d.id], profile),
  );
  const byId = delegatesById(roster);
  const represented: { giver: Delegate; holder: Delegate }[] = [];
  for (const p of effectiveProxies(record, profile, roster)) {
    const giver = byId.get(p.giver);
    const holder = byId.get(p.holder);
    // A withdrawn holder leaves the room: the proxy they carry cannot be used on this item either.
    if (giver?.inOffice && holder?.inOffice && !withdrawn.has(giver.id) && !withdrawn.has(holder.id))
      represented.push({ giver, holder });
  }
  return { present, represented };
}

/** The record as it stands for this item: withdrawn members neither present nor represented (L2131-11). */
export function recordForItem(record: SessionRecord, withdrawn: ReadonlySet<string>): SessionRecord {
  if (withdrawn.size === 0) return record;
  const attendance = Object.fromEntries(Object.entries(record.attendance).filter(([id]) => !withdrawn.has(id)));
  const proxies = record.proxies.filter((p) => !withdrawn.has(p.giver) && !withdrawn.has(p.holder));
  return { ...record, attendance, proxies };
}

export function majorityText(rule: MajorityRule): string {
  const fraction = rule.fraction === 'absolute' ? 'majorité absolue' : 'majorité des deux tiers';
  const base =
    rule.base === 'cast'
      ? 'des suffrages exprimés (abstentions et bulletins blancs non comptés)'
      : 'des voix de tous les délégués';
  return `Vote : ${fraction} ${base} ; en cas de partage, voix prépondérante du président sauf scrutin secret (${rule.source})`;
}

function required(rule: MajorityRule, base: number): number {
  return rule.fraction === 'absolute' ? Math.floor(base / 2) + 1 : Math.ceil((2 * base) / 3);
}

const name = delegateName;

function choicesByName(input: BallotInput, voters: Voters, withdrawn: ReadonlySet<string>): Record<string, Choice> {
  const t = input.ballot.tally;
  if (t.kind !== 'names') return {};
  if (input.ballot.secret)
    fail(
      'vote.secret-names',
      'Un scrutin secret ne se décompte pas par noms : indiquer les chiffres (pour, contre, abstention, blanc).',
      [],
      'CGCT, article L2121-21',
    );
  const choices: Record<string, Choice> = {};
  for (const d of voters.present) choices[d.id] = 'pour';
  for (const p of voters.represented) choices[p.giver.id] = 'pour';
  const byId = delegatesById(input.roster);
  const named = new Map<string, Choice>();
  const lists: [Choice, readonly string[]][] = [
    ['contre', t.contre],
    ['abstention', t.abstention],
    ['blanc', t.blanc ?? []],
  ];
  for (const [choice, ids] of lists) {
    for (const id of ids) {
      const d = byId.get(id);
      const who = d ? name(d) : id;
      const f = (m: string, fem: string) => (d ? agree(d, m, fem) : m);
      if (named.has(id)) fail('vote.named-twice', `${who} est ${f('nommé', 'nommée')} deux fois dans le vote.`);
      if (withdrawn.has(id))
        fail(
          'vote.withdrawn',
          `${who} s'est ${f('retiré', 'retirée')} de ce point : ${f('il', 'elle')} ne prend pas part au vote.`,
          [],
          'CGCT, article L2131-11',
        );
      if (!(id in choices))
        fail(
          'vote.not-voting',
          `${who} n'est ni ${f('présent', 'présente')} ni ${f('représenté', 'représentée')} pour ce point : son vote ne peut pas être compté.`,
        );
      named.set(id, choice);
    }
  }
  for (const [id, choice] of named) choices[id] = choice;
  // A holder named without their principal votes the same way for them (one proxy, one voice: the holder's).
  for (const p of voters.represented) {
    const holderChoice = named.get(p.holder.id);
    if (holderChoice && !named.has(p.giver.id)) choices[p.giver.id] = holderChoice;
  }
  return choices;
}

/** Each voter's own vote (buttons); a holder who voted votes the same way for the delegate they represent. */
function individualChoices(input: BallotInput, voters: Voters, withdrawn: ReadonlySet<string>): Record<string, Choice> {
  const t = input.ballot.tally;
  if (t.kind !== 'individual') return {};
  const byId = delegatesById(input.roster);
  const present = new Set(voters.present.map((d) => d.id));
  const choices: Record<string, Choice> = {};
  for (const [id, choice] of Object.entries(t.choices)) {
    const d = byId.get(id);
    const who = d ? name(d) : id;
    const f = (m: string, fem: string) => (d ? agree(d, m, fem) : m);
    if (withdrawn.has(id))
      fail(
        'vote.withdrawn',
        `${who} s'est ${f('retiré', 'retirée')} de ce point : ${f('il', 'elle')} ne prend pas part au vote.`,
        [],
        'CGCT, article L2131-11',
      );
    if (!present.has(id))
      fail(
        'vote.not-voting',
        `${who} n'est pas ${f('présent', 'présente')} pour ce point : son vote ne peut pas être compté.`,
      );
    choices[id] = choice;
  }
  for (const p of voters.represented) {
    const holderChoice = choices[p.holder.id];
    if (holderChoice && present.has(p.holder.id)) choices[p.giver.id] = holderChoice;
  }
  return choices;
}

export function countBallot(input: BallotInput): BallotResult {
  const { ballot, profile, roster, record } = input;
  const rule = profile.majority ?? DEFAULT_MAJORITY;
  const withdrawn = new Set(ballot.withdrawn ?? []);
  const voters = votersOf(input, withdrawn);
  const known = voters.present.length > 0;
  const byId = delegatesById(roster);
  const voixOf = (id: string) => byId.get(id)?.votes ?? 0;
  const eligible = known
    ? [...voters.present, ...voters.represented.map((p) => p.giver)].reduce((n, d) => n + d.votes, 0)
    : undefined;
  const quorum = known ? computeQuorum(profile, roster, recordForItem(record, withdrawn)) : undefined;

  let pour: number | undefined;
  let contre = 0;
  let abstention = 0;
  let blanc = 0;
  let choices: Record<string, Choice> | undefined;
  let presidentChoice: Choice | undefined;
  const t = ballot.tally;
  if (t.kind === 'unanimity') {
    abstention = t.abstention ?? 0;
    if (eligible !== undefined && abstention > eligible)
      fail(
        'vote.too-many',
        `${formatInt(abstention)} voix d'abstention, plus que les ${formatInt(eligible)} voix présentes ou représentées pour ce point.`,
      );
    pour = eligible === undefined ? undefined : eligible - abstention;
    presidentChoice = 'pour';
  } else if (t.kind === 'figures') {
    ({ pour, contre, abstention } = t);
    blanc = t.blanc ?? 0;
    const total = pour + contre + abstention + blanc;
    if (eligible !== undefined && total > eligible) {
      fail(
        'vote.too-many',
        `Le décompte (${formatInt(total)} voix) dépasse les voix des délégués présents ou représentés pour ce point (${formatInt(eligible)} voix).`,
      );
    }
    presidentChoice = t.president;
  } else {
    if (!known)
      fail(
        'vote.no-attendance',
        "Aucune présence n'est enregistrée pour cette séance : un vote par noms ne peut pas être décompté (indiquer les chiffres).",
      );
    choices =
      t.kind === 'names' ? choicesByName(input, voters, withdrawn) : individualChoices(input, voters, withdrawn);
    pour = 0;
    for (const [id, c] of Object.entries(choices)) {
      const v = voixOf(id);
      if (c === 'pour') pour += v;
      else if (c === 'contre') contre += v;
      else if (c === 'abstention') abstention += v;
      else blanc += v;
    }
    const president = input.presidentId;
    presidentChoice = president && voters.present.some((d) => d.id === president) ? choices[president] : undefined;
    // A secret ballot shows no names, whoever voted how.
    if (ballot.secret) choices = undefined;
  }

  const ruleText = majorityText(rule);
  if (pour === undefined) {
    // Unanimity with no attendance recorded: the result is known, its figures are not.
    return { ballot, adopted: true, unanimous: true, tie: false, rule: ruleText };
  }
  const cast = pour + contre;
  const base =
    rule.base === 'cast'
      ? cast
      : (profile.statedTotalVotes ?? roster.filter((d) => d.inOffice).reduce((n, d) => n + d.votes, 0));
  const need = required(rule, base);
  const tie = cast > 0 && pour === contre;
  let adopted = cast > 0 && pour >= need;
  let casting: 'pour' | 'contre' | undefined;
  if (tie && rule.base === 'cast' && rule.fraction === 'absolute' && !ballot.secret) {
    if (t.kind === 'figures' && presidentChoice === undefined) {
      fail(
        'vote.tie-president',
        `Partage des voix (${formatInt(pour)} pour, ${formatInt(contre)} contre) : préciser le vote du président (président pour ou président contre), sa voix est prépondérante.`,
        [],
        'CGCT, article L2121-20',
      );
    }
    if (presidentChoice === 'pour' || presidentChoice === 'contre') {
      casting = presidentChoice;
      adopted = presidentChoice === 'pour';
    }
  }
  const sum = pour + contre + abstention + blanc;
  return {
    ballot,
    eligible,
    pour,
    contre,
    abstention,
    blanc,
    notVoting: eligible === undefined ? undefined : eligible - sum,
    cast,
    required: need,
    adopted,
    unanimous: cast > 0 && (contre === 0 || pour === 0),
    tie,
    casting,
    quorum,
    choices,
    rule: ruleText,
  };
}
