/** @module /pv: the attendance part of the minutes, in Markdown ready to paste into the PV. */
import { computeQuorum } from '../core/assembly/quorum.ts';
import { disregardedText } from '../core/assembly/record-rules.ts';
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
    const s = await ctx.session(args['séance'] as string | undefined);
    const record = await ctx.records.record(s.id);
    const body = ctx.config.body;
    const q = computeQuorum(body, ctx.config.roster, record, s);
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
    if (s.remote || q.remote.length) table(body.remoteAllowed ? 'Présents en téléconférence' : 'Notés à distance (ne comptent pas : pas de séance à distance)', t.remote, q.remote.filter((d) => !holders.has(d.id)).map((d) => name(d.id)));
    if (q.substituted.length) {
      md.push('', `### Titulaires remplacés par leur suppléant (${q.substituted.length})`, '', '| Titulaire | Suppléant | Voix |', '|---|---|---|');
      for (const d of q.substituted) md.push(`| ${name(d.id)} | ${d.substitute} | ${formatInt(d.votes)} |`);
    }
    const excused = Object.entries(record.attendance).filter(([, v]) => v === 'excuse').map(([id]) => name(id));
    const absent = Object.entries(record.attendance).filter(([, v]) => v === 'absent').map(([id]) => name(id));
    md.push('', `### Excusés (${excused.length})`, '', ...excused.map((n, i) => `${i + 1}. ${n}`));
    if (absent.length) md.push('', `### Absents (${absent.length})`, '', ...absent.map((n, i) => `${i + 1}. ${n}`));
    const present = q.room.length + (body.remoteAllowed && body.remoteCountsAsPresent ? q.remote.length : 0) + q.substituted.length;
    const outcome = q.reached ? (q.secondConvocation?.valid && q.counted < q.threshold ? 'la séance délibère sans condition de quorum' : 'le quorum est atteint') : 'le quorum n\'est pas atteint';
    const seuil = `seuil : ${formatInt(q.threshold)}${body.quorum.count === 'votes' ? ' voix' : ''}`;
    const voix = `${formatInt(q.votesPresent + q.votesRepresented)} voix sur ${formatInt(q.totalVotes)}`;
    md.push('', '### Quorum', '', body.quorum.base === 'present'
      ? `${formatInt(present)} présents sur ${formatInt(q.heads.base)} membres en exercice (${seuil}) ; ${formatInt(q.represented.length)} représentés, qui votent par pouvoir sans compter pour le quorum ; ${voix} : ${outcome} (${body.quorum.source}).`
      : `${formatInt(present)} présents et ${formatInt(q.represented.length)} représentés, soit ${formatInt(present + q.represented.length)} délégués sur ${formatInt(q.heads.base)} en exercice (${seuil}), et ${voix} : ${outcome} (${body.quorum.source}).`);
    if (q.secondConvocation) md.push('', q.secondConvocation.text);
    if (q.disregarded.length) md.push('', '### Enregistrements non pris en compte', '', ...q.disregarded.map((d) => `- ${disregardedText(d)}`));
    if (s.secretary) md.push('', `Secrétaire de séance : ${name(s.secretary)}.`);
    if (s.closedAt) md.push(`Séance levée à ${formatTime(s.closedAt)}.`);
    const blocks: Block[] = [{ type: 'code', language: 'markdown', text: md.join('\n') }];
    return reply('Procès-verbal : présences et quorum', blocks, { session: sessionHeading(ctx, s), rule: q.rule });
  },
});
