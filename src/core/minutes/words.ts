/**
 * @module Numbers and dates in French words, as minutes open: « L'an deux mille vingt-quatre, le sept octobre ».
 * Traditional spelling (« vingt et un », « quatre-vingts », « mille » invariable), 0 to 9 999. Pure.
 */
import { MONTHS } from '../text/dates.ts';

const UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

function below100(n: number): string {
  if (n < 20) return UNITS[n]!;
  if (n < 70) {
    const t = Math.floor(n / 10),
      u = n % 10;
    return u === 0 ? TENS[t]! : u === 1 ? `${TENS[t]} et un` : `${TENS[t]}-${UNITS[u]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${UNITS[n - 60]}`;
  return n === 80 ? 'quatre-vingts' : `quatre-vingt-${UNITS[n - 80]}`;
}

function below1000(n: number): string {
  const h = Math.floor(n / 100),
    r = n % 100;
  if (h === 0) return below100(r);
  const head = h === 1 ? 'cent' : `${UNITS[h]} cent${r === 0 ? 's' : ''}`;
  return r === 0 ? head : `${head} ${below100(r)}`;
}

export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  const th = Math.floor(n / 1000),
    r = n % 1000;
  if (th === 0) return below1000(r);
  // « quatre-vingts » loses its s when followed by another number; « cent » likewise.
  const rest = r === 0 ? '' : ` ${below1000(r)}`;
  return `${th === 1 ? 'mille' : `${UNITS[th]} mille`}${rest}`;
}

/** « L'an deux mille vingt-quatre, le sept octobre » (the first of the month: « le premier »). */
export function dateInWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `L'an ${numberInWords(y)}, le ${d === 1 ? 'premier' : numberInWords(d)} ${MONTHS[m - 1]}`;
}
