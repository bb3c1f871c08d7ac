/** @module /pv: the attendance part of the minutes, in Markdown ready to paste into the PV. */
import { computeQuorum } from '../core/assembly/quorum.ts';
import { defineCommand } from '../core/command.ts';
import { reply, type Block } from '../core/reply.ts';
import { formatDateLong, formatTime } from '../core/text/dates.ts';
import { formatInt } from '../core/text/format.ts';
import { nameById, sessionArg, sessionHeading } from './shared.ts';
import { proxyTables } from './pouvoirs.ts';

export const pv = defineCommand({
  name: 'pv',
  description: 'Partie « présences » du procès-verbal, en Markdown',
  args: [sessionArg],
  examples: ['/pv 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const record = await ctx.records.record(s.id);
    const body = ctx.config.body;
    const q = computeQuorum(body, ctx.config.roster, record);
    const t = proxyTables(ctx, record);
    const name = nameById(ctx);
    const holders = new Set(q.represented.map((p) => p.holder.id));
    const md: string[] = [`## ${s.title} du ${formatDateLong(s.date)}`, ''];
    md.push(`Séance ouverte à ${formatTime(s.time)} — ${s.place}${s.remote ? ' et par téléconférence' : ''}.${s.convokedOn ? ` Convocation du ${formatDateLong(s.convokedOn, false)}.` : ''}`);
    if (s.president) md.push(`Présidence : ${name(s.president)}.`);
    const table = (title: string, rows: string[][], withoutProxy: string[]) => {
      md.push('', `### ${title} (${rows.length + withoutProxy.length})`, '', '| Présents | Pouvoirs | Voix |', '|---|---|---|');
      for (const r of rows) md.push(`| ${r.join(' | ')} |`);
      for (const n of withoutProxy) md.push(`| ${n} | — | ${formatInt(ctx.config.roster.find((d) => name(d.id) === n)!.votes)} |`);
    };
    table('Présents en salle', t.room, q.room.filter((d) => !holders.has(d.id)).map((d) => name(d.id)));
    if (s.remote || q.remote.length) table('Présents en téléconférence', t.remote, q.remote.filter((d) => !holders.has(d.id)).map((d) => name(d.id)));
    const excused = Object.entries(record.attendance).filter(([, v]) => v === 'excuse').map(([id]) => name(id));
    const absent = Object.entries(record.attendance).filter(([, v]) => v === 'absent').map(([id]) => name(id));
    md.push('', `### Excusés (${excused.length})`, '', ...excused.map((n, i) => `${i + 1}. ${n}`));
    if (absent.length) md.push('', `### Absents (${absent.length})`, '', ...absent.map((n, i) => `${i + 1}. ${n}`));
    const present = q.room.length + q.remote.length;
    md.push('', '### Quorum', '',
      `${formatInt(present)} présents et ${formatInt(q.represented.length)} représentés, soit ${formatInt(present + q.represented.length)} délégués sur ${formatInt(q.inOffice)} en exercice (seuil : ${formatInt(q.threshold)}${body.quorum.count === 'votes' ? ' voix' : ''}), et ${formatInt(q.votesPresent + q.votesRepresented)} voix sur ${formatInt(q.totalVotes)} : le quorum ${q.reached ? 'est atteint' : 'n\'est pas atteint'} (${body.quorum.source}).`);
    if (s.secretary) md.push('', `Secrétaire de séance : ${name(s.secretary)}.`);
    if (s.closedAt) md.push(`Séance levée à ${formatTime(s.closedAt)}.`);
    const blocks: Block[] = [{ type: 'code', language: 'markdown', text: md.join('\n') }];
    return reply('Procès-verbal : présences et quorum', blocks, { session: sessionHeading(ctx, s), rule: q.rule });
  },
});
