/** @module What /vote's typed counts and button ballots share: the item voted, the president, the count, its detail. */
import type { CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Session, SessionRecord } from '../core/model.ts';
import { fields, list, text, type Block, type Field } from '../core/reply.ts';
import { sessionForChange, stateSentence, type Target } from '../core/sessions/lifecycle.ts';
import { formatInt } from '../core/text/format.ts';
import { agree } from '../core/text/french.ts';
import { countBallot, type BallotResult } from '../core/votes/count.ts';
import type { Ballot } from '../core/votes/model.ts';
import { namedLines, resultText } from '../core/votes/wording.ts';
import { nameById } from './shared.ts';

export function deliberationItem(s: Session, n: number) {
  const item = s.agenda[n - 1];
  if (!item)
    fail('vote.no-item', `La séance n'a pas de point n° ${n} : son ordre du jour en compte ${s.agenda.length} (/odj).`);
  if (item.kind !== 'deliberation')
    fail(
      'vote.not-deliberation',
      `Le point n° ${n} (« ${item.title} ») n'est pas une délibération : il ne se vote pas.`,
    );
  const number = item.deliberation ?? String(s.agenda.slice(0, n).filter((it) => it.kind === 'deliberation').length);
  return { item, number };
}

export function presidentOf(ctx: CommandContext, s: Session): string | undefined {
  return s.president ?? ctx.config.roster.find((d) => d.role === 'president' && d.inOffice)?.id;
}

export function detailBlocks(ctx: CommandContext, r: BallotResult): Block[] {
  const f: Field[] = [];
  if (r.pour !== undefined) {
    f.push(
      { label: 'Pour', value: `${formatInt(r.pour)} voix` },
      { label: 'Contre', value: `${formatInt(r.contre ?? 0)} voix` },
      { label: 'Abstentions', value: `${formatInt(r.abstention ?? 0)} voix` },
    );
    if (r.blanc) f.push({ label: 'Bulletins blancs', value: `${formatInt(r.blanc)} voix` });
    f.push({
      label: 'Suffrages exprimés',
      value: `${formatInt(r.cast ?? 0)} voix (majorité requise : ${formatInt(r.required ?? 0)})`,
    });
  }
  if (r.eligible !== undefined) f.push({ label: 'Présents ou représentés', value: `${formatInt(r.eligible)} voix` });
  if (r.ballot.secret) f.push({ label: 'Scrutin', value: 'secret' });
  const blocks: Block[] = [text(resultText(r)), ...(f.length ? [fields(f)] : [])];
  const name = nameById(ctx);
  const retired = (id: string) => {
    const d = ctx.config.roster.find((x) => x.id === id);
    return d ? agree(d, 'retiré', 'retirée') : 'retiré';
  };
  const lines = [
    ...(r.ballot.withdrawn ?? []).map((id) => `${name(id)} s'est ${retired(id)} du point (CGCT, article L2131-11)`),
    ...namedLines(r, name),
  ];
  if (lines.length) blocks.push(list(lines));
  return blocks;
}

/**
 * The session a vote is recorded in: the next one that can still change (never a past one), and only once it is
 * under way: the `record` changes of the life cycle also allow a planned or convened session, a vote does not.
 */
export async function sessionForVote(ctx: CommandContext): Promise<Target> {
  const t = await sessionForChange(ctx, undefined, 'record');
  if (t.state === 'planifiee' || t.state === 'convoquee') {
    fail('vote.not-open', `${stateSentence(t.session, t.state)} : les votes s'enregistrent pendant la séance.`);
  }
  return t;
}

export function count(ctx: CommandContext, s: Session, record: SessionRecord, ballot: Ballot): BallotResult {
  return countBallot({
    profile: ctx.config.body,
    roster: ctx.config.roster,
    record,
    ballot,
    presidentId: presidentOf(ctx, s),
  });
}

/** Refuses a vote when the item's quorum (withdrawn members out) is not reached. */
export function assertItemQuorum(result: BallotResult): void {
  const q = result.quorum;
  if (q && !q.reached) {
    fail(
      'vote.no-quorum',
      `Quorum non atteint pour ce point : ${formatInt(q.counted)} sur ${formatInt(q.threshold)} requis (il manque ${formatInt(q.missing)}). Le vote ne peut pas avoir lieu.`,
      [],
      q.rule,
    );
  }
}

/** The journal's line for a recorded vote. */
export const recordedDetail = (n: number, number: string, result: BallotResult) =>
  `point ${n}, délibération n° ${number} : ${resultText(result)}`;
