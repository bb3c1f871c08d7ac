/**
 * @module /calendrier: the addresses of the subscribable calendar feeds; `nouveau-lien` makes a person's
 * private feed link and revokes the previous one. Only the token's SHA-256 is stored, so a link is shown once.
 */
import { defineCommand, type CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import {
  CALENDAR_PATH,
  calendarTokenHash,
  newCalendarToken,
  privateCalendarPath,
} from '../core/publication/calendar-token.ts';
import { PUBLIC_URL_MISSING, publicLink } from '../core/publication/links.ts';
import { list, reply, text } from '../core/reply.ts';

/** Whose private feed: a delegate, a staff member or contact, or the secretariat (the console's secretary). */
export function calendarOwner(ctx: CommandContext): string | undefined {
  return ctx.actor.delegate?.id ?? ctx.actor.person?.id ?? (ctx.actor.role === 'secretary' ? 'secretariat' : undefined);
}

const nouveauLien = defineCommand({
  name: 'nouveau-lien',
  description: "Créer votre lien d'abonnement personnel (l'ancien lien cesse de fonctionner)",
  examples: ['/calendrier nouveau-lien'],
  access: 'self',
  async run(_args, ctx) {
    const owner = calendarOwner(ctx);
    if (!owner)
      fail(
        'calendar.unmapped',
        "Votre compte n'est associé à aucun délégué ni membre du secrétariat : seul le calendrier public est disponible.",
      );
    // Checked before a token is made: a new token revokes the old link, which must not happen for nothing.
    if (!ctx.config.publicUrl)
      fail(
        'calendar.no-public-url',
        `Le lien personnel ne peut pas être donné (votre lien actuel reste valable). ${PUBLIC_URL_MISSING}`,
      );
    const token = newCalendarToken(); // the link is the only secret of a private feed
    await ctx.records.setCalendarLink({
      owner,
      tokenHash: await calendarTokenHash(token),
      createdAt: ctx.clock.now().toISOString(),
    });
    return reply(
      'Nouveau lien de calendrier',
      [
        text(
          `Votre adresse d'abonnement personnelle au calendrier de ${ctx.config.body.name}, à ajouter dans votre agenda : ${publicLink(ctx.config, privateCalendarPath(token))}`,
        ),
        text(
          "Elle remplace votre lien précédent, qui ne fonctionne plus. Gardez-la pour vous : ce lien suffit pour lire votre calendrier. Elle n'est affichée qu'une fois ; en cas de perte, créez-en une nouvelle.",
        ),
      ],
      { tone: 'success', visibility: 'ephemeral' },
    );
  },
});

const voir = defineCommand({
  name: 'voir',
  description: "Les adresses d'abonnement au calendrier des séances",
  examples: ['/calendrier'],
  access: 'read',
  run(_args, ctx) {
    const personal =
      'Calendrier personnel (séances, séminaire ; échéances de convocation et de publication pour le secrétariat) : /calendrier nouveau-lien';
    const feed = publicLink(ctx.config, CALENDAR_PATH);
    return reply('Calendrier des séances', [
      feed
        ? list(
            [
              `Calendrier public de ${ctx.config.body.name} (les séances) : ${feed}`,
              personal,
              `Page publique des séances : ${publicLink(ctx.config, '/')}`,
            ],
            'Adresses à ajouter dans votre agenda',
          )
        : list([personal], 'Adresses'),
      ...(feed ? [] : [text(PUBLIC_URL_MISSING)]),
      text('Un calendrier abonné se met à jour tout seul quand une séance est déplacée ou annulée.'),
    ]);
  },
});

export const calendrier = defineCommand({
  name: 'calendrier',
  description: "S'abonner au calendrier des séances",
  examples: ['/calendrier', '/calendrier nouveau-lien'],
  access: 'read',
  subcommands: [voir, nouveauLien],
  defaultSubcommand: 'voir',
});
