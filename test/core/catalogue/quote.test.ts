import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { checkTariff, priceOn, ttcFromHt } from '../../../src/core/catalogue/prices.ts';
import { computeQuote } from '../../../src/core/catalogue/quote.ts';
import { UserError } from '../../../src/core/errors.ts';
import { formatCents } from '../../../src/core/text/format.ts';

const config = loadConfigFile('config/somme-numerique.yaml');
const svc = (id: string) => config.catalogue.services.find((s) => s.id === id)!;
const today = '2026-11-29';

describe('quotes in integer cents', () => {
  it('Pack Cybersécurité, 10 seats, member: 300 € a year + 2 × 75 € installation = 450 € HT = 540 € TTC', () => {
    const q = computeQuote(svc('pack-cybersecurite'), 10, 'member', false, 20, today);
    expect(q.firstYear.map((l) => l.htCents)).toEqual([30000, 15000]);
    expect(q.firstYearHt).toBe(45000);
    expect(q.firstYearTtc).toBe(54000);
    expect(q.commitmentYears).toBe(3);
    expect(q.commitmentHt).toBe(15000 + 3 * 30000);
  });
  it('installation comes in blocks of 7 seats, rounded up', () => {
    const blocks = (n: number) =>
      computeQuote(svc('pack-cybersecurite'), n, 'nonMember', false, 20, today).firstYear[1]!.htCents / 9000;
    expect([1, 7, 8, 14, 15, 24].map(blocks)).toEqual([1, 1, 2, 2, 3, 4]);
  });
  it('the password vault is free the first year of a first subscription, not after', () => {
    const q = computeQuote(svc('coffre-fort'), 5, 'member', true, 20, today);
    expect(q.firstYearHt).toBe(0);
    expect(q.commitmentHt).toBe(2 * 5 * 3500);
    const again = computeQuote(svc('coffre-fort'), 5, 'member', false, 20, today);
    expect(again.firstYearHt).toBe(17500);
    expect(again.firstYearTtc).toBe(21000);
  });
  it('refuses the packs from 25 seats, citing the limit of fewer than 25', () => {
    expect(() => computeQuote(svc('pack-haute-securite'), 24, 'member', false, 20, today)).not.toThrow();
    try {
      computeQuote(svc('pack-haute-securite'), 25, 'member', false, 20, today);
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).code).toBe('quote.seat-limit');
      expect((e as UserError).message).toContain('moins de 25 postes');
    }
  });
  it.each([0, -3, 1.5, Number.NaN, 1e9])('refuses a seat count of %s with a clear error', (n) => {
    expect(() => computeQuote(svc('coffre-fort'), n, 'member', false, 20, today)).toThrow(UserError);
  });
  it('never invents a price the minutes do not give', () => {
    expect(() => computeQuote(svc('offre-connect'), 1, 'member', false, 20, today)).toThrow(/annexe/);
  });
  it('FTTH costs 430 € HT before 7 October 2024 and 460 € HT from that day', () => {
    expect(priceOn(svc('ftth-offre-initiale'), '2024-10-06')!.all!.flatHtCents).toBe(43000);
    expect(priceOn(svc('ftth-offre-initiale'), '2024-10-07')!.all!.flatHtCents).toBe(46000);
    expect(computeQuote(svc('ftth-offre-initiale'), 2, 'member', false, 20, today).firstYearTtc).toBe(110400);
  });
});

describe('VAT rounding', () => {
  it('rounds half a cent up, explicitly', () => {
    expect(ttcFromHt(3500, 20)).toBe(4200);
    expect(ttcFromHt(1, 20)).toBe(1); // 1,2 c → 1 c
    expect(ttcFromHt(3, 20)).toBe(4); // 3,6 c → 4 c
    expect(ttcFromHt(10, 5.5)).toBe(11); // 10,55 c → 11 c
    expect(ttcFromHt(2, 25)).toBe(3); // 2,5 c → 3 c (half up)
  });
});

describe('consistency of the voted figures', () => {
  it('flags only the non-member Pack Cybersécurité monthly price (3 € × 12 ≠ 35 €)', () => {
    const flagged = config.catalogue.services.flatMap((s) =>
      s.prices.flatMap((v) =>
        (['member', 'nonMember', 'all'] as const).flatMap((k) =>
          v[k] ? checkTariff(v[k]!, 20, formatCents).map((i) => `${s.id}.${k}.${i.field}`) : [],
        ),
      ),
    );
    expect(flagged).toEqual(['pack-cybersecurite.nonMember.monthlyHT']);
  });
});
