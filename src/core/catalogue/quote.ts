/**
 * @module Quotes (devis) in integer cents: yearly subscription, installation per block of seats, the free
 * first year of a first subscription, totals HT and TTC for the first year and over the commitment.
 */
import { fail } from '../errors.ts';
import type { Service } from '../model.ts';
import type { IsoDate } from '../text/dates.ts';
import { formatCents, formatInt } from '../text/format.ts';
import { priceOn, tariffOf, ttcFromHt, type TariffKind } from './prices.ts';

export const MAX_SEATS = 10_000;

export interface QuoteLine {
  readonly label: string;
  readonly htCents: number;
}

export interface Quote {
  readonly service: Service;
  readonly tariff: TariffKind | 'all';
  readonly seats: number;
  readonly effective: IsoDate;
  readonly deliberationDate: IsoDate;
  readonly firstYear: readonly QuoteLine[];
  readonly firstYearHt: number;
  readonly firstYearTtc: number;
  /** Years of the longest commitment; 0 when the service has none. */
  readonly commitmentYears: number;
  readonly commitmentHt: number;
  readonly commitmentTtc: number;
  readonly notes: readonly string[];
}

export function computeQuote(
  service: Service,
  seats: number,
  kind: TariffKind,
  first: boolean,
  vatPercent: number,
  date: IsoDate,
): Quote {
  if (service.noPrice) fail('quote.no-price', `Aucun prix n'est disponible pour ${service.name} : ${service.noPrice}`);
  if (!Number.isSafeInteger(seats) || seats < 1)
    fail('quote.seats', 'Le nombre de postes doit être un entier positif (1, 2, 3…).');
  if (seats > MAX_SEATS)
    fail('quote.seats', `Nombre de postes hors de portée : ${formatInt(seats)} (au plus ${formatInt(MAX_SEATS)}).`);
  if (service.seatLimit && seats >= service.seatLimit.lessThan) {
    fail(
      'quote.seat-limit',
      `${service.name} est réservé aux collectivités et établissements publics de moins de ${service.seatLimit.lessThan} postes : ${formatInt(seats)} postes dépassent la limite (${service.seatLimit.lessThan - 1} au plus).`,
      [],
      `Limite : ${service.seatLimit.source}`,
    );
  }
  const version = priceOn(service, date);
  if (!version) fail('quote.not-yet', `${service.name} n'a pas encore de prix en vigueur à cette date.`);
  const t = tariffOf(version, kind);
  if (!t) fail('quote.no-tariff', `${service.name} n'a pas de tarif ${kind === 'member' ? 'membre' : 'non membre'}.`);

  const unitPlural = `${service.unit}${seats > 1 && !service.unit.endsWith('s') && !service.unit.endsWith('x') ? 's' : ''}`;
  const lines: QuoteLine[] = [];
  const notes: string[] = [];
  let yearly = 0;
  if (t.flatHtCents !== undefined) {
    const total = t.flatHtCents * seats;
    lines.push({
      label: `${formatInt(seats)} ${unitPlural} × ${formatCents(t.flatHtCents)} HT (périodicité non précisée)`,
      htCents: total,
    });
    const firstYearHt = total;
    return {
      service,
      tariff: version.all ? 'all' : kind,
      seats,
      effective: version.effective,
      deliberationDate: version.deliberation.date,
      firstYear: lines,
      firstYearHt,
      firstYearTtc: ttcFromHt(firstYearHt, vatPercent),
      commitmentYears: 0,
      commitmentHt: firstYearHt,
      commitmentTtc: ttcFromHt(firstYearHt, vatPercent),
      notes: ['La délibération ne précise pas la périodicité de ce tarif.'],
    };
  }
  if (t.yearlyHtCents === undefined) fail('quote.no-tariff', `${service.name} n'a pas de prix annuel HT.`);
  yearly = t.yearlyHtCents * seats;
  lines.push({
    label: `Abonnement annuel : ${formatInt(seats)} ${unitPlural} × ${formatCents(t.yearlyHtCents)} HT`,
    htCents: yearly,
  });

  let installation = 0;
  if (t.installationHtCents !== undefined) {
    const block = service.installationBlock ?? 1;
    const blocks = Math.ceil(seats / block);
    installation = blocks * t.installationHtCents;
    lines.push({
      label: `Installation : ${blocks} tranche${blocks > 1 ? 's' : ''} de ${block} postes × ${formatCents(t.installationHtCents)} HT`,
      htCents: installation,
    });
  }
  let free = 0;
  if (first && service.freeFirstYear) {
    free = yearly;
    lines.push({ label: 'Première année offerte (première souscription de la collectivité)', htCents: -free });
  } else if (first) {
    notes.push(`${service.name} n'a pas de première année offerte.`);
  } else if (service.freeFirstYear) {
    notes.push('Première souscription de la collectivité ? La première année est offerte : ajouter « premiere ».');
  }
  const years = Math.max(0, ...service.commitments.map((c) => c.years));
  const firstYearHt = yearly + installation - free;
  const commitmentHt = installation + yearly * Math.max(years, 1) - free;
  return {
    service,
    tariff: version.all ? 'all' : kind,
    seats,
    effective: version.effective,
    deliberationDate: version.deliberation.date,
    firstYear: lines,
    firstYearHt,
    firstYearTtc: ttcFromHt(firstYearHt, vatPercent),
    commitmentYears: years,
    commitmentHt,
    commitmentTtc: ttcFromHt(commitmentHt, vatPercent),
    notes,
  };
}
