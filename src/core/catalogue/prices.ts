/** @module Dated prices: which voted price applies on a date, and the consistency checks of voted figures. */
import type { PriceVersion, Service, Tariff } from '../model.ts';
import type { IsoDate } from '../text/dates.ts';

export type TariffKind = 'member' | 'nonMember';

/** The price version in force on a date (the latest effective on or before it). */
export function priceOn(service: Service, date: IsoDate): PriceVersion | undefined {
  let current: PriceVersion | undefined;
  for (const p of service.prices) if (p.effective <= date) current = p;
  return current;
}

export function tariffOf(version: PriceVersion, kind: TariffKind): Tariff | undefined {
  return version.all ?? (kind === 'member' ? version.member : version.nonMember);
}

/** HT → TTC, rounded half up to the cent. VAT in percent (20, 5.5), computed in basis points to stay integer. */
export function ttcFromHt(htCents: number, vatPercent: number): number {
  const bp = Math.round(vatPercent * 100);
  const num = htCents * (10_000 + bp);
  return Math.floor((num + 5_000) / 10_000);
}

export interface PriceIssue {
  readonly field: string;
  readonly message: string;
  readonly suggestion: string;
}

/** Tolerance for "monthly × 12 = yearly": the voted monthly figures are rounded (2,916 × 12 = 34,992). */
const YEARLY_TOLERANCE_CENTS = 10;

export function checkTariff(t: Tariff, vatPercent: number, fmt: (c: number) => string): PriceIssue[] {
  const issues: PriceIssue[] = [];
  const check = (monthly: number | undefined, yearly: number | undefined, label: string) => {
    if (monthly === undefined || yearly === undefined) return;
    const fromMonthly = Math.round((monthly * 12) / 10); // millis × 12 → cents
    if (Math.abs(fromMonthly - yearly) > YEARLY_TOLERANCE_CENTS) {
      issues.push({
        field: `monthly${label}`,
        message: `prix mensuel ${label} voté × 12 = ${fmt(fromMonthly)}, mais prix annuel ${label} voté = ${fmt(yearly)}`,
        suggestion: `le prix annuel fait référence ; le mensuel cohérent serait ${(yearly / 1200).toFixed(3).replace('.', ',')} € ${label}`,
      });
    }
  };
  check(t.monthlyHtMillis, t.yearlyHtCents, 'HT');
  check(t.monthlyTtcMillis, t.yearlyTtcCents, 'TTC');
  if (t.yearlyHtCents !== undefined && t.yearlyTtcCents !== undefined) {
    const expected = ttcFromHt(t.yearlyHtCents, vatPercent);
    if (expected !== t.yearlyTtcCents) {
      issues.push({
        field: 'yearlyTtc',
        message: `prix annuel TTC voté ${fmt(t.yearlyTtcCents)} ≠ HT ${fmt(t.yearlyHtCents)} × (1 + TVA ${vatPercent} %) = ${fmt(expected)}`,
        suggestion: 'vérifier le taux de TVA ou le prix voté',
      });
    }
  }
  return issues;
}
