/**
 * @module The live message of a session that sits: ONE message in the secretariat's channel, posted when the
 * session opens (`opens` its key) and edited in place by every command that changes the room (`updates`), then
 * closed with the closing time (`closes`). Also how the live commands find their session and the time.
 */
import type { CommandContext } from '../core/command.ts';
import { computeQuorum, delegatesById } from '../core/assembly/quorum.ts';
import { fail } from '../core/errors.ts';
import type { Session, SessionRecord } from '../core/model.ts';
import { fields, reply, type Field, type Reply } from '../core/reply.ts';
import { isOpen, liveOf } from '../core/sessions/live.ts';
import { formatDateLong, formatTime, toZoned, type IsoDate, type WallTime } from '../core/text/dates.ts';
import { formatInt } from '../core/text/format.ts';
import { recordForItem } from '../core/votes/count.ts';
import { nameOf, sessionHeading } from './shared.ts';

export const liveKey = (s: Pick<Session, 'id'>) => `seance:${s.id}:direct`;

/** The wall-clock time now, in the body's zone. */
export const nowTime = (ctx: CommandContext): WallTime => toZoned(ctx.clock.now(), ctx.config.body.timezone).time;

/** The session a live command is about: the one named, else today's (a session sits on its own day). */
export async function sittingSession(ctx: CommandContext, date?: IsoDate): Promise<Session> {
  if (date) return ctx.session(date);
  const today = (await ctx.sessions()).find((s) => s.date === ctx.today() && !s.cancelled);
  if (!today)
    fail(
      'live.not-today',
      `Aucune séance n'a lieu aujourd'hui (${formatDateLong(ctx.today())}) : préciser la date de la séance.`,
    );
  return today;
}

export function liveMessage(ctx: CommandContext, s: Session, record: SessionRecord): Reply {
  const live = liveOf(record);
  const item = live.current;
  const withdrawn = new Set(item ? (live.withdrawn[String(item)] ?? []) : []);
  // The quorum of the item under discussion: its withdrawn members count neither present nor represented.
  const q = computeQuorum(ctx.config.body, ctx.config.roster, recordForItem(record, withdrawn));
  const votes = ctx.config.body.quorum.count === 'votes';
  const unit = (n: number) => (votes ? `${formatInt(n)} voix` : formatInt(n));
  const heads = q.room.length + q.remote.length + q.represented.length;
  const rows: Field[] = [
    { label: 'Ouverte à', value: live.openedAt ? formatTime(live.openedAt) : '—' },
    { label: 'Présents en salle', value: formatInt(q.room.length) },
    { label: 'Présents à distance', value: formatInt(q.remote.length) },
    { label: 'Représentés', value: formatInt(q.represented.length) },
    { label: 'Délégués', value: `${formatInt(heads)} sur ${formatInt(q.inOffice)} en exercice` },
    { label: 'Voix', value: `${formatInt(q.votesPresent + q.votesRepresented)} sur ${formatInt(q.totalVotes)}` },
    {
      label: 'Quorum',
      value: q.reached
        ? `atteint (${unit(q.counted)}, seuil : ${unit(q.threshold)})`
        : `non atteint : il manque ${unit(q.missing)} (${unit(q.counted)}, seuil : ${unit(q.threshold)})`,
    },
  ];
  if (item) {
    const it = s.agenda[item - 1];
    const byId = delegatesById(ctx.config.roster);
    const out = [...withdrawn].map((id) => (byId.get(id) ? nameOf(byId.get(id)!) : id));
    rows.push({
      label: 'Point en cours',
      value: `${item}. ${it?.title ?? ''}${out.length ? ` (retrait : ${out.join(', ')})` : ''}`,
    });
  } else rows.push({ label: 'Point en cours', value: 'aucun (/point suivant)' });
  if (live.ballot) rows.push({ label: 'Vote par boutons', value: `ouvert sur le point ${live.ballot.item}` });
  const ballots = record.ballots ?? [];
  if (ballots.length)
    rows.push({ label: 'Votes enregistrés', value: ballots.map((b) => `point ${b.item}`).join(', ') });
  return reply('Séance en direct', [fields(rows)], {
    tone: q.reached ? 'success' : 'warning',
    session: sessionHeading(ctx, s),
    rule: q.rule,
  });
}

/** What a reply carries so that the live message follows a change (nothing when the session does not sit). */
export function liveUpdate(ctx: CommandContext, s: Session, record: SessionRecord): Pick<Reply, 'updates'> {
  return isOpen(record) ? { updates: [{ key: liveKey(s), reply: liveMessage(ctx, s, record) }] } : {};
}
