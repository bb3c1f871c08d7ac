/**
 * @module Calendar dates ("2024-10-07"), wall-clock times ("17:30") and instants, in a named time zone.
 * Plain dates are ISO strings so they compare as strings; only `Intl` is used, so the core stays pure.
 */

export type IsoDate = string; // YYYY-MM-DD
export type WallTime = string; // HH:MM

/** French weekday names, Sunday first (as `Date.getUTCDay()`). */
export const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
/** French month names, January first. */
export const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function iso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2024-10-07", "07/10/2024", "7/10/2024", "07-10-2024" → "2024-10-07"; anything else (or 31/02) → null. */
export function parseDate(text: string): IsoDate | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? iso(y, mo, d) : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? iso(y, mo, d) : null;
  }
  return null;
}

export function looksLikeDate(text: string): boolean {
  return /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(text.trim());
}

/** "17:30", "17h30", "17h", "17 h 30" → "17:30"; null when not a time of day. */
export function parseTime(text: string): WallTime | null {
  const m = /^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  if (m[2] === undefined && !/[hH]/.test(text)) return null; // a bare "17" is a number, not a time
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const toUtc = (s: IsoDate) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

export function weekday(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/** "2024-10-07" → "lundi 7 octobre 2024" (the first of the month is "1er"). */
export function formatDateLong(date: IsoDate, withWeekday = true): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = d === 1 ? '1er' : String(d);
  return `${withWeekday ? weekday(date) + ' ' : ''}${day} ${MONTHS[m - 1]} ${y}`;
}

/** "2024-10-07" → "07/10/2024". */
export function formatDateShort(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** "17:30" → "17 h 30", "09:00" → "9 h". */
export function formatTime(time: WallTime): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

const dateTimes = new Map<string, string>();

/** "lundi 7 octobre 2024 à 17 h 30"; memoised (bounded): every reply about a session prints its heading. */
export function formatDateTime(date: IsoDate, time: WallTime): string {
  const key = `${date} ${time}`;
  let s = dateTimes.get(key);
  if (s === undefined) {
    s = `${formatDateLong(date)} à ${formatTime(time)}`;
    if (dateTimes.size >= 1000) dateTimes.clear();
    dateTimes.set(key, s);
  }
  return s;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of an instant in a zone. */
export function toZoned(instant: Date, timeZone: string): { date: IsoDate; time: WallTime; seconds: number } {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, seconds: Number(p.second) };
}

const datesByZone = new Map<string, { minute: number; date: IsoDate }>();

/**
 * The wall-clock date of an instant in a zone, remembered for the minute (a zone's offset changes on whole
 * minutes): every command asks for today's date, and `toZoned` costs microseconds (Intl#formatToParts).
 */
export function zonedDate(instant: Date, timeZone: string): IsoDate {
  const minute = Math.floor(instant.getTime() / 60_000);
  const hit = datesByZone.get(timeZone);
  if (hit?.minute === minute) return hit.date;
  const date = toZoned(instant, timeZone).date;
  datesByZone.set(timeZone, { minute, date });
  return date;
}

/** The zone's offset from UTC at an instant, in minutes (Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const z = toZoned(new Date(ms), timeZone);
  const [y, mo, d] = z.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = z.time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, z.seconds);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone. Across a DST change: a time that occurs twice (the autumn
 * hour) gives the first occurrence; a time that does not exist (the spring gap) gives the instant the
 * clocks jump to plus the same distance, i.e. 02:30 on the spring-forward day in Paris → 03:30 CEST.
 */
export function fromZoned(date: IsoDate, time: WallTime, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  const candidates = new Set<number>();
  for (const probe of [naive - 86_400_000 / 2, naive, naive + 86_400_000 / 2]) {
    candidates.add(naive - offsetMinutes(new Date(probe), timeZone) * 60_000);
  }
  const exact = [...candidates].filter((c) => {
    const z = toZoned(new Date(c), timeZone);
    return z.date === date && z.time === time;
  });
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In the gap: use the offset in force before the change, which lands after the jump.
  const before = offsetMinutes(new Date(naive - 86_400_000 / 2), timeZone);
  return new Date(naive - before * 60_000);
}
