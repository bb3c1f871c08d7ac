/**
 * @module /pv: the draft minutes of a session, in the order of the body's own minutes: in the chat as formatted
 * text (headings, paragraphs, tables, lists: each door sets them), and as a Word document (.docx) attached, which
 * the secretariat finishes in an office suite.
 */
import { delegatesById } from '../core/assembly/quorum.ts';
import { defineCommand } from '../core/command.ts';
import { liveOf, movementLines } from '../core/sessions/live.ts';
import { buildMinutes } from '../core/minutes/build.ts';
import { partsToDocxBase64 } from '../core/minutes/docx.ts';
import { partsToBlocks } from '../core/minutes/blocks.ts';
import { minutesOutline } from '../core/minutes/outline.ts';
import { reply } from '../core/reply.ts';
import { formatDateLong, toZoned } from '../core/text/dates.ts';
import { sessionArg, sessionHeading } from './shared.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const pv = defineCommand({
  name: 'pv',
  description: "Projet de procès-verbal d'une séance (dans la conversation et en document Word)",
  args: [sessionArg],
  examples: ['/pv 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const record = await ctx.records.record(s.id);
    // The convocation as recorded (sent by the bot or recorded by a secretary), and the rectifications made.
    const live = liveOf(record);
    const byId = delegatesById(ctx.config.roster);
    const convoked = record.convocation ? { ...s, convokedOn: record.convocation.date } : s;
    // The closing time recorded in the session (/seance lever) is the one the minutes state.
    const session = live.closedAt ? { ...convoked, closedAt: live.closedAt } : convoked;
    const tz = ctx.config.body.timezone;
    const rectifications = (record.rectifications ?? []).map(
      (r) =>
        `${formatDateLong(toZoned(new Date(r.at), tz).date, false)}, ${r.by} — motif : ${r.motif}${r.change ? ` — ${r.change}` : ' (aucune modification faite)'}`,
    );
    const minutes = buildMinutes({
      config: ctx.config,
      session,
      record,
      rectifications,
      ballots: record.ballots,
      ...(live.openedAt ? { openedAt: live.openedAt } : {}),
      movements: movementLines(live, (id) => byId.get(id)),
    });
    const parts = minutesOutline(minutes);
    const docx = await partsToDocxBase64(parts, `Procès-verbal – ${s.title} du ${formatDateLong(s.date)}`);
    return reply('Procès-verbal (projet)', partsToBlocks(parts), {
      session: sessionHeading(ctx, s),
      rule: minutes.quorum.rule,
      attachments: [{ filename: `pv-${s.id}.docx`, contentType: DOCX_TYPE, content: docx, encoding: 'base64' }],
    });
  },
});
