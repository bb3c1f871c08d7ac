import { describe, expect, it } from 'vitest';
import { formatCents, formatInt, formatMillis, plural } from '../../../src/core/text/format.ts';

const nb = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\u202f/g, ' ');

describe('French money and numbers', () => {
  it('formats integer cents with a decimal comma and a no-break space before €', () => {
    expect(formatCents(3500)).toBe('35,00\u00a0€');
    expect(nb(formatCents(105000))).toBe('1 050,00 €');
    expect(nb(formatCents(-4200))).toBe('-42,00 €');
    expect(formatCents(5)).toBe('0,05\u00a0€');
  });
  it('refuses a float amount: money is integer cents', () => {
    expect(() => formatCents(12.5)).toThrow(/integer cents/);
  });
  it('shows voted monthly figures as voted', () => {
    expect(nb(formatMillis(2916))).toBe('2,916 €');
    expect(nb(formatMillis(3500, 2))).toBe('3,50 €');
    expect(nb(formatMillis(3000))).toBe('3 €');
    expect(nb(formatMillis(3330))).toBe('3,33 €');
    expect(nb(formatMillis(12500))).toBe('12,50 €');
  });
  it('groups thousands and uses the French singular for 0 and 1', () => {
    expect(nb(formatInt(100000))).toBe('100 000');
    expect(plural(0, 'délégué', 'délégués')).toBe('0 délégué');
    expect(plural(1, 'délégué', 'délégués')).toBe('1 délégué');
    expect(plural(2, 'délégué', 'délégués')).toBe('2 délégués');
  });
});

describe('formatInt without the grouping regex below a thousand', () => {
  it('writes the same as grouping every number', () => {
    const grouped = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
    for (const n of [0, 7, 42, 999, -999, 1000, -1000, 12345, 1_234_567, 0.5, 999.5, 1234.5]) {
      expect(formatInt(n), String(n)).toBe(grouped(n));
    }
  });
});
