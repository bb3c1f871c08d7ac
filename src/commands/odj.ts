/** @module /odj: a session's agenda; /odj ajouter: a secretary adds an item. */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { AgendaItem, AgendaKind } from '../core/model.ts';
import { fields, list, reply, text } from '../core/reply.ts';
import { sessionIcs } from '../core/sessions/ics.ts';
import { formatDateLong, formatTime } from '../core/text/dates.ts';
import { sessionArg, sessionHeading, nameById } from './shared.ts';

const KIND_LABEL: Record<AgendaKind, string> = {
  procedure: 'Ouverture de la séance',
  information: 'Pour information',
  deliberation: 'Délibération',
};

export function agendaLines(items: readonly AgendaItem[]): string[] {
  let deliberation = 0;
  return items.map((it) => {
    const label = it.kind === 'deliberation' ? `Délibération n° ${++deliberation}` : KIND_LABEL[it.kind];
    return `${label} : ${it.title}${it.outcome ? ` — ${it.outcome}` : ''}`;
  });
}

const voir = defineCommand({
  name: 'voir',
  description: 'Ordre du jour d\'une séance',
  args: [sessionArg],
  examples: ['/odj', '/odj 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const name = nameById(ctx);
    const info = [
      { label: 'Date', value: `${formatDateLong(s.date)} à ${formatTime(s.time)}` },
      { label: 'Lieu', value: s.place },
      { label: 'Participation à distance', value: s.remote ? 'oui (téléconférence)' : 'non' },
    ];
    if (s.convokedOn) info.push({ label: 'Convocation', value: `envoyée le ${formatDateLong(s.convokedOn)}` });
    if (s.president) info.push({ label: 'Présidence', value: name(s.president) });
    if (s.secretary) info.push({ label: 'Secrétaire de séance', value: name(s.secretary) });
    if (s.cancelled) info.push({ label: 'Statut', value: 'séance annulée' });
    return reply(`Ordre du jour (${s.agenda.length} point${s.agenda.length > 1 ? 's' : ''})`, [
      fields(info),
      s.agenda.length ? list(agendaLines(s.agenda), undefined, true) : text('L\'ordre du jour est vide. Un secrétaire peut l\'alimenter : /odj ajouter <séance> <information|deliberation> <titre>.'),
    ], { session: sessionHeading(ctx, s), attachments: [sessionIcs(s, ctx.config, ctx.clock.now())] });
  },
});

const ajouter = defineCommand({
  name: 'ajouter',
  description: 'Ajouter un point à l\'ordre du jour (secrétariat)',
  args: [
    { name: 'séance', kind: 'session', description: 'date de la séance' },
    { name: 'nature', kind: 'choice', choices: ['information', 'deliberation'], description: 'information (le comité prend acte) ou délibération (vote)' },
    { name: 'titre', kind: 'text', description: 'intitulé du point' },
  ],
  examples: ['/odj ajouter 2026-12-15 deliberation Budget primitif 2027'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    if (s.date < ctx.today()) fail('agenda.past', `La séance du ${formatDateLong(s.date)} est passée : son ordre du jour ne change plus.`);
    const item: AgendaItem = { kind: args['nature'], title: args['titre'] };
    await ctx.records.addAgendaItem(s.id, item);
    const updated = await ctx.session(s.id);
    return reply('Point ajouté à l\'ordre du jour', [list(agendaLines(updated.agenda), undefined, true)], {
      tone: 'success', session: sessionHeading(ctx, updated),
    });
  },
});

export const odj = defineCommand({
  name: 'odj',
  description: 'Ordre du jour d\'une séance',
  examples: ['/odj 2024-10-07'],
  access: 'read',
  subcommands: [voir, ajouter],
  defaultSubcommand: 'voir',
});
