/**
 * @module /vote: the vote on a deliberation while the session sits (`/vote <n°> unanimite`, `pour 48 contre 6`,
 * `contre: DELFOSSE, LEFEBVRE`, `président pour` on a tie), counted by the core arithmetic on the room as it is
 * (withdrawn members out, quorum of the item checked first), recorded with that attendance; `/vote <n°>` shows it.
 */
import type { CommandContext } from '../core/command.ts';
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Session, SessionRecord } from '../core/model.ts';
import { fields, list, reply, text } from '../core/reply.ts';
import { liveOf, mustBeOpen, recordAtBallot, recordBallot } from '../core/sessions/live.ts';
import { formatTime } from '../core/text/dates.ts';
import { formatInt } from '../core/text/format.ts';
import { countBallot, type BallotResult } from '../core/votes/count.ts';
import type { Ballot, Tally } from '../core/votes/model.ts';
import { parseVote, VOTE_USAGE } from '../core/votes/parse.ts';
import { namedLines, resultText } from '../core/votes/wording.ts';
import { liveUpdate, nowTime, sittingSession } from './live-message.ts';
import { agendaItem, itemQuorumText } from './point.ts';
import { nameById, sessionArg, sessionHeading, who } from './shared.ts';

/** The deliberation's number: as the agenda gives it, else its rank among the deliberations (as the minutes do). */
function deliberationNumber(s: Session, item: number): string {
  const it = s.agenda[item - 1]!;
  return it.deliberation ?? String(s.agenda.slice(0, item).filter((x) => x.kind === 'deliberation').length);
}

const presidentOf = (ctx: CommandContext, s: Session) => s.president ?? ctx.config.roster.find((d) => d.role === 'president' && d.inOffice)?.id;

function count(ctx: CommandContext, s: Session, record: SessionRecord, ballot: Ballot): BallotResult {
  return countBallot({ profile: ctx.config.body, roster: ctx.config.roster, record, ballot, presidentId: presidentOf(ctx, s) });
}

function detail(ctx: CommandContext, s: Session, r: BallotResult, time?: string): ReturnType<typeof fields>[] {
  const rows = [
    { label: 'Point', value: `${r.ballot.item}. ${s.agenda[r.ballot.item - 1]?.title ?? ''}` },
    { label: 'Délibération n°', value: deliberationNumber(s, r.ballot.item) },
    { label: 'Résultat', value: resultText(r) },
  ];
  if (r.pour !== undefined) {
    rows.push(
      { label: 'Pour', value: `${formatInt(r.pour)} voix` }, { label: 'Contre', value: `${formatInt(r.contre ?? 0)} voix` },
      { label: 'Abstention', value: `${formatInt(r.abstention ?? 0)} voix` },
      { label: 'Suffrages exprimés', value: `${formatInt(r.cast ?? 0)} voix (majorité : ${formatInt(r.required ?? 0)})` },
    );
  }
  if (r.eligible !== undefined) rows.push({ label: 'Voix présentes ou représentées', value: formatInt(r.eligible) });
  if (r.casting) rows.push({ label: 'Partage des voix', value: `voix prépondérante du président (${r.casting})` });
  if (time) rows.push({ label: 'Voté à', value: formatTime(time) });
  return [fields(rows)];
}

export const vote = defineCommand({
  name: 'vote',
  description: 'En séance : enregistrer le vote d\'une délibération, ou le voir (/vote <n°>)',
  args: [
    { name: 'vote', kind: 'text', optional: true, description: `[n° du point] ${VOTE_USAGE}` },
    sessionArg,
  ],
  examples: ['/vote 5 unanimite', '/vote 6 pour 48 contre 6', '/vote 7 pour 27 contre 27 président pour', '/vote 6 contre: DELFOSSE, LEFEBVRE', '/vote 6'],
  access: 'read',
  async run(args, ctx) {
    const s = await sittingSession(ctx, args['séance']);
    const raw = (args['vote'] ?? '').trim();
    const m = /^(\d+)(?:\s+|$)/u.exec(raw);
    const rest = m ? raw.slice(m[0].length).trim() : raw;
    const record = await ctx.records.record(s.id);
    const item = m ? Number(m[1]) : liveOf(record).current;
    if (!item) fail('live.item', 'Aucun point en cours : indiquer le n° du point (/vote 5 unanimite).');
    const it = agendaItem(s, item);

    if (!rest) {
      const taken = liveOf(record).ballots.find((b) => b.item === item);
      if (!taken) fail('live.item', `Aucun vote enregistré pour le point ${item} (${it.title}).`);
      const r = count(ctx, s, recordAtBallot(record, taken), taken);
      const names = namedLines(r, nameById(ctx));
      return reply(`Vote du point ${item}`, [...detail(ctx, s, r, taken.time), ...(names.length ? [list(names)] : [])], { session: sessionHeading(ctx, s), rule: r.rule });
    }

    if (!ctx.can('attendance.record')) fail('access.denied', 'Le vote d\'une délibération est enregistré par le secrétariat.');
    if (it.kind !== 'deliberation') fail('live.item', `Le point ${item} (${it.title}) n'est pas une délibération : il ne se vote pas.`);
    mustBeOpen(record);
    const parsed = parseVote(rest);
    const ids = (names: readonly string[]) => names.map((n) => ctx.delegate(n).id);
    const t = parsed.tally;
    const tally: Tally = t.kind === 'names' ? { kind: 'names', contre: ids(t.contre), abstention: ids(t.abstention), blanc: ids(t.blanc) } : t;
    const time = nowTime(ctx);
    let result: BallotResult | undefined;
    let quorumText = '';
    const { record: after } = await ctx.records.update(s.id, (r) => {
      const withdrawn = [...new Set([...(liveOf(r).withdrawn[String(item)] ?? []), ...ids(parsed.withdrawn)])];
      // Before a vote, the item's quorum: members who left and who withdrew are not there to make it.
      const q = itemQuorumText(ctx, { ...r, live: { ...liveOf(r), withdrawn: { ...liveOf(r).withdrawn, [String(item)]: withdrawn } } }, item);
      if (!q.reached) fail('live.quorum', `${q.text} Le vote ne peut pas avoir lieu ; la séance peut être suspendue ou la délibération reportée.`, [], ctx.config.body.quorum.source);
      quorumText = q.text;
      const ballot: Ballot = { item, tally, ...(parsed.secret ? { secret: true } : {}), ...(withdrawn.length ? { withdrawn } : {}) };
      result = count(ctx, s, r, ballot);
      return { record: recordBallot(r, who(ctx), ballot, time, resultText(result)) };
    });
    const names = namedLines(result!, nameById(ctx));
    return reply('Vote enregistré', [...detail(ctx, s, result!, time), text(quorumText), ...(names.length ? [list(names)] : [])], {
      tone: result!.adopted ? 'success' : 'warning', session: sessionHeading(ctx, s), rule: result!.rule, ...liveUpdate(ctx, s, after),
    });
  },
});

