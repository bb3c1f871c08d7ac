/**
 * @module /journal [séance] [page]: the audit log — who changed what (session, agenda, attendance, proxies,
 * answers, convocation, reminders), when, from which door, before → after. Without a session: the whole body,
 * every session's changes and the body's own (custom reminders), newest first, paged.
 */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { BODY_JOURNAL } from '../core/journal.ts';
import type { JournalEntry } from '../core/model.ts';
import { reply, table, text, type Block } from '../core/reply.ts';
import { formatDateShort, toZoned } from '../core/text/dates.ts';
import { sessionArg, sessionHeading } from './shared.ts';

export const PAGE_SIZE = 25;

export const journal = defineCommand({
  name: 'journal',
  description: "Journal des modifications, d'une séance ou de toute l'instance, par pages (secrétariat)",
  args: [
    { ...sessionArg, description: "date de la séance ; sans date : le journal de toute l'instance" },
    {
      name: 'page',
      kind: 'integer',
      optional: true,
      min: 1,
      max: 10_000,
      description: 'n° de page (1 : les plus récentes)',
    },
  ],
  examples: ['/journal', '/journal 2', '/journal 2024-10-07'],
  access: 'journal.read',
  async run(args, ctx) {
    const date = args['séance'];
    const page = args['page'] ?? 1;
    const tz = ctx.config.body.timezone;
    let entries: { e: JournalEntry; session?: string }[];
    let heading: string | undefined;
    if (date) {
      const s = await ctx.session(date);
      heading = sessionHeading(ctx, s);
      entries = (await ctx.records.record(s.id)).journal.map((e) => ({ e }));
    } else {
      const sessions = await ctx.sessions();
      const perSession = await Promise.all(
        sessions.map(async (s) => (await ctx.records.record(s.id)).journal.map((e) => ({ e, session: s.date }))),
      );
      entries = [
        ...perSession.flat(),
        ...(await ctx.records.record(BODY_JOURNAL)).journal.map((e) => ({ e, session: 'instance' })),
      ];
    }
    if (entries.length === 0) {
      return reply('Journal vide', [text('Aucune modification enregistrée depuis la configuration.')], {
        session: heading,
        visibility: 'ephemeral',
      });
    }
    // Newest first; entries of the same instant keep their order of writing, last written first.
    entries.reverse().sort((a, b) => b.e.at.localeCompare(a.e.at));
    const pages = Math.ceil(entries.length / PAGE_SIZE);
    if (page > pages)
      fail('journal.page', `Le journal compte ${pages} page${pages > 1 ? 's' : ''} (${entries.length} modifications).`);
    const rows = entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ e, session }) => {
      const z = toZoned(new Date(e.at), tz);
      const detail = e.rectification ? `${e.detail} (rectification : ${e.rectification})` : e.detail;
      return [
        `${formatDateShort(z.date)} ${z.time.replace(':', ' h ')}`,
        e.actor,
        e.door,
        ...(date ? [] : [session ?? '']),
        e.action,
        detail,
      ];
    });
    const columns = ['Quand', 'Qui', 'Canal', ...(date ? [] : ['Séance']), 'Action', 'Détail (avant → après)'];
    const blocks: Block[] = [table(columns, rows)];
    if (pages > 1) {
      const next = page < pages ? ` Suivante : /journal ${date ? `${date} ` : ''}${page + 1}` : '';
      blocks.push(
        text(`Page ${page} sur ${pages} (${entries.length} modifications, les plus récentes d'abord).${next}`),
      );
    }
    return reply(`Journal${date ? '' : " de l'instance"} (${entries.length})`, blocks, {
      session: heading,
      visibility: 'ephemeral',
    });
  },
});
