/**
 * @module /vote <n°> [décompte]: the secretariat records the vote on a deliberation of the session in progress
 * (unanimity, figures, or names), counted in voix under the body's majority rule; /vote <n°> shows the detail.
 */
import type { CommandContext } from '../core/command.ts';
import { defineCommand } from '../core/command.ts';
import { fail, UserError } from '../core/errors.ts';
import type { Session, SessionRecord } from '../core/model.ts';
import { fields, list, reply, text, type Block, type Field } from '../core/reply.ts';
import { countBallot, type BallotResult } from '../core/votes/count.ts';
import type { Ballot, Tally } from '../core/votes/model.ts';
import { parseVote, VOTE_USAGE } from '../core/votes/parse.ts';
import { recordBallot } from '../core/votes/record.ts';
import { sessionForChange, stateSentence, type Target } from '../core/sessions/lifecycle.ts';
import { namedLines, resultText } from '../core/votes/wording.ts';
import { formatInt } from '../core/text/format.ts';
import { nameById, sessionHeading, who } from './shared.ts';
import { liveOf, recordAtBallot } from '../core/sessions/live.ts';
import { liveUpdate } from './live-message.ts';

/** A typed name, or several names typed with spaces only (« DELFOSSE LEFEBVRE »). */
function resolveNames(ctx: CommandContext, raw: readonly string[]): string[] {
  return raw.flatMap((name) => {
    try {
      return [ctx.delegate(name).id];
    } catch (e) {
      const words = name.split(/\s+/u);
      if (!(e instanceof UserError) || words.length < 2) throw e;
      try {
        return words.map((w) => ctx.delegate(w).id);
      } catch {
        throw e;
      }
    }
  });
}

function deliberationItem(s: Session, n: number) {
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

function presidentOf(ctx: CommandContext, s: Session): string | undefined {
  return s.president ?? ctx.config.roster.find((d) => d.role === 'president' && d.inOffice)?.id;
}

function detailBlocks(ctx: CommandContext, r: BallotResult): Block[] {
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
  const lines = [
    ...(r.ballot.withdrawn ?? []).map((id) => `${name(id)} s'est retiré(e) du point (CGCT, article L2131-11)`),
    ...namedLines(r, name),
  ];
  if (lines.length) blocks.push(list(lines));
  return blocks;
}

/**
 * The session a vote is recorded in: the next one that can still change (never a past one), and only once it is
 * under way: the `record` changes of the life cycle also allow a planned or convened session, a vote does not.
 */
async function sessionForVote(ctx: CommandContext): Promise<Target> {
  const t = await sessionForChange(ctx, undefined, 'record');
  if (t.state === 'planifiee' || t.state === 'convoquee') {
    fail('vote.not-open', `${stateSentence(t.session, t.state)} : les votes s'enregistrent pendant la séance.`);
  }
  return t;
}

function ballotFrom(ctx: CommandContext, n: number, line: string, secretOnItem: boolean | undefined): Ballot {
  const parsed = parseVote(line);
  const t = parsed.tally;
  const tally: Tally =
    t.kind === 'names'
      ? {
          kind: 'names',
          contre: resolveNames(ctx, t.contre),
          abstention: resolveNames(ctx, t.abstention),
          blanc: resolveNames(ctx, t.blanc),
        }
      : t;
  const withdrawn = resolveNames(ctx, parsed.withdrawn);
  return {
    item: n,
    tally,
    ...(parsed.secret || secretOnItem ? { secret: true } : {}),
    ...(withdrawn.length ? { withdrawn } : {}),
  };
}

function count(ctx: CommandContext, s: Session, record: SessionRecord, ballot: Ballot): BallotResult {
  return countBallot({
    profile: ctx.config.body,
    roster: ctx.config.roster,
    record,
    ballot,
    presidentId: presidentOf(ctx, s),
  });
}

export const vote = defineCommand({
  name: 'vote',
  description: "Enregistrer le vote d'une délibération (secrétariat), ou en voir le détail",
  args: [
    { name: 'n°', kind: 'integer', min: 1, max: 500, description: "numéro du point à l'ordre du jour (/odj)" },
    { name: 'décompte', kind: 'text', optional: true, description: VOTE_USAGE },
  ],
  examples: [
    '/vote 8',
    '/vote 8 unanimite',
    '/vote 9 pour 48 contre 6 abstention 0',
    '/vote 9 contre: DELFOSSE, LEFEBVRE',
  ],
  access: 'read',
  async run(args, ctx) {
    const n = args['n°'];
    const line = args['décompte'];
    if (line === undefined) {
      const s = await ctx.session();
      const { item, number } = deliberationItem(s, n);
      const record = await ctx.records.record(s.id);
      const ballot =
        record.ballots?.find((b) => b.item === n) ??
        (item.vote ? { item: n, tally: item.vote, secret: item.secret } : undefined);
      if (!ballot)
        return reply(
          `Délibération n° ${number} : vote non enregistré`,
          [text(`${item.title}\n\nPour l'enregistrer : /vote ${n} ${VOTE_USAGE}`)],
          { session: sessionHeading(ctx, s) },
        );
      const r = count(ctx, s, recordAtBallot(record, ballot), ballot);
      return reply(`Délibération n° ${number} : ${item.title}`, detailBlocks(ctx, r), {
        session: sessionHeading(ctx, s),
        rule: r.rule,
      });
    }
    if (!ctx.can('vote.record'))
      fail('vote.denied', "Seul le secrétariat enregistre les votes. Pour voir le détail d'un vote : /vote <n°>.");
    const target = await sessionForVote(ctx);
    const s = target.session;
    const { item, number } = deliberationItem(s, n);
    const typed = ballotFrom(ctx, n, line, item.secret);
    let result!: BallotResult;
    const { record: after } = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      // Withdrawals announced with /point retrait join those typed; the ballot keeps the room of its moment, so
      // that the minutes count it as it was taken, whoever arrives or leaves afterwards.
      const withdrawn = [...new Set([...(liveOf(r).withdrawn[String(n)] ?? []), ...(typed.withdrawn ?? [])])];
      const ballot: Ballot = {
        ...typed,
        ...(withdrawn.length ? { withdrawn } : {}),
        attendance: r.attendance,
        proxies: r.proxies,
      } as Ballot;
      result = count(ctx, s, r, ballot);
      const q = result.quorum;
      if (q && !q.reached) {
        fail(
          'vote.no-quorum',
          `Quorum non atteint pour ce point : ${formatInt(q.counted)} sur ${formatInt(q.threshold)} requis (il manque ${formatInt(q.missing)}). Le vote ne peut pas avoir lieu.`,
          [],
          q.rule,
        );
      }
      return {
        record: recordBallot(r, ballot, who(ctx), `point ${n}, délibération n° ${number} : ${resultText(result)}`),
      };
    });
    return reply(`Vote enregistré : délibération n° ${number}`, [text(item.title), ...detailBlocks(ctx, result)], {
      tone: 'success',
      session: sessionHeading(ctx, s),
      rule: result.rule,
      ...liveUpdate(ctx, s, after),
    });
  },
});
