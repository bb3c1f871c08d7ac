/**
 * @module /seance planifier|deplacer|annuler|retablir|modifier|rectifier: the secretariat plans, moves, cancels
 * (after confirmation) and restores a session, edits its details, or opens a rectification of a closed one.
 * Every change is journaled on the session with its before → after.
 */
import { defineCommand, type CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { openRectification, withJournal } from '../core/journal.ts';
import type { Session } from '../core/model.ts';
import { fields, reply, text } from '../core/reply.ts';
import { latestConvocationDate } from '../core/sessions/convocation.ts';
import { journalChange, sessionForChange, stateOf, stateSentence, STATE_LABEL } from '../core/sessions/lifecycle.ts';
import { formatDateLong, formatDateTime } from '../core/text/dates.ts';
import { fold } from '../core/text/normalize.ts';
import { nameById, sessionHeading, sessionPlanning, who } from './shared.ts';
import { lever, ouvrir } from './seance-live.ts';

const sessionDate = { name: 'séance', kind: 'session', description: 'date de la séance' } as const;

/** A live (not cancelled) session already on `date`, other than `except`. */
async function liveOn(ctx: CommandContext, date: string, except?: string): Promise<Session | undefined> {
  return (await ctx.sessions()).find((o) => o.date === date && !o.cancelled && o.id !== except);
}

/** A session id not used yet: the date, or the date with a suffix when a cancelled or moved session kept it. */
async function freeId(ctx: CommandContext, date: string): Promise<string> {
  const ids = new Set([
    ...ctx.config.sessions.map((s) => s.id),
    ...(await ctx.records.plannedSessions()).map((s) => s.id),
  ]);
  let id = date;
  for (let n = 2; ids.has(id); n++) id = `${date}-${n}`;
  return id;
}

const planifier = defineCommand({
  name: 'planifier',
  description: 'Planifier une séance (secrétariat)',
  args: [
    { name: 'date', kind: 'date', description: 'date de la séance (2026-12-15 ou 15/12/2026)' },
    { name: 'heure', kind: 'time', description: 'heure de début (17:30 ou 17h30)' },
    {
      name: 'lieu',
      kind: 'text',
      optional: true,
      description: 'lieu ; « visio » ou « distance » dans le texte ouvre la participation à distance',
    },
  ],
  examples: ['/seance planifier 2026-12-15 17:30 Salle de réunion de Somme Numérique, Amiens et visio'],
  access: 'session.plan',
  async run(args, ctx) {
    const date = args['date'];
    const time = args['heure'];
    const place = args['lieu'] ?? 'lieu à préciser';
    if (date < ctx.today())
      fail('session.past', `Le ${formatDateLong(date)} est passé : on ne planifie qu'une séance à venir.`);
    const remote = /visio|distance|teleconf|en ligne/.test(fold(place));
    if (await liveOn(ctx, date)) fail('session.exists', `Une séance existe déjà le ${formatDateLong(date)}.`);
    const replaced = (await ctx.sessions()).some((o) => o.date === date && o.cancelled);
    const id = await freeId(ctx, date);
    const session: Session = {
      id,
      title: ctx.config.body.assemblyName,
      date,
      time,
      place,
      remote,
      agenda: [],
      origin: 'chat',
    };
    await ctx.records.planSession(session, (existing) => {
      if (existing.some((s) => s.id === id))
        fail('session.exists', `Une séance existe déjà le ${formatDateLong(date)}.`);
    });
    await ctx.records.update(id, (r) => ({
      record: withJournal(
        r,
        who(ctx),
        'séance planifiée',
        `${formatDateTime(date, time)}, ${place}${remote ? ' (à distance possible)' : ''}`,
      ),
    }));
    const deadline = latestConvocationDate(date, ctx.config.body.convocationDays);
    return reply(
      'Séance planifiée',
      [
        fields([
          { label: 'Date', value: formatDateTime(date, time) },
          { label: 'Lieu', value: place },
          { label: 'Participation à distance', value: remote ? 'oui' : 'non' },
          {
            label: 'Convocation',
            value: `à envoyer au plus tard le ${formatDateLong(deadline)} (${ctx.config.body.convocationDays} jours francs)`,
          },
          { label: 'État', value: STATE_LABEL.planifiee },
        ]),
        ...(replaced ? [text("La séance annulée à cette date reste dans l'historique (/seances).")] : []),
        text(`Ajouter les points de l'ordre du jour : /odj ajouter ${date} deliberation <titre>`),
      ],
      { tone: 'success', session: `${session.title} du ${formatDateTime(date, time)}` },
    );
  },
});

const deplacer = defineCommand({
  name: 'deplacer',
  description: 'Déplacer une séance à venir (secrétariat) ; ses rappels suivent',
  args: [
    sessionDate,
    { name: 'date', kind: 'date', description: 'nouvelle date' },
    { name: 'heure', kind: 'time', description: 'nouvelle heure' },
    { name: 'lieu', kind: 'text', optional: true, description: 'nouveau lieu (facultatif)' },
  ],
  examples: ['/seance deplacer 2026-12-15 2026-12-17 18:00'],
  access: 'session.plan',
  async run(args, ctx) {
    const target = await sessionForChange(ctx, args['séance'], 'schedule');
    const s = target.session;
    const date = args['date'];
    const time = args['heure'];
    const place = args['lieu'];
    if (date < ctx.today()) fail('session.past', `Le ${formatDateLong(date)} est passé : choisir une date à venir.`);
    if (await liveOn(ctx, date, s.id)) fail('session.exists', `Une séance existe déjà le ${formatDateLong(date)}.`);
    await journalChange(
      ctx,
      target,
      who(ctx),
      'séance déplacée',
      `${formatDateTime(s.date, s.time)}${place ? `, ${s.place}` : ''} → ${formatDateTime(date, time)}${place ? `, ${place}` : ''}`,
    );
    // The old date is kept: a command or a button typed with it (a convocation's answers) still finds the session.
    const movedFrom = s.date === date ? s.movedFrom : [...(s.movedFrom ?? []), s.date];
    await ctx.records.changeSession(
      s.id,
      { date, time, ...(place ? { place } : {}), ...(movedFrom ? { movedFrom } : {}) },
      () => undefined,
    );
    const moved = await ctx.session(date);
    const deadline = latestConvocationDate(date, ctx.config.body.convocationDays);
    return reply(
      'Séance déplacée',
      [
        text(
          `La séance prévue le ${formatDateTime(s.date, s.time)} aura lieu le ${formatDateTime(date, time)}, ${moved.place}.`,
        ),
        text(
          `Convocation à envoyer au plus tard le ${formatDateLong(deadline)} (${ctx.config.body.convocationDays} jours francs). Les rappels sont recalculés.`,
        ),
      ],
      { tone: 'success', session: sessionHeading(ctx, moved) },
    );
  },
});

const annuler = defineCommand({
  name: 'annuler',
  description: 'Annuler une séance à venir, après confirmation (secrétariat) ; /seance retablir la rétablit',
  args: [
    sessionDate,
    {
      name: 'confirmation',
      kind: 'choice',
      choices: ['confirmer'],
      optional: true,
      description: '« confirmer » pour annuler vraiment',
    },
  ],
  examples: ['/seance annuler 2026-12-15', '/seance annuler 2026-12-15 confirmer'],
  access: 'session.plan',
  // « Confirmer l'annulation » confirms the session as it was when asked: not once it was moved or replanned.
  decides: (args, ctx) => (args['confirmation'] ? sessionPlanning(ctx, args['séance']) : undefined),
  async run(args, ctx) {
    const target = await sessionForChange(ctx, args['séance'], 'schedule');
    const s = target.session;
    if (!args['confirmation']) {
      const confirm = `/seance annuler ${s.date} confirmer`;
      return reply(
        'Annuler la séance ?',
        [
          text(
            `La séance du ${formatDateTime(s.date, s.time)} sera annulée : ses rappels et sa convocation ne partiront pas. On peut la rétablir (/seance retablir ${s.date}) tant que sa date n'est pas passée.`,
          ),
          text(`Pour confirmer : le bouton, ou ${confirm}`),
        ],
        {
          tone: 'warning',
          session: sessionHeading(ctx, s),
          actions: [
            {
              id: 'session.cancel.confirm',
              label: "Confirmer l'annulation",
              value: confirm,
              command: confirm,
              style: 'danger',
            },
          ],
        },
      );
    }
    await journalChange(
      ctx,
      target,
      who(ctx),
      'séance annulée',
      `${STATE_LABEL[target.state]} → ${STATE_LABEL.annulee}`,
    );
    await ctx.records.changeSession(s.id, { cancelled: true }, () => undefined);
    return reply(
      'Séance annulée',
      [
        text(
          `La séance du ${formatDateTime(s.date, s.time)} est annulée : ses rappels et sa convocation ne partiront pas.`,
        ),
        text(`Pour la rétablir : /seance retablir ${s.date}`),
      ],
      { tone: 'warning', session: sessionHeading(ctx, { ...s, cancelled: true }) },
    );
  },
});

const retablir = defineCommand({
  name: 'retablir',
  description: "Rétablir une séance annulée dont la date n'est pas passée (secrétariat)",
  args: [sessionDate],
  examples: ['/seance retablir 2026-12-15'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    if (!s.cancelled)
      fail('session.not-cancelled', `${stateSentence(s, await stateOf(ctx, s))} : elle n'est pas annulée.`);
    if (s.date < ctx.today())
      fail(
        'session.past',
        `La date de la séance annulée (${formatDateLong(s.date)}) est passée : on ne la rétablit plus ; planifier une nouvelle séance.`,
      );
    if (await liveOn(ctx, s.date, s.id))
      fail('session.exists', `Une autre séance est planifiée le ${formatDateLong(s.date)}.`);
    await ctx.records.changeSession(s.id, { cancelled: false }, () => undefined);
    const restored = await ctx.session(s.date);
    const state = await stateOf(ctx, restored);
    await ctx.records.update(s.id, (r) => ({
      record: withJournal(r, who(ctx), 'séance rétablie', `${STATE_LABEL.annulee} → ${STATE_LABEL[state]}`),
    }));
    return reply(
      'Séance rétablie',
      [
        text(
          `La séance du ${formatDateTime(s.date, s.time)} est rétablie (${STATE_LABEL[state]}) ; ses rappels reprennent.`,
        ),
      ],
      {
        tone: 'success',
        session: sessionHeading(ctx, restored),
      },
    );
  },
});

const FIELDS = ['lieu', 'distance', 'president', 'secretaire'] as const;

const modifier = defineCommand({
  name: 'modifier',
  description: 'Modifier lieu, participation à distance, présidence ou secrétaire de séance (secrétariat)',
  args: [
    sessionDate,
    {
      name: 'champ',
      kind: 'choice',
      choices: [...FIELDS],
      description: 'lieu, distance (oui/non), president ou secretaire (de séance)',
    },
    { name: 'valeur', kind: 'text', description: 'le nouveau lieu, oui/non, ou le nom du délégué' },
  ],
  examples: [
    '/seance modifier 2026-12-15 lieu Salle du conseil, Amiens',
    '/seance modifier 2026-12-15 distance oui',
    '/seance modifier 2026-12-15 secretaire PARSIS',
  ],
  access: 'session.plan',
  async run(args, ctx) {
    const target = await sessionForChange(ctx, args['séance'], 'schedule');
    const s = target.session;
    const field = args['champ'];
    const value = args['valeur'];
    const name = nameById(ctx);
    const yesNo = (b: boolean) => (b ? 'oui' : 'non');
    let change: { place?: string; remote?: boolean; president?: string; secretary?: string };
    let detail: string;
    let label: string;
    switch (field) {
      case 'lieu':
        change = { place: value };
        label = 'lieu';
        detail = `${s.place} → ${value}`;
        break;
      case 'distance': {
        const f = fold(value);
        if (!['oui', 'non'].includes(f))
          fail('args.invalid', `Participation à distance : « oui » ou « non », pas « ${value} ».`);
        change = { remote: f === 'oui' };
        label = 'participation à distance';
        detail = `${yesNo(s.remote)} → ${f}`;
        break;
      }
      case 'president':
      case 'secretaire': {
        const d = ctx.delegate(value);
        if (!d.inOffice) fail('session.not-in-office', `${name(d.id)} n'est pas en exercice.`);
        const key = field === 'president' ? 'president' : 'secretary';
        change = { [key]: d.id };
        label = field === 'president' ? 'présidence' : 'secrétaire de séance';
        detail = `${s[key] ? name(s[key]!) : 'non désigné'} → ${name(d.id)}`;
        break;
      }
    }
    await journalChange(ctx, target, who(ctx), `séance modifiée (${label})`, detail);
    await ctx.records.changeSession(s.id, change, () => undefined);
    const updated = await ctx.session(s.date);
    return reply('Séance modifiée', [text(`${label.charAt(0).toUpperCase() + label.slice(1)} : ${detail}.`)], {
      tone: 'success',
      session: sessionHeading(ctx, updated),
    });
  },
});

const rectifier = defineCommand({
  name: 'rectifier',
  description: "Autoriser une correction d'une séance levée, avec son motif (secrétariat)",
  args: [
    sessionDate,
    { name: 'motif', kind: 'text', description: 'la raison de la correction (figure au journal et au procès-verbal)' },
  ],
  examples: ['/seance rectifier 2024-10-07 Erreur de saisie : M. VARLET était en salle'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const motif = args['motif'];
    const state = await stateOf(ctx, s);
    if (state !== 'levee' && state !== 'arretee') {
      fail(
        'session.not-closed',
        `${stateSentence(s, state)} : ses changements se font directement, sans rectification.`,
      );
    }
    await ctx.records.update(s.id, (r) => {
      if (r.rectification)
        fail(
          'session.rectifying',
          `Une rectification est déjà ouverte pour cette séance (motif : ${r.rectification.motif}) : faire d'abord la modification qu'elle autorise.`,
        );
      return { record: openRectification(r, who(ctx), motif) };
    });
    return reply(
      'Rectification ouverte',
      [
        text(
          `${stateSentence(s, state)}. La prochaine modification de son registre (présence, pouvoir, ordre du jour) est autorisée, une seule fois, avec ce motif : « ${motif} ».`,
        ),
        text('Elle figurera au journal (/journal) et dans les rectifications du procès-verbal (/pv).'),
      ],
      { tone: 'warning', session: sessionHeading(ctx, s) },
    );
  },
});

export const seance = defineCommand({
  name: 'seance',
  description: 'Planifier, déplacer, annuler, rétablir, modifier, rectifier, ouvrir ou lever une séance',
  examples: [],
  access: 'read',
  subcommands: [planifier, deplacer, annuler, retablir, modifier, rectifier, ouvrir, lever],
});
