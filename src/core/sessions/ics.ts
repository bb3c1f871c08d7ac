/**
 * @module iCalendar (RFC 5545) files for a session or the seminar: CRLF lines folded at 75 octets, TEXT
 * escaping, DTSTART with TZID plus a VTIMEZONE computed from the zone's real transitions, UID, DTSTAMP.
 */
import type { Config, SeminarConfig } from '../config.ts';
import type { Session } from '../model.ts';
import type { Attachment } from '../reply.ts';
import { addDays, offsetMinutes, type IsoDate, type WallTime } from '../text/dates.ts';
import { fold } from '../text/normalize.ts';

export const ICS_CONTENT_TYPE = 'text/calendar';
/** A planned session has no end time: the event lasts this long (the 7 October 2024 one took 70 minutes). */
export const DEFAULT_SESSION_MINUTES = 120;

export interface IcsEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  /** No time: an all-day event. */
  readonly start: { readonly date: IsoDate; readonly time?: WallTime };
  /** Same day end time; otherwise `durationMinutes` (timed) or one day (all-day). */
  readonly endTime?: WallTime;
  readonly durationMinutes?: number;
  readonly cancelled?: boolean;
}

/** TEXT value escaping: backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

const octets = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Folds a content line at 75 octets, never inside a UTF-8 sequence; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0)!);
    const limit = parts.length === 0 ? 75 : 74; // the leading space of a continuation counts
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const basicDate = (d: IsoDate) => d.replace(/-/g, '');
const basicLocal = (d: IsoDate, t: WallTime) => `${basicDate(d)}T${t.replace(':', '')}00`;
const basicUtc = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
const offsetText = (min: number) =>
  `${min < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(min) / 60))}${pad(Math.abs(min) % 60)}`;

interface Transition {
  readonly ms: number;
  readonly from: number;
  readonly to: number;
}

const transitionCache = new Map<string, readonly Transition[]>();

/** The zone's offset changes during a year, found by daily probes then bisection to the minute (memoised). */
function transitions(year: number, timeZone: string): readonly Transition[] {
  const key = `${timeZone}|${year}`;
  let found = transitionCache.get(key);
  if (!found) {
    found = probeTransitions(year, timeZone);
    transitionCache.set(key, found);
  }
  return found;
}

function probeTransitions(year: number, timeZone: string): Transition[] {
  const out: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  let prev = offsetMinutes(t, timeZone);
  while (t < end) {
    const next = t + 86_400_000;
    const o = offsetMinutes(next, timeZone);
    if (o !== prev) {
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetMinutes(mid, timeZone) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ ms: hi, from: prev, to: o });
      prev = o;
    }
    t = next;
  }
  return out;
}

function zoneAbbreviation(ms: number, timeZone: string): string | undefined {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name && /^[A-Z]{2,5}$/.test(name) ? name : undefined;
}

/** A VTIMEZONE whose observances cover the given years (and the end of the year before). */
export function vtimezone(timeZone: string, years: readonly number[]): string[] {
  const all = [...new Set(years.flatMap((y) => [y - 1, y]))].sort().flatMap((y) => transitions(y, timeZone));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (all.length === 0) {
    const o = offsetMinutes(Date.UTC(Math.min(...years), 0, 1), timeZone);
    const name = zoneAbbreviation(Date.UTC(Math.min(...years), 0, 1), timeZone);
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offsetText(o)}`,
      `TZOFFSETTO:${offsetText(o)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      'END:STANDARD',
    );
  }
  for (const tr of all) {
    const kind = tr.to > tr.from ? 'DAYLIGHT' : 'STANDARD';
    // An observance starts at the local time of the change, read with the offset in force before it.
    const local = new Date(tr.ms + tr.from * 60_000);
    const start = `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}00`;
    const name = zoneAbbreviation(tr.ms + 60_000, timeZone);
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${offsetText(tr.from)}`,
      `TZOFFSETTO:${offsetText(tr.to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** 120 → "PT2H", 90 → "PT1H30M". */
const isoDuration = (minutes: number) =>
  `PT${Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)}H` : ''}${minutes % 60 ? `${minutes % 60}M` : ''}`;

export interface IcsOptions {
  readonly timeZone: string;
  /** DTSTAMP: when the file is produced (the Clock port). */
  readonly now: Date;
  readonly prodId?: string;
}

export function buildIcs(events: readonly IcsEvent[], opts: IcsOptions): string {
  const timed = events.filter((e) => e.start.time);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${opts.prodId ?? '-//Séance//Séance FR//FR'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(timed.length
      ? vtimezone(
          opts.timeZone,
          timed.map((e) => Number(e.start.date.slice(0, 4))),
        )
      : []),
  ];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${basicUtc(opts.now)}`);
    if (e.start.time) {
      lines.push(`DTSTART;TZID=${opts.timeZone}:${basicLocal(e.start.date, e.start.time)}`);
      if (e.endTime && e.endTime > e.start.time)
        lines.push(`DTEND;TZID=${opts.timeZone}:${basicLocal(e.start.date, e.endTime)}`);
      else lines.push(`DURATION:${isoDuration(e.durationMinutes ?? DEFAULT_SESSION_MINUTES)}`);
    } else {
      lines.push(
        `DTSTART;VALUE=DATE:${basicDate(e.start.date)}`,
        `DTEND;VALUE=DATE:${basicDate(addDays(e.start.date, 1))}`,
      );
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export const slug = (s: string) => fold(s).replace(/ /g, '-') || 'seance';

export function sessionIcs(session: Session, config: Pick<Config, 'body'>, now: Date): Attachment {
  const agenda = session.agenda.map((it, i) => `${i + 1}. ${it.title}`);
  const description = [
    `${session.title} de ${config.body.name}.`,
    session.remote ? 'Participation à distance possible (téléconférence).' : '',
    agenda.length ? `Ordre du jour :\n${agenda.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const content = buildIcs(
    [
      {
        uid: `seance-${session.id}@${slug(config.body.name)}`,
        summary: `${session.title} — ${config.body.name}`,
        description,
        location: session.place,
        start: { date: session.date, time: session.time },
        endTime: session.closedAt,
        cancelled: session.cancelled,
      },
    ],
    { timeZone: config.body.timezone, now },
  );
  return { filename: `seance-${session.date}.ics`, contentType: ICS_CONTENT_TYPE, content };
}

export function seminarIcs(seminar: SeminarConfig, date: IsoDate, config: Pick<Config, 'body'>, now: Date): Attachment {
  const content = buildIcs(
    [
      {
        uid: `seminaire-${date}@${slug(config.body.name)}`,
        summary: seminar.title,
        description: `${seminar.title}.${seminar.place ? ` Lieu : ${seminar.place}.` : ''}`,
        location: seminar.place,
        start: { date },
      },
    ],
    { timeZone: config.body.timezone, now },
  );
  return { filename: `seminaire-${date.slice(0, 4)}.ics`, contentType: ICS_CONTENT_TYPE, content };
}
