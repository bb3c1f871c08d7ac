/**
 * @module Dates and times as people write them (« 7 oct. 2024 », « lundi prochain », « demain », « 18 h 30 »),
 * read with chrono-node's French locale against a reference day given by the caller (the clock's today in
 * the body's time zone, never the machine clock). A small grammar decides how many words of a command line form
 * a date or a time; chrono resolves them; impossible ones (« 30 février », « 25h ») get a French answer
 * saying what was understood.
 */
import type * as ChronoFr from 'chrono-node/fr';
import {
  addDays,
  DAYS as WEEKDAYS,
  formatDateLong,
  MONTHS as MONTH_NAMES,
  parseDate,
  weekday,
  type IsoDate,
  type WallTime,
} from './dates.ts';
import { fold } from './normalize.ts';

/**
 * chrono-node's French locale, loaded on the first date written in words: loading it costs ≈ 50 ms of CPU,
 * which a start answering `/quorum 2024-10-07` (numeric dates are read without it) should not pay.
 */
let chronoFr: typeof ChronoFr | undefined;

/** Loads the date reader if `text` needs it (a date not written in digits); the dispatcher awaits it before validating. */
export async function loadDateReaderFor(text: string): Promise<void> {
  if (!chronoFr && !looksLikeNumericDate(text)) chronoFr = await import('chrono-node/fr');
}

function chrono(): typeof ChronoFr {
  if (!chronoFr) throw new Error('chrono-node/fr is not loaded: await loadDateReaderFor(text) before understandDate');
  return chronoFr;
}

export type Understood<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
};
/** Relative days chrono's French locale misses (it reads only « demain » in « après-demain »). */
const EXTRA_RELATIVE: Record<string, number> = { 'apres demain': 2, 'avant hier': -2 };
const RELATIVE = new Set(['aujourd hui', 'demain', 'hier', ...Object.keys(EXTRA_RELATIVE)]);
const NEXT_LAST = new Set(['prochain', 'prochaine', 'dernier', 'derniere']);

const isMonth = (t: string | undefined) => t !== undefined && fold(t) in MONTHS;
const isWeekday = (t: string | undefined) => t !== undefined && WEEKDAYS.includes(fold(t));
const isDay = (t: string | undefined) => t !== undefined && /^(\d{1,2}|1er)$/i.test(t);
const isYear = (t: string | undefined) => t !== undefined && /^\d{4}$/.test(t);
/** ISO or numeric French dates: "2024-10-07", "07/10/2024", "7.10.2024". */
export const looksLikeNumericDate = (t: string) => /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(t.trim());

/**
 * How many words from `i` form a date: « 2024-10-07 », « demain », « après-demain », « [le] [lundi] 7 oct.
 * [2024] », « lundi [prochain] ». 0 when the words there are not a date. A bare number is never a date.
 */
export function dateWordCount(tokens: readonly string[], i: number): number {
  let j = i;
  if (fold(tokens[j] ?? '') === 'le' && j + 1 < tokens.length) j++;
  const t = tokens[j];
  if (t === undefined) return 0;
  if (looksLikeNumericDate(t)) return j + 1 - i;
  if (RELATIVE.has(fold(t))) return j + 1 - i;
  if (RELATIVE.has(fold(`${t} ${tokens[j + 1] ?? ''}`))) return j + 2 - i; // « après demain »
  const hasWeekday = isWeekday(t);
  if (hasWeekday) j++;
  if (isDay(tokens[j]) && isMonth(tokens[j + 1])) return j + 2 + (isYear(tokens[j + 2]) ? 1 : 0) - i;
  if (!hasWeekday) return 0;
  return j + (NEXT_LAST.has(fold(tokens[j] ?? '')) ? 1 : 0) - i;
}

const TIME_SHAPE = /^(\d{1,2})\s*(?:h|:)\s*(\d{1,2})?$/i;

/** How many words from `i` form a time of day: « 18h », « 18:30 », « 18 h 30 », « 18h 30 ». 0 otherwise. */
export function timeWordCount(tokens: readonly string[], i: number): number {
  for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
    if (TIME_SHAPE.test(tokens.slice(i, i + n).join(' '))) return n;
  }
  return 0;
}

const iso = (y: number, m: number, d: number): IsoDate =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Chrono computes in the process's local time: a local noon on the reference day makes its answer zone-proof. */
function referenceOf(today: IsoDate): Date {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12, 0, 0);
}

export interface DateOptions {
  /** Today in the body's time zone: the reference for « demain », « lundi prochain », a missing year. */
  readonly today: IsoDate;
  /** A date without a year is the next one (planning), rather than the nearest (looking a session up). */
  readonly forward?: boolean;
}

const notUnderstood = (text: string): Understood<never> => ({
  ok: false,
  message: `date non comprise : « ${text} » (exemples : 2024-10-07, 07/10/2024, 7 octobre 2024, lundi 7 octobre, demain, lundi prochain)`,
});

