/**
 * @module The catalogue page: each service with every dated price, the period it applied, and the
 * deliberation that set it (FTTH: 430 € HT from 17 June 2024, then 460 € HT from 7 October 2024).
 * Disagreements inside the voted figures are shown, never corrected silently.
 */
import { checkTariff, priceOn } from '../../core/catalogue/prices.ts';
import type { Config } from '../../core/config.ts';
import type { Service, Tariff } from '../../core/model.ts';
import { addDays, formatDateLong, type IsoDate } from '../../core/text/dates.ts';
import { formatCents, formatMillis } from '../../core/text/format.ts';

export interface PriceRow {
  readonly period: string;
  readonly current: boolean;
  readonly tariffs: readonly { readonly who: string; readonly lines: readonly string[] }[];
  readonly deliberation: string;
}

export interface ServiceView {
  readonly id: string;
  readonly name: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly prices: readonly PriceRow[];
  readonly noPrice?: string;
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
}

function tariffLines(t: Tariff, unit: string, block: number | undefined): string[] {
  if (t.flatHtCents !== undefined) return [`${formatCents(t.flatHtCents)} HT par ${unit}`];
  const out: string[] = [];
  if (t.yearlyHtCents !== undefined)
    out.push(
      `${formatCents(t.yearlyHtCents)} HT par an${t.monthlyHtMillis !== undefined ? ` (${formatMillis(t.monthlyHtMillis)} HT par mois)` : ''}`,
    );
  if (t.yearlyTtcCents !== undefined)
    out.push(
      `${formatCents(t.yearlyTtcCents)} TTC par an${t.monthlyTtcMillis !== undefined ? ` (${formatMillis(t.monthlyTtcMillis, 2)} TTC par mois)` : ''}`,
    );
  if (t.installationHtCents !== undefined)
    out.push(`installation : ${formatCents(t.installationHtCents)} HT par tranche de ${block ?? 1} postes`);
  return out;
}

function serviceView(s: Service, today: IsoDate, vat: number): ServiceView {
  const current = priceOn(s, today);
  const facts = [
    ...(s.includes.length ? [{ label: 'Comprend', value: s.includes.join(' ; ') }] : []),
    ...(s.commitments.length
      ? [
          {
            label: 'Engagement',
            value: s.commitments.map((c) => `${c.what} : ${c.years} an${c.years > 1 ? 's' : ''}`).join(', '),
          },
        ]
      : []),
    ...(s.freeFirstYear
      ? [{ label: 'Première année', value: "gratuite pour toute première souscription d'une collectivité" }]
      : []),
    ...(s.seatLimit
      ? [{ label: 'Limite', value: `moins de ${s.seatLimit.lessThan} postes (${s.seatLimit.source})` }]
      : []),
  ];
  const prices = s.prices.map((p, i): PriceRow => {
    const next = s.prices[i + 1];
    const period = next
      ? `du ${formatDateLong(p.effective, false)} au ${formatDateLong(addDays(next.effective, -1), false)}`
      : `depuis le ${formatDateLong(p.effective, false)}`;
    const tariffs = (
      [
        ['Tous', p.all],
        ['Membres', p.member],
        ['Non-membres', p.nonMember],
      ] as const
    )
      .filter(([, t]) => t)
      .map(([who, t]) => ({ who, lines: tariffLines(t!, s.unit, s.installationBlock) }));
    return {
      period,
      current: p === current,
      tariffs,
      deliberation: `${p.deliberation.title} (séance du ${formatDateLong(p.deliberation.date, false)})`,
    };
  });
  const warnings = current
    ? (
        [
          ['membres', current.member],
          ['non-membres', current.nonMember],
          ['tous', current.all],
        ] as const
      ).flatMap(([label, t]) =>
        t ? checkTariff(t, vat, formatCents).map((i) => `Tarif ${label} : ${i.message} ; ${i.suggestion}.`) : [],
      )
    : [];
  return {
    id: s.id,
    name: s.name,
    facts,
    prices,
    ...(s.noPrice ? { noPrice: s.noPrice } : {}),
    warnings,
    notes: [...s.notes],
  };
}

export function catalogueView(
  config: Config,
  today: IsoDate,
): { readonly services: readonly ServiceView[]; readonly vat: string } {
  return {
    services: config.catalogue.services.map((s) => serviceView(s, today, config.body.vatPercent)),
    vat: `${String(config.body.vatPercent).replace('.', ',')} %`,
  };
}
