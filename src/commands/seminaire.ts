/** @module /seminaire: the next annual seminar, its reminders, and its .ics file. */
import { defineCommand } from '../core/command.ts';
import { fields, reply, text } from '../core/reply.ts';
import { formatInstant, recipientsLabel } from '../core/reminders/labels.ts';
import { nextSeminarDate, seminarRecipients } from '../core/reminders/seminar.ts';
import { seminarIcs } from '../core/sessions/ics.ts';
import { addDays, formatDateLong, fromZoned } from '../core/text/dates.ts';

export const seminaire = defineCommand({
  name: 'seminaire',
  description: 'Le prochain séminaire annuel, ses rappels et son fichier agenda (.ics)',
  examples: ['/seminaire'],
  access: 'read',
  run(_args, ctx) {
    const seminar = ctx.config.reminders.seminar;
    if (!seminar)
      return reply('Séminaire', [
        text("Aucun séminaire annuel n'est configuré (section reminders.seminar du fichier de configuration)."),
      ]);
    const date = nextSeminarDate(seminar, ctx.today());
    if (!date)
      return reply(
        seminar.title,
        [text(`Le jour configuré (${seminar.day}) n'existe pas dans les prochaines années.`)],
        { tone: 'warning' },
      );
    const tz = ctx.config.body.timezone;
    const leads = [...new Set(seminar.leadDays)].sort((a, b) => b - a);
    return reply(
      seminar.title,
      [
        fields([
          { label: 'Date', value: formatDateLong(date) },
          { label: 'Lieu', value: seminar.place ?? 'à préciser par le secrétariat' },
          {
            label: 'Rappels',
            value: leads
              .map((l) => `J-${l} (${formatInstant(fromZoned(addDays(date, -l), seminar.time, tz).getTime(), tz)})`)
              .join(', '),
          },
          { label: 'Pour', value: recipientsLabel(seminarRecipients(seminar), ctx.config.roster) },
        ]),
      ],
      { attachments: [seminarIcs(seminar, date, ctx.config, ctx.clock.now())] },
    );
  },
});