/** Reads a date as a person writes it; an impossible or contradictory one says what was understood. */
export function understandDate(text: string, opts: DateOptions): Understood<IsoDate> {
  const t = text.trim();
  if (looksLikeNumericDate(t)) {
    const d = parseDate(t);
    return d
      ? { ok: true, value: d }
      : { ok: false, message: `« ${t} » n'est pas une date du calendrier (jour ou mois hors limites)` };
  }
  const folded = fold(t);
  if (folded in EXTRA_RELATIVE) return { ok: true, value: addDays(opts.today, EXTRA_RELATIVE[folded]!) };
  const impossible = impossibleDay(t, opts.today);
  if (impossible) return { ok: false, message: impossible };
  const results = chrono().parse(t, referenceOf(opts.today), { forwardDate: opts.forward ?? false });
  const r = results[0];
  // Only a reading of the whole text counts: « après-demain » must not be read as « demain ».
  const whole = r && results.length === 1 && (fold(r.text) === folded || `le ${fold(r.text)}` === folded);
  if (!r || !whole) return notUnderstood(t);
  const m = r.start.get('month')!,
    d = r.start.get('day')!;
  let y = r.start.get('year')!;
  const typed = r.start.isCertain('weekday') && r.start.isCertain('day') ? r.start.get('weekday') : null;
  if (typed !== null && !r.start.isCertain('year')) {
    // « lundi 7 octobre »: the weekday tells the year, the nearest one where the 7th of October is a Monday.
    const found = nearestYearWithWeekday(y, m, d, typed, opts.forward ?? false);
    if (found !== undefined) y = found;
  }
  const value = iso(y, m, d);
  if (typed !== null && WEEKDAYS[typed] !== weekday(value)) {
    return {
      ok: false,
      message: `« ${t} » se contredit : le ${formatDateLong(value, false)} est un ${weekday(value)}, pas un ${WEEKDAYS[typed]}`,
    };
  }
  return { ok: true, value };
}

function nearestYearWithWeekday(
  year: number,
  month: number,
  day: number,
  wd: number,
  forward: boolean,
): number | undefined {
  for (let k = 0; k <= 7; k++) {
    const order = forward ? [year + k, year - k] : [year - k, year + k];
    for (const y of order) {
      if (day <= daysInMonth(y, month) && new Date(Date.UTC(y, month - 1, day)).getUTCDay() === wd) return y;
    }
  }
  return undefined;
}

/** « 30 février », « 31 avril 2025 », « 32 octobre »: a day the month does not have, said plainly. */
function impossibleDay(text: string, today: IsoDate): string | undefined {
  const tokens = text.split(/\s+/).filter((w) => !['le', ...WEEKDAYS].includes(fold(w)));
  const [dayTok, monthTok, yearTok] = tokens;
  if (!isDay(dayTok) || !isMonth(monthTok)) return undefined;
  const day = dayTok!.toLowerCase() === '1er' ? 1 : Number(dayTok);
  const month = MONTHS[fold(monthTok!)]!;
  const year = isYear(yearTok) ? Number(yearTok) : undefined;
  const max = daysInMonth(year ?? Number(today.slice(0, 4)), month);
  if (day >= 1 && day <= max) return undefined;
  const monthName = MONTH_NAMES[month - 1]!;
  if (year === undefined && day <= 29 && month === 2) {
    return `le ${day} ${monthName} n'existe pas en ${today.slice(0, 4)} : préciser l'année (ex. ${day} ${monthName} 2028)`;
  }
  return `le ${day} ${monthName}${year ? ` ${year}` : ''} n'existe pas : ${monthName}${year ? ` ${year}` : ''} n'a que ${max} jours`;
}

/** Reads a time of day: « 18h », « 18 h 30 », « 18:30 », « 9h05 »; « 25h » or « 18h75 » are refused plainly. */
export function understandTime(text: string): Understood<WallTime> {
  const t = text.trim();
  const shape = TIME_SHAPE.exec(t);
  if (!shape) return { ok: false, message: `heure non comprise : « ${t} » (exemples : 18h, 18 h 30, 18:30)` };
  const hour = Number(shape[1]);
  const minute = shape[2] === undefined ? 0 : Number(shape[2]);
  if (hour > 23)
    return {
      ok: false,
      message: `« ${t} » n'est pas une heure : compris ${hour} h, or les heures vont de 0 h à 23 h 59`,
    };
  if (minute > 59)
    return {
      ok: false,
      message: `« ${t} » n'est pas une heure : compris ${minute} minutes, or les minutes vont de 0 à 59`,
    };
  // The shape and the bounds above are the whole reading (chrono added nothing here and is not loaded for it).
  return { ok: true, value: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}
