/** @module /odj: a session's agenda; /odj ajouter: a secretary adds an item. */
import { defineCommand, type CommandContext } from '../core/command.ts';
import { journalChange, sessionForChange, STATE_LABEL, stateOf } from '../core/sessions/lifecycle.ts';
import { fail } from '../core/errors.ts';
import type { AgendaItem, AgendaKind } from '../core/model.ts';
import { fields, list, reply, text } from '../core/reply.ts';
import { sessionIcs } from '../core/sessions/ics.ts';
import { describeSending } from '../core/sessions/convocation-sending.ts';
import { formatDateLong, formatTime } from '../core/text/dates.ts';
import { sessionArg, sessionHeading, nameById, who } from './shared.ts';

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
  description: "Ordre du jour d'une séance",
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
    const sending = (await ctx.records.record(s.id)).convocation;
    if (sending)
      info.push({ label: 'Convocation', value: `envoyée le ${describeSending(sending, ctx.config.body.timezone)}` });
    else if (s.convokedOn) info.push({ label: 'Convocation', value: `envoyée le ${formatDateLong(s.convokedOn)}` });
    if (s.president) info.push({ label: 'Présidence', value: name(s.president) });
    if (s.secretary) info.push({ label: 'Secrétaire de séance', value: name(s.secretary) });
    info.push({ label: 'État', value: STATE_LABEL[await stateOf(ctx, s)] });
    return reply(
      `Ordre du jour (${s.agenda.length} point${s.agenda.length > 1 ? 's' : ''})`,
      [
        fields(info),
        s.agenda.length
          ? list(agendaLines(s.agenda), undefined, true)
          : text(
              "L'ordre du jour est vide. Un secrétaire peut l'alimenter : /odj ajouter <séance> <information|deliberation> <titre>.",
            ),
      ],
      { session: sessionHeading(ctx, s), attachments: [sessionIcs(s, ctx.config, ctx.clock.now())] },
    );
  },
});

const ajouter = defineCommand({
  name: 'ajouter',
  description: "Ajouter un point à l'ordre du jour (secrétariat)",
  args: [
    { name: 'séance', kind: 'session', description: 'date de la séance' },
    {
      name: 'nature',
      kind: 'choice',
      choices: ['information', 'deliberation'],
      synonyms: { information: ['info'], deliberation: ['vote'] },
      description: 'information (le comité prend acte) ou délibération (vote)',
    },
    { name: 'titre', kind: 'text', description: 'intitulé du point' },
  ],
  examples: ['/odj ajouter 2026-12-15 deliberation Budget primitif 2027'],
  access: 'session.plan',
  async run(args, ctx) {
    const target = await sessionForChange(ctx, args['séance'], 'agenda');
    const s = target.session;
    const item: AgendaItem = { kind: args['nature'], title: args['titre'] };
    const number = await ctx.records.addAgendaItem(s.id, item);
    await journalChange(
      ctx,
      target,
      who(ctx),
      "point ajouté à l'ordre du jour",
      `n° ${number} : ${KIND_LABEL[item.kind].toLowerCase()}, « ${item.title} »`,
    );
    const updated = await ctx.session(s.date);
    return reply("Point ajouté à l'ordre du jour", [list(agendaLines(updated.agenda), undefined, true)], {
      tone: 'success',
      session: sessionHeading(ctx, updated),
    });
  },
});

const numberArg = {
  name: 'numéro',
  kind: 'integer',
  min: 1,
  max: 200,
  description: 'le n° du point, tel que /odj le numérote',
} as const;

/**
 * Replaces the whole agenda of a session (it already includes every /odj ajouter so far): a compare-and-set
 * on the latest agenda, so an addition made meanwhile from another process is never lost.
 */
async function editAgenda(
  ctx: CommandContext,
  dateArg: string,
  n: number,
  edit: (items: AgendaItem[], i: number) => { action: string; detail: string },
) {
  const target = await sessionForChange(ctx, dateArg, 'agenda');
  const s = target.session;
  const { action, detail } = await ctx.records.editAgenda(s.id, (current) => {
    const items = [...current];
    if (n > items.length)
      fail(
        'agenda.no-item',
        `L'ordre du jour de la séance du ${formatDateLong(s.date)} compte ${items.length} point${items.length > 1 ? 's' : ''} : pas de n° ${n}.`,
      );
    return { items, result: edit(items, n - 1) };
  });
  await journalChange(ctx, target, who(ctx), action, detail);
  const updated = await ctx.session(s.date);
  return reply(
    action.charAt(0).toUpperCase() + action.slice(1),
    [
      text(detail),
      updated.agenda.length ? list(agendaLines(updated.agenda), undefined, true) : text("L'ordre du jour est vide."),
    ],
    { tone: 'success', session: sessionHeading(ctx, updated) },
  );
}

const retirer = defineCommand({
  name: 'retirer',
  description: "Retirer un point de l'ordre du jour, avant l'ouverture de la séance (secrétariat)",
  args: [{ name: 'séance', kind: 'session', description: 'date de la séance' }, numberArg],
  examples: ['/odj retirer 2026-12-15 2'],
  access: 'session.plan',
  run: (args, ctx) =>
    editAgenda(ctx, args['séance'], args['numéro'], (items, i) => {
      const [gone] = items.splice(i, 1);
      return { action: "point retiré de l'ordre du jour", detail: `n° ${i + 1} « ${gone!.title} » → retiré` };
    }),
});

const modifier = defineCommand({
  name: 'modifier',
  description: "Corriger l'intitulé d'un point, avant l'ouverture de la séance (secrétariat)",
  args: [
    { name: 'séance', kind: 'session', description: 'date de la séance' },
    numberArg,
    { name: 'titre', kind: 'text', description: 'le nouvel intitulé' },
  ],
  examples: ['/odj modifier 2026-12-15 1 Budget primitif 2027 et annexes'],
  access: 'session.plan',
  run: (args, ctx) =>
    editAgenda(ctx, args['séance'], args['numéro'], (items, i) => {
      const old = items[i]!;
      const title = args['titre'];
      items[i] = { ...old, title };
      return { action: 'point modifié', detail: `n° ${i + 1} : « ${old.title} » → « ${title} »` };
    }),
});

export const odj = defineCommand({
  name: 'odj',
  description: "Ordre du jour d'une séance",
  examples: ['/odj 2024-10-07'],
  access: 'read',
  subcommands: [voir, ajouter, retirer, modifier],
  defaultSubcommand: 'voir',
});
