/**
 * @module What the public pages read, and nothing more: the sessions (config and chat, with moves and
 * cancellations), each session's publication date, today's date. Attendance answers, proxies, the journal
 * and chat ids never reach a page: only `published` is taken from a record.
 */
import type { Config } from '../core/config.ts';
import { allSessions } from '../core/dispatch.ts';
import type { Publication, Session } from '../core/model.ts';
import type { Clock } from '../core/ports.ts';
import type { Records } from '../core/records.ts';
import { toZoned, type IsoDate } from '../core/text/dates.ts';

/** The part of the running bot the web module needs (structural, so the hub's name does not matter). */
export interface WebDeps {
  readonly config: Config;
  readonly records: Records;
  readonly clock: Clock;
}

export interface PublicSession {
  readonly session: Session;
  readonly published?: Publication;
}

export interface SiteData {
  readonly today: IsoDate;
  readonly sessions: readonly PublicSession[];
}

export async function readSite(deps: WebDeps): Promise<SiteData> {
  const sessions = await allSessions(deps.config, deps.records);
  const today = toZoned(deps.clock.now(), deps.config.body.timezone).date;
  return {
    today,
    sessions: await Promise.all(
      sessions.map(async (session) => {
        const { published } = await deps.records.record(session.id);
        return published ? { session, published } : { session };
      }),
    ),
  };
}

/** Upcoming: today or later (cancelled ones stay listed, marked). Held: before today, not cancelled. */
export const isUpcoming = (s: Session, today: IsoDate) => s.date >= today;
export const isHeld = (s: Session, today: IsoDate) => s.date < today && !s.cancelled;
