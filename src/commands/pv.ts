/**
 * @module /pv: the minutes of a session (a draft until they are arrêtées, then as arrêtées), in the order of the body's own minutes: in the chat as formatted
 * text (headings, paragraphs, tables, lists: each door sets them), and as a Word document (.docx) attached, which
 * the secretariat finishes in an office suite.
 */
import { defineCommand } from '../core/command.ts';
import { DOCX_CONTENT_TYPE, partsToDocxBase64 } from '../core/minutes/docx.ts';
import { partsToBlocks } from '../core/minutes/blocks.ts';
import { minutesOutline } from '../core/minutes/outline.ts';
import { sessionMinutes } from '../core/minutes/session-minutes.ts';
import { reply } from '../core/reply.ts';
import { sessionState } from '../core/sessions/lifecycle.ts';
import { formatDateLong } from '../core/text/dates.ts';
import { sessionArg, sessionHeading } from './shared.ts';

export const DOCX_TYPE = DOCX_CONTENT_TYPE;

export const pv = defineCommand({
  name: 'pv',
  description: "Procès-verbal d'une séance, projet ou arrêté (dans la conversation et en document Word)",
  args: [sessionArg],
  examples: ['/pv 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    // The convocation as recorded, the closing time, the rectifications and chat votes: see session-minutes.ts.
    const record = await ctx.records.record(s.id);
    const minutes = sessionMinutes(ctx.config, s, record);
    const parts = minutesOutline(minutes);
    // Minutes arrêtées are the record itself, no longer a draft: the title and the document say so.
    const adopted = sessionState(s, record, ctx.clock.now(), ctx.config.body.timezone) === 'arretee';
    const title = adopted ? 'Procès-verbal arrêté' : 'Procès-verbal (projet)';
    const docx = await partsToDocxBase64(
      parts,
      `Procès-verbal – ${s.title} du ${formatDateLong(s.date)}`,
      adopted ? 'Procès-verbal arrêté' : 'Projet de procès-verbal',
    );
    return reply(title, partsToBlocks(parts), {
      session: sessionHeading(ctx, s),
      rule: minutes.quorum.rule,
      attachments: [{ filename: `pv-${s.id}.docx`, contentType: DOCX_TYPE, content: docx, encoding: 'base64' }],
    });
  },
});
