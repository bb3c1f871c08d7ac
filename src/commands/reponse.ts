/**
 * @module /reponse salle|distance|excuse|pouvoir [mandataire] [séance]: a delegate answers the convocation
 * for themselves (the convocation's buttons run these lines as whoever clicks; no name to type). A proxy answer
 * without a name lists, with buttons, the delegates who may receive it; with one, it is declared and goes to the
 * secretariat for confirmation like /pouvoir donner.
 */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { proxyOf } from '../core/assembly/proxies.ts';
import type { AnswerKind } from '../core/model.ts';
import { list, reply, text, type Outgoing } from '../core/reply.ts';
import {
  answerLabel,
  holderActions,
  MAX_HOLDER_BUTTONS,
  possibleHolders,
  setAnswer,
} from '../core/sessions/answers.ts';
import { sessionForChange } from '../core/sessions/lifecycle.ts';
import { formatDateLong, looksLikeDate, parseDate } from '../core/text/dates.ts';
import { nameOf, sessionArg, sessionHeading, sessionPlanning, who } from './shared.ts';
import { liveUpdate } from './live-message.ts';
import { proxyRequest, proxyRequestKey } from './pouvoir.ts';

export const reponse = defineCommand({
  name: 'reponse',
  description: 'Répondre à la convocation : salle, distance, excuse, ou pouvoir à un collègue (délégués)',
  args: [
    {
      name: 'réponse',
      kind: 'choice',
      choices: ['salle', 'distance', 'excuse', 'pouvoir'],
      description: 'salle, distance, excuse (excusé·e) ou pouvoir',
    },
    {
      name: 'mandataire',
      kind: 'delegate',
      optional: true,
      description: 'pour « pouvoir » : le délégué qui le reçoit (sans lui : la liste des choix possibles)',
    },
    sessionArg,
  ],
  examples: ['/reponse salle', '/reponse pouvoir PARSIS 2026-12-15', '/reponse excuse'],
  access: 'self',
  // A convocation's buttons answer that convocation: not once the session was moved, cancelled or replanned.
  decides: (args, ctx) => {
    const name = args['mandataire'];
    return sessionPlanning(
      ctx,
      args['séance'] ?? (name && looksLikeDate(name) ? (parseDate(name) ?? undefined) : undefined),
    );
  },
  async run(args, ctx) {
    const d = ctx.actor.delegate;
    if (!d)
      fail(
        'answer.not-delegate',
        'Seuls les délégués répondent à la convocation, chacun pour soi. Le secrétariat enregistre les présences avec /presence et les pouvoirs avec /pouvoir donner.',
      );
    const kind = args['réponse'];
    let holderName = args['mandataire'];
    let date = args['séance'];
    // « /reponse salle 2026-12-15 »: the optional name took the date.
    const asDate = holderName && !date && looksLikeDate(holderName) ? parseDate(holderName) : null;
    if (asDate) [holderName, date] = [undefined, asDate];
    const target = await sessionForChange(ctx, date, 'record');
    const s = target.session;
    const heading = sessionHeading(ctx, s);
    if (kind !== 'pouvoir' && holderName)
      fail('args.invalid', `« ${holderName} » : un nom ne s'indique qu'avec « pouvoir ».`);
    if (kind === 'pouvoir' && !holderName) {
      const holders = possibleHolders(ctx.config.body, ctx.config.roster, await ctx.records.record(s.id), d);
      if (holders.length === 0)
        fail(
          'proxy.no-holder',
          'Aucun délégué ne peut recevoir votre pouvoir pour le moment (tous excusés ou déjà mandataires). Contacter le secrétariat.',
        );
      const more =
        holders.length > MAX_HOLDER_BUTTONS
          ? [text(`… et ${holders.length - MAX_HOLDER_BUTTONS} autres : /reponse pouvoir <nom> ${s.date}.`)]
          : [];
      return reply(
        'À qui donnez-vous pouvoir ?',
        [
          text(
            `Délégués qui peuvent recevoir votre pouvoir (${ctx.config.body.proxyRuleSource}) ; les présents annoncés d'abord :`,
          ),
          ...more,
        ],
        { session: heading, visibility: 'ephemeral', actions: holderActions(s, holders) },
      );
    }
    const holder = holderName ? ctx.delegate(holderName) : undefined;
    if (holder && holder.id === d.id)
      fail('proxy.self', 'On ne se donne pas pouvoir à soi-même : choisir un autre délégué.');
    const change = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      return setAnswer(ctx.config.body, r, who(ctx), d, s, kind, holder);
    });
    const outbox: Outgoing[] = holder
      ? [
          proxyRequest(
            ctx,
            s,
            d,
            holder,
            'annonce (réponse à la convocation)',
            proxyOf(change.record, d.id)?.declaredAt,
          ),
        ]
      : [];
    const label = answerLabel(kind, d, holder ? nameOf(holder) : undefined);
    const lines = [
      kind === 'pouvoir'
        ? `Réponse enregistrée : vous donnez pouvoir à ${nameOf(holder!)} ; le secrétariat le confirmera.`
        : `Réponse enregistrée : ${label} pour la séance du ${formatDateLong(s.date)}.`,
      ...change.notes,
    ];
    return reply(
      'Réponse à la convocation',
      [
        text(lines[0]!),
        ...(lines.length > 1 ? [list(lines.slice(1))] : []),
        text('Pour changer de réponse : /reponse salle|distance|excuse|pouvoir <mandataire>.'),
      ],
      {
        tone: 'success',
        session: heading,
        visibility: 'ephemeral',
        outbox,
        // A proxy withdrawn by this answer: its request on screen shows it.
        ...(change.withdrawn
          ? { closes: { key: proxyRequestKey(s, d), outcome: `Retiré : ${nameOf(d)} répond « ${label} »` } }
          : {}),
        ...liveUpdate(ctx, s, change.record),
      },
    );
  },
});
