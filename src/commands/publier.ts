/**
 * @module /publier: the secretariat records what is put online, and the public page shows each date:
 * - `/publier <séance>` (or `/publier liste`): the list of deliberations examined (CGCT L2121-25, within a week);
 * - `/publier pv <séance> [arrêté le]`: the procès-verbal, once arrêté at a later session (L2121-15). The session
 *   becomes « procès-verbal arrêté » and its page shows the minutes and their Word document.
 */
import { defineCommand, type CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { withJournal } from '../core/journal.ts';
import type { Session } from '../core/model.ts';
import { minutesDocumentPath, PUBLIC_URL_MISSING, publicLink, sessionPagePath } from '../core/publication/links.ts';
import { MINUTES_RULE, PUBLICATION_RULE, publicationDeadline } from '../core/publication/rules.ts';
import { fields, reply, text, type Block } from '../core/reply.ts';
import { stateOf, stateSentence } from '../core/sessions/lifecycle.ts';
import { formatDateLong, toZoned } from '../core/text/dates.ts';
import { sessionHeading, who } from './shared.ts';

const heldSessionArg = {
  name: 'séance',
  kind: 'session',
  description: 'date de la séance tenue (2024-10-07 ou 07/10/2024)',
} as const;

async function heldSession(ctx: CommandContext, date: string | undefined): Promise<Session> {
  const s = await ctx.session(date);
  if (s.cancelled)
    fail('publish.cancelled', `La séance du ${formatDateLong(s.date)} est annulée : il n'y a rien à publier.`);
  if (s.date > ctx.today())
    fail(
      'publish.future',
      `La séance du ${formatDateLong(s.date)} n'a pas encore eu lieu : on publie ses délibérations une fois la séance tenue.`,
    );
  return s;
}

/** The page's address, or how to configure it: never a made-up local address. */
function pageLine(ctx: CommandContext, s: Session, what: string): Block {
  const link = publicLink(ctx.config, sessionPagePath(s.id));
  return text(link ? `${what} : ${link}` : `${what}. ${PUBLIC_URL_MISSING}`);
}

const liste = defineCommand({
  name: 'liste',
  description: "Enregistrer la publication de la liste des délibérations d'une séance (secrétariat)",
  args: [heldSessionArg],
  examples: ['/publier liste 2024-10-07'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await heldSession(ctx, args['séance']);
    const today = ctx.today();
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
        pageLine(
          ctx,
          s,
          already
            ? 'La page publique de la séance affiche cette date de publication'
            : 'La page publique de la séance affiche désormais cette date de publication',
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

const pv = defineCommand({
  name: 'pv',
  description: 'Enregistrer le procès-verbal arrêté et le publier sur la page publique (secrétariat)',
  args: [
    heldSessionArg,
    {
      name: 'arrêté',
      kind: 'date',
      optional: true,
      description: "jour où le procès-verbal a été arrêté (en début de séance suivante) ; par défaut aujourd'hui",
    },
  ],
  examples: ['/publier pv 2026-12-15 2027-02-09'],
  access: 'session.plan',
  async run(args, ctx) {
    const s = await heldSession(ctx, args['séance']);
    const state = await stateOf(ctx, s);
    if (state !== 'levee' && state !== 'arretee')
      fail(
        'publish.not-closed',
        `${stateSentence(s, state)} : son procès-verbal se publie une fois la séance levée et le procès-verbal arrêté.`,
      );
    const today = ctx.today();
    const adoptedOn = args['arrêté'] ?? today;
    if (adoptedOn > today)
      fail(
        'publish.future',
        `Le ${formatDateLong(adoptedOn)} est à venir : on publie le procès-verbal une fois arrêté. Indiquer le jour où il l'a été, ou rien pour aujourd'hui.`,
      );
    if (adoptedOn < s.date)
      fail(
        'args.invalid',
        `Le procès-verbal ne peut pas être arrêté le ${formatDateLong(adoptedOn)}, avant la séance du ${formatDateLong(s.date)}.`,
      );
    const by = who(ctx);
    const { minutes, already } = await ctx.records.update(s.id, (r) => {
      if (r.minutesPublished) return { record: r, minutes: r.minutesPublished, already: true };
      const minutes = { at: by.at, by: by.name, adoptedOn };
      return {
        record: withJournal(r, by, 'procès-verbal arrêté et publié', `arrêté le ${formatDateLong(adoptedOn)}`, {
          minutesPublished: minutes,
          lifecycle: { state: 'arretee', at: by.at, by: by.name },
        }),
        minutes,
        already: false,
      };
    });
    if (already)
      fail(
        'publish.minutes-already',
        `Le procès-verbal de la séance du ${formatDateLong(s.date)} est déjà publié depuis le ${formatDateLong(toZoned(new Date(minutes.at), ctx.config.body.timezone).date)} (arrêté le ${formatDateLong(minutes.adoptedOn)}). Pour le corriger : /seance rectifier ${s.date} <motif>.`,
      );
    return reply(
      'Procès-verbal publié',
      [
        fields([
          { label: 'Arrêté le', value: formatDateLong(minutes.adoptedOn) },
          { label: 'Publié le', value: formatDateLong(today) },
        ]),
        pageLine(ctx, s, 'La page publique de la séance affiche le procès-verbal et son document Word'),
        ...(ctx.config.publicUrl ? [text(`Document : ${publicLink(ctx.config, minutesDocumentPath(s.id))}`)] : []),
      ],
      { tone: 'success', session: sessionHeading(ctx, s), rule: `Procès-verbal : ${MINUTES_RULE}.` },
    );
  },
});

export const publier = defineCommand({
  name: 'publier',
  description: "Enregistrer une publication : la liste des délibérations d'une séance, ou son procès-verbal arrêté",
  examples: ['/publier 2024-10-07', '/publier pv 2024-10-07'],
  access: 'session.plan',
  subcommands: [liste, pv],
  defaultSubcommand: 'liste',
});
