/**
 * @module /vote <n°> ouvrir [secret] | pour | contre | abstention | clore: a vote by the delegates' own buttons.
 * The secretariat opens it; one message with Pour / Contre / Abstention buttons goes to the delegates' channel
 * (and the secretariat's), each button a command line run as whoever clicks (`/vote 3 pour`), so no door needs
 * code for it; every vote edits that message in place with the running count (names never shown); the
 * secretariat closes it and the result is recorded like a typed vote, under the body's majority rule.
 */
import type { CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Session, SessionRecord } from '../core/model.ts';
import { fields, list, reply, text, type Action, type Field, type Reply } from '../core/reply.ts';
import { liveOf } from '../core/sessions/live.ts';
import { formatInt } from '../core/text/format.ts';
import { agree, countOf, listOf } from '../core/text/french.ts';
import { fold } from '../core/text/normalize.ts';
import type { Ballot, Choice, OpenBallot } from '../core/votes/model.ts';
import { castVote, closeBallot, countedChoices, openBallot, openBallotOn } from '../core/votes/open-ballot.ts';
import { recordBallot } from '../core/votes/record.ts';
import { resultText } from '../core/votes/wording.ts';
import { liveMessage, liveKey, nowTime, sittingSession } from './live-message.ts';
import { nameOf, sessionHeading, who } from './shared.ts';
import {
  assertItemQuorum,
  count,
  deliberationItem,
  detailBlocks,
  recordedDetail,
  sessionForVote,
} from './vote-common.ts';

/** The key of a ballot's message, so that every vote edits it and closing settles it. */
export const ballotKey = (s: Pick<Session, 'id'>, item: number) => `vote:${s.id}:${item}`;

export type BallotLine =
  | { readonly kind: 'open'; readonly secret: boolean }
  | { readonly kind: 'close' }
  | { readonly kind: 'cast'; readonly choice: Choice };

/** `ouvrir [secret]`, `clore`, or one delegate's own vote (`pour`, `contre`, `abstention`, `blanc`). */
export function ballotLine(line: string): BallotLine | undefined {
  const words = fold(line).split(/\s+/u).filter(Boolean);
  const [head, ...rest] = words;
  if (head === 'ouvrir' && (rest.length === 0 || (rest.length === 1 && rest[0] === 'secret')))
    return { kind: 'open', secret: rest.length === 1 };
  if (rest.length) return undefined;
  if (head === 'clore' || head === 'cloturer' || head === 'fermer') return { kind: 'close' };
  if (head === 'pour' || head === 'contre' || head === 'blanc') return { kind: 'cast', choice: head };
  if (head === 'abstention' || head === 'abstentions') return { kind: 'cast', choice: 'abstention' };
  return undefined;
}

const withdrawnOn = (r: SessionRecord, item: number) => liveOf(r).withdrawn[String(item)] ?? [];

function asBallot(r: SessionRecord, open: OpenBallot, choices: OpenBallot['choices']): Ballot {
  const withdrawn = withdrawnOn(r, open.item);
  return {
    item: open.item,
    tally: { kind: 'individual', choices },
    ...(open.secret ? { secret: true } : {}),
    ...(withdrawn.length ? { withdrawn } : {}),
  };
}

/** The ballot's message: the running count in voix, never names, and the three buttons. */
export function ballotMessage(ctx: CommandContext, s: Session, r: SessionRecord, open: OpenBallot): Reply {
  const { item, number } = deliberationItem(s, open.item);
  const { kept } = countedChoices(ctx.config.body, r, open);
  const result = count(ctx, s, r, asBallot(r, open, kept));
  const voters = Object.keys(kept).length;
  const rows: Field[] = [
    { label: 'Pour', value: `${formatInt(result.pour ?? 0)} voix` },
    { label: 'Contre', value: `${formatInt(result.contre ?? 0)} voix` },
    { label: 'Abstentions', value: `${formatInt(result.abstention ?? 0)} voix` },
    ...(open.secret ? [{ label: 'Bulletins blancs', value: `${formatInt(result.blanc ?? 0)} voix` }] : []),
    {
      label: 'Ont voté',
      value: `${countOf(voters, 'délégué', 'délégués', 'aucun')} (${formatInt((result.pour ?? 0) + (result.contre ?? 0) + (result.abstention ?? 0) + (result.blanc ?? 0))} voix, pouvoirs compris) sur ${formatInt(result.eligible ?? 0)} voix présentes ou représentées`,
    },
  ];
  const choices: Choice[] = open.secret ? ['pour', 'contre', 'abstention', 'blanc'] : ['pour', 'contre', 'abstention'];
  const label: Record<Choice, string> = { pour: 'Pour', contre: 'Contre', abstention: 'Abstention', blanc: 'Blanc' };
  const actions: Action[] = choices.map((c) => ({
    id: `vote.${c}`,
    label: label[c],
    value: `${s.id}|${open.item}|${c}`,
    ...(c === 'pour' ? { style: 'primary' as const } : c === 'contre' ? { style: 'danger' as const } : {}),
    command: `/vote ${open.item} ${c}`,
  }));
  return reply(
    `Vote en cours : délibération n° ${number}`,
    [
      text(`Point ${open.item} : ${item.title}`),
      fields(rows),
      text(
        `Un vote par délégué présent (un second clic le change) ; un mandataire vote aussi pour le délégué qu'il représente.${open.secret ? ' Scrutin secret : aucun nom ne paraît.' : ''}`,
      ),
    ],
    { session: sessionHeading(ctx, s), actions },
  );
}

