/**
 * @module What the public pages read, and nothing more: the sessions (config and chat, with moves and
 * cancellations), each session's state, convocation day and publication dates, today's date. Answers to the
 * convocation, the journal and chat ids never reach a page. The adopted minutes (attendance as recorded, the
 * votes) are read by the session page only once the session is arrêtée, as the law publishes them.
 */
import type { Config } from '../core/config.ts';
import { allSessions } from '../core/dispatch.ts';
import type { LifecycleState, Session } from '../core/model.ts';
import type { Clock } from '../core/ports.ts';
import type { Records } from '../core/records.ts';
import { sessionState } from '../core/sessions/lifecycle.ts';
import { toZoned, type IsoDate } from '../core/text/dates.ts';

/** The part of the running bot the web module needs (structural, so the hub's name does not matter). */
export interface WebDeps {
  readonly config: Config;
  readonly records: Records;
  readonly clock: Clock;
}

export interface PublicSession {
  readonly session: Session;
  readonly state: LifecycleState;
  /** The day the convocation was sent: as the bot sent or the secretariat recorded it, else the config's. */
  readonly convokedOn?: IsoDate;
  /** When the list of deliberations was published (`/publier`). Never who. */
  readonly published?: { readonly at: string };
  /** Adopted minutes put online (`/publier pv`): when, and the day they were arrêtés. Never who. */
  readonly minutes?: { readonly at: string; readonly adoptedOn: IsoDate };
  /** The record's version, for an arrêtée session: the page's minutes are rebuilt when it changes. */
  readonly minutesVersion?: number;
}

export interface SiteData {
  readonly today: IsoDate;
  readonly sessions: readonly PublicSession[];
}

export async function readSite(deps: WebDeps): Promise<SiteData> {
  const sessions = await allSessions(deps.config, deps.records);
  const now = deps.clock.now();
  const tz = deps.config.body.timezone;
  const today = toZoned(now, tz).date;
  return {
    today,
    sessions: await Promise.all(
      sessions.map(async (session): Promise<PublicSession> => {
        const record = await deps.records.record(session.id);
        const state = sessionState(session, record, now, tz);
        const convokedOn = record.convocation?.date ?? session.convokedOn;
        const { published, minutesPublished: m } = record;
        return {
          session,
          state,
          ...(convokedOn ? { convokedOn } : {}),
          ...(published ? { published: { at: published.at } } : {}),
          ...(m ? { minutes: { at: m.at, adoptedOn: m.adoptedOn } } : {}),
          ...(state === 'arretee' ? { minutesVersion: record.version } : {}),
        };
      }),
    ),
  };
}

/** Upcoming: today or later (cancelled ones stay listed, marked). Held: before today, not cancelled. */
export const isUpcoming = (s: Session, today: IsoDate) => s.date >= today;
export const isHeld = (s: Session, today: IsoDate) => s.date < today && !s.cancelled;
