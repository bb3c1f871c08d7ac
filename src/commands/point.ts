/**
 * @module /point: the agenda item under discussion while the session sits (`suivant`, `<n°>`), and members who
 * withdraw from it for a personal interest (`retrait <délégué> [n°]`, CGCT L2131-11): counted neither for the
 * item's quorum nor for its vote.
 */
import { computeQuorum } from '../core/assembly/quorum.ts';
import type { CommandContext } from '../core/command.ts';
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Session, SessionRecord } from '../core/model.ts';
import { fields, reply, text } from '../core/reply.ts';
import { liveOf, mustBeOpen, setCurrentItem, withdraw } from '../core/sessions/live.ts';
import { agree } from '../core/text/french.ts';
import { formatInt } from '../core/text/format.ts';
import { recordForItem } from '../core/votes/count.ts';
import { liveUpdate, sittingSession } from './live-message.ts';
import { nameOf, sessionArg, sessionHeading, who } from './shared.ts';

/** Checks an item number against the session's agenda; French answer when there is no such item. */
export function agendaItem(s: Session, n: number) {
  const it = s.agenda[n - 1];
  if (!Number.isInteger(n) || !it)
    fail('live.item', `Il n'y a pas de point n° ${n} à l'ordre du jour (${s.agenda.length} points).`);
  return it;
}

/** « quorum atteint pour ce point (24 sur 47, seuil : 24) » or what is missing. */
export function itemQuorumText(
  ctx: CommandContext,
  record: SessionRecord,
  item: number,
): { reached: boolean; text: string } {
  const withdrawn = new Set(liveOf(record).withdrawn[String(item)] ?? []);
  const q = computeQuorum(ctx.config.body, ctx.config.roster, recordForItem(record, withdrawn));
  const unit = ctx.config.body.quorum.count === 'votes' ? ' voix' : '';
  return q.reached
    ? {
        reached: true,
        text: `Quorum atteint pour le point ${item} : ${formatInt(q.counted)}${unit}, seuil : ${formatInt(q.threshold)}${unit}.`,
      }
    : {
        reached: false,
        text: `Quorum non atteint pour le point ${item} : ${formatInt(q.counted)}${unit}, seuil : ${formatInt(q.threshold)}${unit} ; il manque ${formatInt(q.missing)}${unit}.`,
      };
}

export const point = defineCommand({
  name: 'point',
  description: "En séance : le point en cours (suivant, n°) et les retraits d'un point (secrétariat)",
  args: [
    { name: 'quoi', kind: 'text', description: 'suivant, le n° du point, ou retrait <délégué> [n° du point]' },
    sessionArg,
  ],
  examples: ['/point suivant', '/point 5', '/point retrait DELFOSSE', '/point retrait DELFOSSE 6'],
  access: 'attendance.record',
  async run(args, ctx) {
    const s = await sittingSession(ctx, args['séance']);
    const words = args['quoi'].trim().split(/\s+/u);
    const head = words[0]!.toLowerCase();
    if (head === 'retrait' || head === 'retire' || head === 'retirer') {
      const rest = words.slice(1);
      const last = rest.at(-1);
      const explicit = last && /^\d+$/.test(last) ? Number(rest.pop()) : undefined;
      if (!rest.length)
        fail('args.invalid', 'Nommer le délégué qui se retire : /point retrait DELFOSSE [n° du point].');
      const d = ctx.delegate(rest.join(' '));
      const current = explicit ?? liveOf(await ctx.records.record(s.id)).current;
      if (!current)
        fail(
          'live.item',
          'Aucun point en cours : indiquer le n° du point (/point retrait DELFOSSE 6) ou passer au point (/point suivant).',
        );
      const it = agendaItem(s, current);
      const { record } = await ctx.records.update(s.id, (r) => ({ record: withdraw(r, who(ctx), current, d) }));
      const q = itemQuorumText(ctx, record, current);
      return reply(
        'Retrait enregistré',
        [
          text(
            `${nameOf(d)} se retire du point ${current} (${it.title}) : ${agree(d, 'il', 'elle')} ne compte ni pour le quorum ni pour le vote de ce point.`,
          ),
          text(q.text),
        ],
        {
          tone: q.reached ? 'success' : 'warning',
          session: sessionHeading(ctx, s),
          rule: 'CGCT, article L2131-11',
          ...liveUpdate(ctx, s, record),
        },
      );
    }
    let target: number;
    if (head === 'suivant' || head === 'suivante') {
      const live = mustBeOpen(await ctx.records.record(s.id));
      target = (live.current ?? 0) + 1;
      if (!s.agenda.length) fail('live.item', `L'ordre du jour de la séance est vide (/odj).`);
      if (target > s.agenda.length)
        fail(
          'live.item',
          `Le point ${live.current} était le dernier de l'ordre du jour : lever la séance (/seance lever).`,
        );
    } else if (/^\d+$/.test(head) && words.length === 1) target = Number(head);
    else fail('args.invalid', `« ${args['quoi']} » : indiquer suivant, le n° du point, ou retrait <délégué>.`);
    const it = agendaItem(s, target);
    const { record } = await ctx.records.update(s.id, (r) => ({
      record: setCurrentItem(r, who(ctx), target, it.title),
    }));
    const q = itemQuorumText(ctx, record, target);
    return reply(
      'Point en cours',
      [
        fields([
          { label: 'Point', value: `${target}. ${it.title}` },
          ...(it.deliberation ? [{ label: 'Délibération n°', value: it.deliberation }] : []),
        ]),
        text(q.text),
        ...(it.kind === 'deliberation'
          ? [
              text(
                `Vote : /vote ${target} unanimite, /vote ${target} pour <voix> contre <voix>, /vote ${target} contre: NOMS, ou par les boutons des délégués : /vote ${target} ouvrir`,
              ),
            ]
          : []),
      ],
      { tone: q.reached ? 'success' : 'warning', session: sessionHeading(ctx, s), ...liveUpdate(ctx, s, record) },
    );
  },
});