export async function openByButtons(ctx: CommandContext, n: number, secret: boolean): Promise<Reply> {
  if (!ctx.can('vote.record')) fail('vote.denied', 'Seul le secrétariat ouvre et clôt un vote par boutons.');
  const target = await sessionForVote(ctx);
  const s = target.session;
  const { item, number } = deliberationItem(s, n);
  const isSecret = secret || item.secret === true;
  const { record } = await ctx.records.update(s.id, (r) => {
    target.guard(r);
    const opened = openBallot(r, who(ctx), n, isSecret, nowTime(ctx));
    assertItemQuorum(count(ctx, s, opened, asBallot(opened, liveOf(opened).ballot!, {})));
    return { record: opened };
  });
  const message = { ...ballotMessage(ctx, s, record, liveOf(record).ballot!), opens: ballotKey(s, n) };
  return reply(
    `Vote ouvert : délibération n° ${number}`,
    [
      text(`Point ${n} : ${item.title}${isSecret ? ' (scrutin secret)' : ''}`),
      text(
        `Les délégués votent avec les boutons Pour, Contre, Abstention du message posté dans leur canal ; le décompte s'y affiche au fil des votes. Pour clore : /vote ${n} clore`,
      ),
    ],
    {
      tone: 'success',
      session: sessionHeading(ctx, s),
      outbox: [
        { to: { kind: 'delegates' }, reply: message },
        { to: { kind: 'secretariat' }, reply: message },
      ],
      updates: [{ key: liveKey(s), reply: liveMessage(ctx, s, record) }],
    },
  );
}

const CHOICE_SAID: Record<Choice, string> = {
  pour: 'pour',
  contre: 'contre',
  abstention: 'abstention',
  blanc: 'blanc',
};

export async function castByButton(ctx: CommandContext, n: number, choice: Choice): Promise<Reply> {
  const voter = ctx.actor.delegate;
  if (!voter)
    fail(
      'vote.not-delegate',
      `Seuls les délégués votent avec les boutons. Le secrétariat enregistre un décompte (/vote ${n} pour <voix> contre <voix>) ou clôt le vote en cours (/vote ${n} clore).`,
    );
  const s = await sittingSession(ctx);
  const cast = await ctx.records.update(s.id, (r) =>
    castVote({ profile: ctx.config.body, roster: ctx.config.roster, record: r, voter, item: n, choice }, who(ctx)),
  );
  const open = openBallotOn(cast.record, n);
  const lines = [`Votre vote : ${CHOICE_SAID[choice]} (${formatInt(voter.votes)} voix).`];
  if (cast.represented.length) {
    const names = listOf(cast.represented.map(nameOf));
    const voix = cast.represented.reduce((t, d) => t + d.votes, 0);
    lines.push(`Il compte aussi pour ${names}, que vous représentez (${formatInt(voix)} voix de plus).`);
  }
  if (cast.previous) lines.push(`Il remplace votre vote précédent (${CHOICE_SAID[cast.previous]}).`);
  if (open.secret) lines.push('Scrutin secret : votre vote ne paraît nulle part sous votre nom.');
  return reply(cast.previous ? 'Vote modifié' : 'Vote enregistré', [text(lines.join(' '))], {
    tone: 'success',
    visibility: 'ephemeral',
    session: sessionHeading(ctx, s),
    updates: [{ key: ballotKey(s, n), reply: ballotMessage(ctx, s, cast.record, open) }],
  });
}

export async function closeByButtons(ctx: CommandContext, n: number): Promise<Reply> {
  if (!ctx.can('vote.record')) fail('vote.denied', 'Seul le secrétariat ouvre et clôt un vote par boutons.');
  const target = await sessionForVote(ctx);
  const s = target.session;
  const { item, number } = deliberationItem(s, n);
  const outcome = await ctx.records.update(s.id, (r) => {
    target.guard(r);
    const closing = closeBallot(ctx.config.body, r, n);
    const ballot: Ballot = {
      ...asBallot(r, closing.ballot, closing.ballot.choices),
      attendance: r.attendance,
      proxies: r.proxies,
    } as Ballot;
    const result = count(ctx, s, r, ballot);
    assertItemQuorum(result);
    // A secret ballot keeps its figures only: nobody's vote stays on record under their name.
    const stored: Ballot = ballot.secret
      ? ({
          ...ballot,
          tally: {
            kind: 'figures',
            pour: result.pour ?? 0,
            contre: result.contre ?? 0,
            abstention: result.abstention ?? 0,
            ...(result.blanc ? { blanc: result.blanc } : {}),
          },
        } as Ballot)
      : ballot;
    return {
      record: recordBallot(closing.record, stored, who(ctx), recordedDetail(n, number, result)),
      result,
      final: ballotMessage(ctx, s, r, liveOf(r).ballot!),
      dropped: closing.dropped,
    };
  });
  const { result, final, dropped } = outcome;
  const left = dropped.map((id) => ctx.config.roster.find((d) => d.id === id)).filter((d) => d !== undefined);
  return reply(
    `Vote clos : délibération n° ${number}`,
    [
      text(item.title),
      ...detailBlocks(ctx, result),
      ...(left.length
        ? [
            list(
              left.map(
                (d) =>
                  `${nameOf(d)} a voté puis ${agree(d, "s'est retiré ou a quitté la séance", "s'est retirée ou a quitté la séance")} : son vote n'est pas compté.`,
              ),
            ),
          ]
        : []),
    ],
    {
      tone: 'success',
      session: sessionHeading(ctx, s),
      rule: result.rule,
      updates: [
        { key: ballotKey(s, n), reply: final },
        { key: liveKey(s), reply: liveMessage(ctx, s, outcome.record) },
      ],
      closes: { key: ballotKey(s, n), outcome: `Vote clos : ${resultText(result)}` },
    },
  );
}
