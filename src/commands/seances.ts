/** @module /seances: past and upcoming sessions. */
import { placeWithRemote } from '../core/text/french.ts';
import { defineCommand } from '../core/command.ts';
import { reply, table, text } from '../core/reply.ts';
import { STATE_LABEL, stateOf } from '../core/sessions/lifecycle.ts';
import { formatDateLong, formatTime } from '../core/text/dates.ts';

export const seances = defineCommand({
  name: 'seances',
  description: 'Séances passées et à venir',
  examples: ['/seances'],
  access: 'read',
  async run(_args, ctx) {
    const all = await ctx.sessions();
    const today = ctx.today();
    if (all.length === 0)
      return reply('Aucune séance', [
        text(
          'Aucune séance enregistrée. Un secrétaire peut en planifier une : /seance planifier <date> <heure> [lieu].',
        ),
      ]);
    const states = await Promise.all(all.map((s) => stateOf(ctx, s)));
    const rows = all.map((s, i) => [
      formatDateLong(s.date),
      formatTime(s.time),
      s.title,
      placeWithRemote(s.place, s.remote),
      `${STATE_LABEL[states[i]!]} (${s.date >= today ? 'à venir' : 'passée'})`,
    ]);
    return reply(`Séances du ${ctx.config.body.assemblyName.toLowerCase()} (${all.length})`, [
      table(['Date', 'Heure', 'Instance', 'Lieu', 'État'], rows),
      text('États : planifiée → convoquée → ouverte → levée → procès-verbal arrêté, ou annulée.'),
    ]);
  },
});
