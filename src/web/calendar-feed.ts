/**
 * @module The subscribable calendar feed, generated with ical-generator (a maintained RFC 5545 writer):
 * - the public feed: every session (a cancelled one stays, STATUS:CANCELLED, so subscribers drop it);
 * - a delegate's private feed: also the annual seminar;
 * - the secretariat's private feed: also each convocation's deadline, or its sending day once sent, and the
 *   publication deadlines.
 * UIDs are stable (the session's id never changes when it moves; the same UID as the .ics sent in chat) and
 * SEQUENCE rises each time an event's date, time, place or status changes (kept in the store).
 * Times are written in UTC (…Z): ical-generator would format a JS Date in the server's own zone when given
 * a TZID, and a UTC instant computed from the Paris wall time is exact whatever the server's zone.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Config } from '../core/config.ts';
import { publicationDeadline } from '../core/publication/rules.ts';
import { nextSeminarDate } from '../core/reminders/seminar.ts';
import { DEFAULT_SESSION_MINUTES, slug } from '../core/sessions/ics.ts';
import { joursFrancsBetween, latestConvocationDate } from '../core/sessions/convocation.ts';
import { addDays, formatDateLong, fromZoned, type IsoDate } from '../core/text/dates.ts';
import type { SiteData, WebDeps } from './site-data.ts';

export type FeedAudience = 'public' | 'delegate' | 'secretariat';

interface FeedEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  readonly start: Date;
  readonly end: Date;
  readonly allDay: boolean;
  readonly cancelled: boolean;
}

const utcDay = (d: IsoDate) => new Date(`${d}T00:00:00Z`);

function allDay(uid: string, date: IsoDate, summary: string, description: string): FeedEvent {
  return {
    uid,
    summary,
    description,
    start: utcDay(date),
    end: utcDay(addDays(date, 1)),
    allDay: true,
    cancelled: false,
  };
}

function feedEvents(config: Config, site: SiteData, audience: FeedAudience): FeedEvent[] {
  const tz = config.body.timezone;
  const domain = slug(config.body.name);
  const events: FeedEvent[] = site.sessions.map(({ session: s }) => {
    const start = fromZoned(s.date, s.time, tz);
    const end =
      s.closedAt && s.closedAt > s.time
        ? fromZoned(s.date, s.closedAt, tz)
        : new Date(start.getTime() + DEFAULT_SESSION_MINUTES * 60_000);
    const agenda = s.agenda.map((it, i) => `${i + 1}. ${it.title}`);
    return {
      uid: `seance-${s.id}@${domain}`,
      summary: `${s.title} — ${config.body.name}`,
      description: [
        s.remote ? 'Participation à distance possible (téléconférence).' : 'Séance en présentiel.',
        agenda.length ? `Ordre du jour :\n${agenda.join('\n')}` : 'Ordre du jour publié avec la convocation.',
      ].join('\n'),
      location: s.place,
      start,
      end,
      allDay: false,
      cancelled: Boolean(s.cancelled),
    };
  });
  if (audience === 'public') return events;
  const seminar = config.reminders.seminar;
  const seminarDay = seminar ? nextSeminarDate(seminar, site.today) : undefined;
  if (seminar && seminarDay && (audience === 'secretariat' || seminar.to.includes('delegates'))) {
    events.push(
      allDay(
        `seminaire-${seminarDay}@${domain}`,
        seminarDay,
        seminar.title,
        `${seminar.title}.${seminar.place ? ` Lieu : ${seminar.place}.` : ''}`,
      ),
    );
  }
  if (audience === 'secretariat') {
    for (const { session: s, published, convokedOn } of site.sessions) {
      if (s.cancelled) continue;
      if (s.date >= site.today) {
        // One event per session under one UID: the deadline while nothing is sent, then the day the convocation
        // was actually sent (by the bot, or as recorded by /convocation enregistrer), so the subscriber's
        // calendar replaces the deadline rather than keeping a stale one.
        const deadline = latestConvocationDate(s.date, config.body.convocationDays);
        const uid = `convocation-${s.id}@${domain}`;
        const of = `séance du ${formatDateLong(s.date, false)}`;
        events.push(
          convokedOn
            ? allDay(
                uid,
                convokedOn,
                `Convocation envoyée — ${of}`,
                `Convocation envoyée le ${formatDateLong(convokedOn)} (${joursFrancsBetween(convokedOn, s.date)} jours francs avant la séance ; il en faut ${config.body.convocationDays}, envoi au plus tard le ${formatDateLong(deadline)}).`,
              )
            : allDay(
                uid,
                deadline,
                `Échéance de convocation — ${of}`,
                `Dernier jour d'envoi de la convocation (${config.body.convocationDays} jours francs avant la séance du ${formatDateLong(s.date)}).`,
              ),
        );
      }
      if (s.date < site.today && !published && publicationDeadline(s) >= site.today) {
        events.push(
          allDay(
            `publication-${s.id}@${domain}`,
            publicationDeadline(s),
            `Échéance de publication — séance du ${formatDateLong(s.date, false)}`,
            `Dernier jour pour publier la liste des délibérations (CGCT, art. L2121-25), puis /publier ${s.id}.`,
          ),
        );
      }
    }
  }
  return events;
}

/** What identifies a revision: a change here raises SEQUENCE. */
const fingerprint = (e: FeedEvent) =>
  JSON.stringify([e.start.toISOString(), e.end.toISOString(), e.location ?? '', e.cancelled, e.summary]);

export async function calendarFeed(deps: WebDeps, site: SiteData, audience: FeedAudience): Promise<string> {
  const { config } = deps;
  const events = feedEvents(config, site, audience);
  const now = deps.clock.now();
  const revisions = await deps.records.eventRevisions(
    new Map(events.map((e) => [e.uid, fingerprint(e)])),
    now.toISOString(),
  );
  const cal = ical({
    name:
      audience === 'public'
        ? `${config.body.assemblyName} — ${config.body.name}`
        : `${config.body.name} — mon calendrier`,
    prodId: { company: 'Séance', product: 'Séance', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const e of events) {
    const rev = revisions.get(e.uid);
    cal.createEvent({
      id: e.uid,
      sequence: rev?.sequence ?? 0,
      stamp: rev ? new Date(rev.since) : now,
      start: e.start,
      end: e.end,
      allDay: e.allDay,
      summary: e.summary,
      description: e.description ?? null,
      location: e.location ?? null,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
