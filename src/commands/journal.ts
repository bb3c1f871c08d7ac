/** @module /journal: the audit log of a session — who changed which attendance or proxy, when, from which door. */
import { defineCommand } from '../core/command.ts';
import { reply, table, text } from '../core/reply.ts';
import { formatDateShort, toZoned } from '../core/text/dates.ts';
import { sessionArg, sessionHeading } from './shared.ts';

const SHOWN = 50;

export const journal = defineCommand({
  name: 'journal',
  description: 'Journal des modifications d\'une séance (secrétariat)',
  args: [sessionArg],
  examples: ['/journal 2024-10-07'],
  access: 'journal.read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const { journal: entries } = await ctx.records.record(s.id);
    if (entries.length === 0) {
      return reply('Journal vide', [text('Aucune modification enregistrée depuis la configuration.')], { session: sessionHeading(ctx, s), visibility: 'ephemeral' });
    }
    const tz = ctx.config.body.timezone;
    const rows = entries.slice(-SHOWN).reverse().map((e) => {
      const z = toZoned(new Date(e.at), tz);
      return [`${formatDateShort(z.date)} ${z.time.replace(':', ' h ')}`, e.actor, e.door, e.action, e.detail];
    });
    const blocks = [table(['Quand', 'Qui', 'Porte', 'Action', 'Détail'], rows)];
    if (entries.length > SHOWN) blocks.push(text(`${SHOWN} dernières modifications sur ${entries.length}.`));
    return reply(`Journal (${entries.length})`, blocks, { session: sessionHeading(ctx, s), visibility: 'ephemeral' });
  },
});
