/**
 * @module /vote <n°> [décompte]: the secretariat records the vote on a deliberation of the session in progress
 * (unanimity, figures, or names), counted in voix under the body's majority rule; /vote <n°> shows the detail.
 */
import type { CommandContext } from '../core/command.ts';
import { defineCommand } from '../core/command.ts';
import { fail, UserError } from '../core/errors.ts';
import { reply, text } from '../core/reply.ts';
import type { BallotResult } from '../core/votes/count.ts';
import type { Ballot, Tally } from '../core/votes/model.ts';
import { parseVote, VOTE_USAGE } from '../core/votes/parse.ts';
import { recordBallot } from '../core/votes/record.ts';
import { sessionHeading, who } from './shared.ts';
import { liveOf, recordAtBallot } from '../core/sessions/live.ts';
import { liveUpdate } from './live-message.ts';
import { ballotLine, ballotMessage, castByButton, closeByButtons, openByButtons } from './vote-buttons.ts';
import {
  assertItemQuorum,
  count,
  deliberationItem,
  detailBlocks,
  recordedDetail,
  sessionForVote,
} from './vote-common.ts';

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

export const vote = defineCommand({
  name: 'vote',
  description:
    "Enregistrer le vote d'une délibération (secrétariat) ou l'ouvrir aux boutons des délégués, voter (délégués), ou en voir le détail",
  args: [
    { name: 'n°', kind: 'integer', min: 1, max: 500, description: "numéro du point à l'ordre du jour (/odj)" },
    {
      name: 'décompte',
      kind: 'text',
      optional: true,
      description: `${VOTE_USAGE} | ouvrir [secret] puis clore : vote par boutons ; un délégué : pour | contre | abstention`,
    },
  ],
  examples: [
    '/vote 8',
    '/vote 8 unanimite',
    '/vote 9 pour 48 contre 6 abstention 0',
    '/vote 9 contre: DELFOSSE, LEFEBVRE',
    '/vote 9 ouvrir',
    '/vote 9 pour',
    '/vote 9 clore',
  ],
  access: 'read',
  async run(args, ctx) {
    const n = args['n°'];
    const line = args['décompte'];
    if (line === undefined) {
      const s = await ctx.session();
      const { item, number } = deliberationItem(s, n);
      const record = await ctx.records.record(s.id);
      const open = liveOf(record).ballot;
      if (open?.item === n) return { ...ballotMessage(ctx, s, record, open), actions: [] };
      const ballot =
        record.ballots?.find((b) => b.item === n) ??
        (item.vote ? { item: n, tally: item.vote, secret: item.secret } : undefined);
      if (!ballot)
        return reply(
          `Délibération n° ${number} : vote non enregistré`,
          [
            text(
              `${item.title}\n\nPour l'enregistrer : /vote ${n} ${VOTE_USAGE}\nPour le faire voter par les délégués avec des boutons : /vote ${n} ouvrir`,
            ),
          ],
          { session: sessionHeading(ctx, s) },
        );
      const r = count(ctx, s, recordAtBallot(record, ballot), ballot);
      return reply(`Délibération n° ${number} : ${item.title}`, detailBlocks(ctx, r), {
        session: sessionHeading(ctx, s),
        rule: r.rule,
      });
    }
    const byButtons = ballotLine(line);
    if (byButtons?.kind === 'open') return openByButtons(ctx, n, byButtons.secret);
    if (byButtons?.kind === 'close') return closeByButtons(ctx, n);
    if (byButtons?.kind === 'cast') return castByButton(ctx, n, byButtons.choice);
    if (!ctx.can('vote.record'))
      fail('vote.denied', "Seul le secrétariat enregistre les votes. Pour voir le détail d'un vote : /vote <n°>.");
    const target = await sessionForVote(ctx);
    const s = target.session;
    const { item, number } = deliberationItem(s, n);
    const typed = ballotFrom(ctx, n, line, item.secret);
    let result!: BallotResult;
    const { record: after } = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      if (liveOf(r).ballot?.item === n)
        fail(
          'vote.ballot-open',
          `Le vote par boutons sur le point ${n} est ouvert : le clore d'abord (/vote ${n} clore).`,
        );
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
      assertItemQuorum(result);
      return { record: recordBallot(r, ballot, who(ctx), recordedDetail(n, number, result)) };
    });
    return reply(`Vote enregistré : délibération n° ${number}`, [text(item.title), ...detailBlocks(ctx, result)], {
      tone: 'success',
      session: sessionHeading(ctx, s),
      rule: result.rule,
      ...liveUpdate(ctx, s, after),
    });
  },
});
