/** @module /seance planifier|deplacer|annuler: a secretary plans, moves or cancels a session from chat. */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Session } from '../core/model.ts';
import { fields, reply, text } from '../core/reply.ts';
import { latestConvocationDate } from '../core/sessions/convocation.ts';
import { formatDateLong, formatDateTime } from '../core/text/dates.ts';
import { fold } from '../core/text/normalize.ts';
import { withJournal } from '../core/journal.ts';
import { sessionHeading, who } from './shared.ts';

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
    const date = args['date'];
    const time = args['heure'];
    const place = args['lieu'] ?? 'lieu à préciser';
    if (date < ctx.today()) fail('session.past', `Le ${formatDateLong(date)} est passé : on ne planifie qu'une séance à venir.`);
    const remote = /visio|distance|teleconf|en ligne/.test(fold(place));
    const session: Session = {
      id: date, title: ctx.config.body.assemblyName, date, time, place, remote, agenda: [], origin: 'chat',
    };
    const taken = (await ctx.sessions()).some((s) => s.date === date);
    await ctx.records.planSession(session, (existing) => {
      if (taken || existing.some((s) => s.date === date || s.id === date)) fail('session.exists', `Une séance existe déjà le ${formatDateLong(date)}.`);
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

const deplacer = defineCommand({
  name: 'deplacer',
  description: 'Déplacer une séance à venir (secrétariat) ; ses rappels suivent',
  args: [
    { name: 'séance', kind: 'session', description: 'date actuelle de la séance' },
    { name: 'date', kind: 'date', description: 'nouvelle date' },
    { name: 'heure', kind: 'time', description: 'nouvelle heure' },
    { name: 'lieu', kind: 'text', optional: true, description: 'nouveau lieu (facultatif)' },
  ],
  examples: ['/seance deplacer 2026-12-15 2026-12-17 18:00'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const date = args['date'];
    const time = args['heure'];
    const place = args['lieu'];
    if (s.date < ctx.today()) fail('session.past', `La séance du ${formatDateLong(s.date)} est passée : on ne la déplace plus.`);
    if (s.cancelled) fail('session.cancelled', `La séance du ${formatDateLong(s.date)} est annulée.`);
    if (date < ctx.today()) fail('session.past', `Le ${formatDateLong(date)} est passé : choisir une date à venir.`);
    await ctx.records.changeSession(s.id, { date, time, ...(place ? { place } : {}) }, async () => {
      if ((await ctx.sessions()).some((o) => o.date === date && o.id !== s.id)) fail('session.exists', `Une séance existe déjà le ${formatDateLong(date)}.`);
    });
    await ctx.records.update(s.id, (r) => ({ record: withJournal(r, who(ctx), 'séance déplacée', `${formatDateTime(s.date, s.time)} → ${formatDateTime(date, time)}${place ? `, ${place}` : ''}`) }));
    const moved = await ctx.session(date);
    const deadline = latestConvocationDate(date, ctx.config.body.convocationDays);
    return reply('Séance déplacée', [
      text(`La séance prévue le ${formatDateTime(s.date, s.time)} aura lieu le ${formatDateTime(date, time)}, ${moved.place}.`),
      text(`Convocation à envoyer au plus tard le ${formatDateLong(deadline)} (${ctx.config.body.convocationDays} jours francs). Les rappels sont recalculés.`),
    ], { tone: 'success', session: sessionHeading(ctx, moved) });
  },
});

const annuler = defineCommand({
  name: 'annuler',
  description: 'Annuler une séance à venir (secrétariat) ; ses rappels ne partent plus',
  args: [{ name: 'séance', kind: 'session', description: 'date de la séance' }],
  examples: ['/seance annuler 2026-12-15'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    if (s.date < ctx.today()) fail('session.past', `La séance du ${formatDateLong(s.date)} est passée : on ne l'annule plus.`);
    if (s.cancelled) fail('session.cancelled', `La séance du ${formatDateLong(s.date)} est déjà annulée.`);
    await ctx.records.changeSession(s.id, { cancelled: true }, () => undefined);
    await ctx.records.update(s.id, (r) => ({ record: withJournal(r, who(ctx), 'séance annulée', formatDateTime(s.date, s.time)) }));
    return reply('Séance annulée', [text(`La séance du ${formatDateTime(s.date, s.time)} est annulée : ses rappels et sa convocation ne partiront pas.`)], {
      tone: 'warning', session: sessionHeading(ctx, { ...s, cancelled: true }),
    });
  },
});

export const seance = defineCommand({
  name: 'seance',
  description: 'Planifier, déplacer ou annuler une séance',
  examples: [],
  access: 'read',
  subcommands: [planifier, deplacer, annuler],
});
