/** @module /publier: the secretariat records that a session's list of deliberations is published (CGCT L2121-25); the public page shows the date. */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { withJournal } from '../core/journal.ts';
import { PUBLICATION_RULE, publicationDeadline } from '../core/publication/rules.ts';
import { fields, reply, text } from '../core/reply.ts';
import { formatDateLong, toZoned } from '../core/text/dates.ts';
import { sessionHeading, who } from './shared.ts';

export const publier = defineCommand({
  name: 'publier',
  description: "Enregistrer la publication de la liste des délibérations d'une séance (secrétariat)",
  args: [{ name: 'séance', kind: 'session', description: 'date de la séance tenue (2024-10-07 ou 07/10/2024)' }],
  examples: ['/publier 2024-10-07'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const today = ctx.today();
    if (s.cancelled)
      fail('publish.cancelled', `La séance du ${formatDateLong(s.date)} est annulée : il n'y a rien à publier.`);
    if (s.date > today)
      fail(
        'publish.future',
        `La séance du ${formatDateLong(s.date)} n'a pas encore eu lieu : on publie ses délibérations une fois la séance tenue.`,
      );
    const by = who(ctx);
    const { published, already } = await ctx.records.update(s.id, (r) => {
      if (r.published) return { record: r, published: r.published, already: true };
      const published = { at: by.at, by: by.name };
      return {
        record: withJournal(r, by, 'délibérations publiées', formatDateLong(today), { published }),
        published,
        already: false,
      };
    });
    const day = toZoned(new Date(published.at), ctx.config.body.timezone).date;
    const deadline = publicationDeadline(s);
    const late = day > deadline;
    return reply(
      already ? 'Déjà publiée' : 'Publication enregistrée',
      [
        fields([
          { label: 'Publiée le', value: formatDateLong(day) },
          { label: 'Délai légal', value: `au plus tard le ${formatDateLong(deadline)}` },
        ]),
        ...(late
          ? [
              text(
                `Publication après le délai d'une semaine : la date réelle est affichée telle quelle sur la page publique.`,
              ),
            ]
          : []),
        text(
          already
            ? 'La page publique de la séance affiche cette date de publication.'
            : 'La page publique de la séance affiche désormais cette date de publication.',
        ),
      ],
      {
        tone: already ? 'info' : late ? 'warning' : 'success',
        session: sessionHeading(ctx, s),
        rule: `Publication : ${PUBLICATION_RULE}.`,
      },
    );
  },
});
