/** @module /seance ouvrir|lever: the secretariat opens the session on its day with the time, and closes it. */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { fields, reply, text } from '../core/reply.ts';
import { closeSession, openSession } from '../core/sessions/live.ts';
import { formatDateLong, formatTime } from '../core/text/dates.ts';
import { liveKey, liveMessage, nowTime, sittingSession } from './live-message.ts';
import { sessionArg, sessionHeading, who } from './shared.ts';

const heure = { name: 'heure', kind: 'time', optional: true, description: 'heure (par défaut : maintenant)' } as const;

export const ouvrir = defineCommand({
  name: 'ouvrir',
  description: "Ouvrir la séance du jour, avec l'heure (secrétariat) ; le message en direct paraît",
  args: [heure, sessionArg],
  examples: ['/seance ouvrir', '/seance ouvrir 17:35'],
  access: 'attendance.record',
  async run(args, ctx) {
    const s = await sittingSession(ctx, args['séance']);
    if (s.date !== ctx.today())
      fail('live.not-today', `La séance du ${formatDateLong(s.date)} ne s'ouvre que le jour même.`);
    if (s.cancelled) fail('session.cancelled', `La séance du ${formatDateLong(s.date)} est annulée.`);
    const time = args['heure'] ?? nowTime(ctx);
    const { record } = await ctx.records.update(s.id, (r) => ({ record: openSession(r, who(ctx), time) }));
    return reply(
      'Séance ouverte',
      [
        text(`La séance est ouverte à ${formatTime(time)}.`),
        text('Émargement : /appel ; point en cours : /point suivant ; votes : /vote.'),
      ],
      {
        tone: 'success',
        session: sessionHeading(ctx, s),
        outbox: [{ to: { kind: 'secretariat' }, reply: { ...liveMessage(ctx, s, record), opens: liveKey(s) } }],
      },
    );
  },
});

export const lever = defineCommand({
  name: 'lever',
  description: "Lever la séance, avec l'heure (secrétariat)",
  args: [heure, sessionArg],
  examples: ['/seance lever', '/seance lever 19:40'],
  access: 'attendance.record',
  async run(args, ctx) {
    const s = await sittingSession(ctx, args['séance']);
    const time = args['heure'] ?? nowTime(ctx);
    const { record } = await ctx.records.update(s.id, (r) => ({ record: closeSession(r, who(ctx), time) }));
    const outcome = `Séance levée à ${formatTime(time)}`;
    return reply(
      'Séance levée',
      [
        text(`La séance est levée à ${formatTime(time)}.`),
        fields([{ label: 'Votes enregistrés', value: String(record.ballots?.length ?? 0) }]),
        text(`Projet de procès-verbal : /pv ${s.date}`),
      ],
      {
        tone: 'success',
        session: sessionHeading(ctx, s),
        // The live message shows the last figures, then the closing time, without buttons.
        updates: [{ key: liveKey(s), reply: liveMessage(ctx, s, record) }],
        closes: { key: liveKey(s), outcome },
      },
    );
  },
});
