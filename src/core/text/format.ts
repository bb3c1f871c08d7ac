/** @module French formatting: money from integer cents, dates and times in the body's time zone. */

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** 3500 → "35,00 €". Integer cents in, never a float: the thousands separator is a narrow no-break space. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`formatCents expects integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${sign}${euros},${rest}${NBSP}€`;
}

/** A voted figure kept as thousandths of a euro (2,916 € → 2916), shown as voted: "2,916 €", "3 €", "3,50 €". */
export function formatMillis(millis: number, minDecimals = 0): string {
  const euros = Math.floor(millis / 1000);
  let frac = (millis % 1000).toString().padStart(3, '0').replace(/0+$/, '');
  if (frac.length > 0 && frac.length < 2) frac = frac.padEnd(2, '0');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  return `${euros}${frac ? ',' + frac : ''}${NBSP}€`;
}

/** Integer (with fr-FR grouping). */
export function formatInt(n: number): string {
  if (Number.isInteger(n) && n > -1000 && n < 1000) return String(n); // no group to separate: skip the regex
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/** Percent with French decimal comma. */
export function formatPercent(n: number): string {
  return `${n.toString().replace('.', ',')}${NBSP}%`;
}

const frPlural = new Intl.PluralRules('fr-FR');

/** « 0 délégué », « 1 délégué », « 2 délégués »: French puts 0 and 1 in the singular (see also text/french.ts). */
export function plural(n: number, one: string, many: string): string {
  // Integers need no Intl call (about a microsecond each): 0 and 1 (and negatives) singular, the rest plural.
  const singular = Number.isInteger(n) ? n > -2 && n < 2 : frPlural.select(n) === 'one';
  return `${formatInt(n)} ${singular ? one : many}`;
}
