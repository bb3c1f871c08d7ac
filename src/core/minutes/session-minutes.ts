/**
 * @module The minutes of one session from what is recorded: the convocation as sent or recorded, the closing
 * time of /seance lever, the rectifications, the votes taken in chat, arrivals and departures. One function
 * for /pv (the draft, in chat) and the public page (the adopted minutes), so both state the same thing.
 */
import { delegatesById } from '../assembly/quorum.ts';
import type { Config } from '../config.ts';
import type { Session, SessionRecord } from '../model.ts';
import { liveOf, movementLines, recordAtOpening } from '../sessions/live.ts';
import { formatDateLong, toZoned } from '../text/dates.ts';
import { buildMinutes, type Minutes } from './build.ts';

export function sessionMinutes(
  config: Pick<Config, 'body' | 'roster' | 'members'>,
  s: Session,
  record: SessionRecord,
): Minutes {
  const live = liveOf(record);
  const byId = delegatesById(config.roster);
  const convoked = record.convocation ? { ...s, convokedOn: record.convocation.date } : s;
  // The closing time recorded in the session (/seance lever) is the one the minutes state.
  const session = live.closedAt ? { ...convoked, closedAt: live.closedAt } : convoked;
  const tz = config.body.timezone;
  const rectifications = (record.rectifications ?? []).map(
    (r) =>
      `${formatDateLong(toZoned(new Date(r.at), tz).date, false)}, ${r.by} — motif : ${r.motif}${r.change ? ` — ${r.change}` : ' (aucune modification faite)'}`,
  );
  return buildMinutes({
    config,
    session,
    // The tables and the quorum show the room at the opening, as the minutes do; arrivals and departures follow,
    // and each vote is counted on the room of its moment (its ballot keeps it).
    record: recordAtOpening(record),
    rectifications,
    ballots: record.ballots,
    ...(live.openedAt ? { openedAt: live.openedAt } : {}),
    movements: movementLines(live, (id) => byId.get(id)),
  });
}
