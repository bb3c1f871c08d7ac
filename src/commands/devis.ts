/** @module /devis: a quote in integer cents with every line shown; both tariffs side by side when none is given. */
import type { TariffKind } from '../core/catalogue/prices.ts';
import { computeQuote, MAX_SEATS, type Quote } from '../core/catalogue/quote.ts';
import { defineCommand, type CommandContext } from '../core/command.ts';
import { fields, list, reply, table, text, type Block } from '../core/reply.ts';
import { formatDateLong } from '../core/text/dates.ts';
import { formatCents } from '../core/text/format.ts';

const TARIFF_LABEL: Record<TariffKind | 'all', string> = {
  member: 'membre',
  nonMember: 'non-membre',
  all: 'tarif unique',
};

/** A mairie contact's tariff: their body's membership decides. */
function defaultTariff(ctx: CommandContext): TariffKind | undefined {
  const p = ctx.actor.person;
  if (p?.role !== 'mairie') return undefined;
  return p.member ? 'member' : 'nonMember';
}

function quoteBlocks(q: Quote): Block[] {
  const rows = q.firstYear.map((l) => [l.label, formatCents(l.htCents)]);
  const totals = [
    { label: 'Total première année', value: `${formatCents(q.firstYearHt)} HT = ${formatCents(q.firstYearTtc)} TTC` },
  ];
  if (q.commitmentYears > 0) {
    totals.push({
      label: `Total sur l'engagement (${q.commitmentYears} ans)`,
      value: `${formatCents(q.commitmentHt)} HT = ${formatCents(q.commitmentTtc)} TTC`,
    });
  }
  return [table(['Ligne', 'Montant HT'], rows), fields(totals)];
}

export const devis = defineCommand({
  name: 'devis',
  description: "Devis d'un service pour un nombre de postes",
  args: [
    { name: 'service', kind: 'service', description: 'le service (coffre-fort, cyber, haute sécurité, ftth)' },
    {
      name: 'postes',
      kind: 'integer',
      min: 1,
      max: MAX_SEATS,
      description: "nombre de postes (agents), ou d'accès pour la fibre",
    },
    {
      name: 'tarif',
      kind: 'choice',
      optional: true,
      choices: ['membre', 'non-membre'],
      synonyms: {
        membre: ['membres', 'adhérent'],
        'non-membre': ['non membre', 'non-membres', 'non membres', 'non adhérent', 'non-adhérent'],
      },
      description: 'membre ou non-membre ; sans précision, les deux côte à côte',
    },
    {
      name: 'premiere',
      kind: 'choice',
      optional: true,
      choices: ['premiere'],
      synonyms: { premiere: ['première souscription', 'première année'] },
      description:
        '« premiere » : première souscription de la collectivité (première année offerte quand le service le prévoit)',
    },
  ],
  examples: ['/devis cyber 10 membre', '/devis coffre-fort 5 non-membre premiere', '/devis haute sécurité 12'],
  access: 'read',
  run(args, ctx) {
    const service = ctx.service(args['service']);
    const seats = args['postes'];
    const first = args['premiere'] !== undefined;
    const asked = args['tarif'];
    const kind: TariffKind | undefined = asked ? (asked === 'membre' ? 'member' : 'nonMember') : defaultTariff(ctx);
    const vat = service.vatPercent ?? ctx.config.body.vatPercent; // a service may carry its own VAT rate
    const today = ctx.today();
    const rule = `Prix votés ; TVA ${String(vat).replace('.', ',')} %${service.vatPercent !== undefined ? ' (taux propre à ce service)' : ''}, arrondie au centime le plus proche (demi-centime vers le haut) sur chaque total${service.seatLimit ? ` ; ${service.seatLimit.source}` : ''}`;

    if (kind) {
      const q = computeQuote(service, seats, kind, first, vat, today);
      const blocks = quoteBlocks(q);
      if (q.notes.length) blocks.push(list([...q.notes]));
      blocks.push(text(`Prix de la délibération du ${formatDateLong(q.deliberationDate, false)}.`));
      return reply(`Devis : ${service.name}, ${TARIFF_LABEL[q.tariff]}`, blocks, { rule });
    }
    const m = computeQuote(service, seats, 'member', first, vat, today);
    const n = computeQuote(service, seats, 'nonMember', first, vat, today);
    if (m.tariff === 'all') {
      return reply(`Devis : ${service.name}`, [...quoteBlocks(m), ...m.notes.map(text)], { rule });
    }
    const rows = m.firstYear.map((l, i) => [
      l.label.replace(/ × .*/, ''),
      formatCents(l.htCents),
      formatCents(n.firstYear[i]?.htCents ?? 0),
    ]);
    rows.push(['Total première année HT', formatCents(m.firstYearHt), formatCents(n.firstYearHt)]);
    rows.push(['Total première année TTC', formatCents(m.firstYearTtc), formatCents(n.firstYearTtc)]);
    if (m.commitmentYears > 0) {
      rows.push([
        `Total engagement ${m.commitmentYears} ans HT`,
        formatCents(m.commitmentHt),
        formatCents(n.commitmentHt),
      ]);
      rows.push([
        `Total engagement ${m.commitmentYears} ans TTC`,
        formatCents(m.commitmentTtc),
        formatCents(n.commitmentTtc),
      ]);
    }
    const blocks: Block[] = [table(['Ligne', 'Membre', 'Non-membre'], rows)];
    blocks.push(
      list(
        [...m.firstYear.map((l) => `Membre — ${l.label}`), ...n.firstYear.map((l) => `Non-membre — ${l.label}`)],
        'Détail',
      ),
    );
    if (m.notes.length) blocks.push(list([...m.notes]));
    blocks.push(
      text(
        `Prix de la délibération du ${formatDateLong(m.deliberationDate, false)}. Préciser « membre » ou « non-membre » pour un seul tarif.`,
      ),
    );
    return reply(`Devis : ${service.name}, ${seats} ${service.unit}${seats > 1 ? 's' : ''}`, blocks, { rule });
  },
});
