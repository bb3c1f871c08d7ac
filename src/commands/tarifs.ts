/** @module /tarifs: the catalogue voted by the committee, or one service in full, with its dated prices. */
import { checkTariff, priceOn } from '../core/catalogue/prices.ts';
import { defineCommand, type CommandContext } from '../core/command.ts';
import type { PriceVersion, Service, Tariff } from '../core/model.ts';
import { fields, list, reply, table, text, type Block, type Field } from '../core/reply.ts';
import { addDays, formatDateLong } from '../core/text/dates.ts';
import { formatCents, formatMillis } from '../core/text/format.ts';

function tariffText(t: Tariff): string {
  if (t.flatHtCents !== undefined) return `${formatCents(t.flatHtCents)} HT`;
  const parts: string[] = [];
  const ht = [
    t.monthlyHtMillis !== undefined ? `${formatMillis(t.monthlyHtMillis)} HT/mois` : '',
    t.yearlyHtCents !== undefined ? `${formatCents(t.yearlyHtCents)} HT/an` : '',
  ].filter(Boolean);
  const ttc = [
    t.monthlyTtcMillis !== undefined ? `${formatMillis(t.monthlyTtcMillis, 2)} TTC/mois` : '',
    t.yearlyTtcCents !== undefined ? `${formatCents(t.yearlyTtcCents)} TTC/an` : '',
  ].filter(Boolean);
  if (ht.length) parts.push(ht.join(' soit '));
  if (ttc.length) parts.push(ttc.join(' soit '));
  return parts.join(' ; ');
}

function yearlyHt(t: Tariff | undefined): string {
  if (!t) return '—';
  if (t.flatHtCents !== undefined) return `${formatCents(t.flatHtCents)} HT`;
  return t.yearlyHtCents !== undefined ? `${formatCents(t.yearlyHtCents)} HT/an` : '—';
}

export function priceWarnings(ctx: CommandContext, v: PriceVersion, service?: Service): string[] {
  const vat = service?.vatPercent ?? ctx.config.body.vatPercent;
  const out: string[] = [];
  for (const [label, t] of [
    ['membres', v.member],
    ['non-membres', v.nonMember],
    ['tous', v.all],
  ] as const) {
    if (!t) continue;
    for (const issue of checkTariff(t, vat, formatCents))
      out.push(`Tarif ${label} : ${issue.message} ; ${issue.suggestion}. Les devis se fondent sur le prix annuel.`);
  }
  return out;
}

function serviceDetail(ctx: CommandContext, s: Service): Block[] {
  const today = ctx.today();
  const v = priceOn(s, today);
  const f: Field[] = [];
  if (s.includes.length) f.push({ label: 'Comprend', value: s.includes.join(' + ') });
  if (s.noPrice) f.push({ label: 'Prix', value: `non disponible : ${s.noPrice}` });
  if (v) {
    if (v.all) f.push({ label: 'Tarif', value: `${tariffText(v.all)} par ${s.unit}` });
    if (v.member) f.push({ label: 'Membres', value: tariffText(v.member) });
    if (v.nonMember) f.push({ label: 'Non-membres', value: tariffText(v.nonMember) });
    const inst = [v.member?.installationHtCents, v.nonMember?.installationHtCents];
    if (inst.some((x) => x !== undefined)) {
      f.push({
        label: 'Installation',
        value: `${inst[0] !== undefined ? `membres ${formatCents(inst[0])} HT` : ''}${inst[1] !== undefined ? `, non-membres ${formatCents(inst[1])} HT` : ''} par tranche de ${s.installationBlock ?? 1} postes`,
      });
    }
  }
  if (s.commitments.length)
    f.push({
      label: 'Engagement',
      value: s.commitments.map((c) => `${c.what} ${c.years} an${c.years > 1 ? 's' : ''}`).join(', '),
    });
  if (s.freeFirstYear)
    f.push({ label: 'Première année', value: "gratuite pour toute première souscription d'une collectivité" });
  if (s.seatLimit)
    f.push({ label: 'Limite', value: `moins de ${s.seatLimit.lessThan} postes (${s.seatLimit.source})` });
  if (v)
    f.push({
      label: 'Délibération',
      value: `${v.deliberation.title} (comité du ${formatDateLong(v.deliberation.date, false)}), en vigueur depuis le ${formatDateLong(v.effective, false)}`,
    });
  const blocks: Block[] = [fields(f)];
  if (s.prices.length > 1) {
    blocks.push(
      list(
        s.prices.map((p, i) => {
          const next = s.prices[i + 1];
          const span = next
            ? `du ${formatDateLong(p.effective, false)} au ${formatDateLong(addDays(next.effective, -1), false)}`
            : `depuis le ${formatDateLong(p.effective, false)}`;
          const t = p.all ?? p.member;
          return `${span} : ${t ? tariffText(t) : '—'} (délibération du ${formatDateLong(p.deliberation.date, false)})`;
        }),
        'Historique des prix',
      ),
    );
  }
  if (v) {
    const warnings = priceWarnings(ctx, v, s);
    if (warnings.length) blocks.push(list(warnings, 'Écart dans les chiffres votés'));
  }
  if (s.notes.length) blocks.push(list([...s.notes], 'Notes'));
  return blocks;
}

export const tarifs = defineCommand({
  name: 'tarifs',
  description: "Catalogue des services et leurs prix votés, ou le détail d'un service",
  args: [
    {
      name: 'service',
      kind: 'service',
      optional: true,
      description: 'un service (coffre-fort, cyber, haute sécurité, ftth…)',
    },
  ],
  examples: ['/tarifs', '/tarifs cyber', '/tarifs ftth'],
  access: 'read',
  run(args, ctx) {
    const name = args['service'];
    if (name) {
      const s = ctx.service(name);
      return reply(s.name, serviceDetail(ctx, s), {
        rule: `TVA ${String(s.vatPercent ?? ctx.config.body.vatPercent).replace('.', ',')} %${s.vatPercent !== undefined ? ' (taux propre à ce service)' : ''} ; prix par ${s.unit}`,
      });
    }
    const today = ctx.today();
    const rows = ctx.config.catalogue.services.map((s) => {
      const v = priceOn(s, today);
      const engagement = s.commitments.length ? `${Math.max(...s.commitments.map((c) => c.years))} ans` : '—';
      if (!v) return [s.name, 'prix non fourni', 'prix non fourni', engagement];
      return v.all
        ? [s.name, yearlyHt(v.all), yearlyHt(v.all), engagement]
        : [s.name, yearlyHt(v.member), yearlyHt(v.nonMember), engagement];
    });
    return reply(
      'Catalogue des services',
      [
        table(['Service', 'Membres', 'Non-membres', 'Engagement'], rows),
        text(
          'Détail (mensuel, TTC, installation, première année, limites) : /tarifs <service>. Devis : /devis <service> <postes> [membre|non-membre] [premiere].',
        ),
      ],
      { rule: `Prix votés par le ${ctx.config.body.assemblyName.toLowerCase()} ; TVA ${ctx.config.body.vatPercent} %` },
    );
  },
});
