/** @module /seance planifier: a secretary plans the next session from chat. */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Session } from '../core/model.ts';
import { fields, reply, text } from '../core/reply.ts';
import { latestConvocationDate } from '../core/sessions/convocation.ts';
import { formatDateLong, formatDateTime } from '../core/text/dates.ts';
import { fold } from '../core/text/normalize.ts';

const planifier = defineCommand({
  name: 'planifier',
  description: 'Planifier une séance (secrétariat)',
  args: [
    { name: 'date', kind: 'date', description: 'date de la séance (2026-12-15 ou 15/12/2026)' },
    { name: 'heure', kind: 'time', description: 'heure de début (17:30 ou 17h30)' },
    { name: 'lieu', kind: 'text', optional: true, description: 'lieu ; « visio » ou « distance » dans le texte ouvre la participation à distance' },
  ],
  examples: ['/seance planifier 2026-12-15 17:30 Salle de réunion de Somme Numérique, Amiens et visio'],
  access: 'session.plan',
  async run(args, ctx) {
    const date = args['date'] as string;
    const time = args['heure'] as string;
    const place = (args['lieu'] as string | undefined) ?? 'lieu à préciser';
    if (date < ctx.today()) fail('session.past', `Le ${formatDateLong(date)} est passé : on ne planifie qu'une séance à venir.`);
    const remote = /visio|distance|teleconf|en ligne/.test(fold(place));
    const session: Session = {
      id: date, title: ctx.config.body.assemblyName, date, time, place, remote, agenda: [], origin: 'chat',
    };
    const configured = ctx.config.sessions.some((s) => s.date === date);
    await ctx.records.planSession(session, (existing) => {
      if (configured || existing.some((s) => s.date === date)) fail('session.exists', `Une séance existe déjà le ${formatDateLong(date)}.`);
    });
    const deadline = latestConvocationDate(date, ctx.config.body.convocationDays);
    return reply('Séance planifiée', [
      fields([
        { label: 'Date', value: formatDateTime(date, time) },
        { label: 'Lieu', value: place },
        { label: 'Participation à distance', value: remote ? 'oui' : 'non' },
        { label: 'Convocation', value: `à envoyer au plus tard le ${formatDateLong(deadline)} (${ctx.config.body.convocationDays} jours francs)` },
      ]),
      text(`Ajouter les points de l'ordre du jour : /odj ajouter ${date} deliberation <titre>`),
    ], { tone: 'success', session: `${session.title} du ${formatDateTime(date, time)}` });
  },
});

export const seance = defineCommand({
  name: 'seance',
  description: 'Planifier une séance',
  examples: [],
  access: 'read',
  subcommands: [planifier],
});
