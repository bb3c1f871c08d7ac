/** @module /quorum: who counts, the threshold, the votes, and whether the quorum is reached. */
import { computeQuorum } from '../core/assembly/quorum.ts';
import { defineCommand, type CommandContext } from '../core/command.ts';
import type { SessionRecord } from '../core/model.ts';
import { fields, list, reply, text, type Block } from '../core/reply.ts';
import { forecast } from '../core/sessions/answers.ts';
import { sessionState, STATE_LABEL } from '../core/sessions/lifecycle.ts';
import { formatInt } from '../core/text/format.ts';
import { countOf } from '../core/text/french.ts';
import { nameOf, sessionArg, sessionHeading } from './shared.ts';

/** Before the session: what the answers to the convocation announce, and the quorum if nobody else comes. */
function forecastBlocks(ctx: CommandContext, record: SessionRecord, unit: string): Block[] {
  const f = forecast(ctx.config.body, ctx.config.roster, record);
  const pending = f.proxies.filter((p) => p.pending).length;
  return [
    fields([
      { label: 'Présents annoncés', value: `${formatInt(f.room.length + f.remote.length)} (${formatInt(f.room.length)} en salle, ${formatInt(f.remote.length)} à distance)` },
      { label: 'Pouvoirs annoncés', value: `${formatInt(f.proxies.length)}${pending ? ` dont ${formatInt(pending)} à confirmer` : ''}` },
      { label: 'Excusés', value: formatInt(f.excused.length) },
      { label: 'Sans réponse', value: formatInt(f.noAnswer.length) },
      {
        label: 'Si personne d\'autre ne vient',
        value: f.quorum.reached
          ? `quorum atteint (${formatInt(f.quorum.counted)} ≥ ${formatInt(f.quorum.threshold)} ${unit})`
          : `quorum non atteint : ${formatInt(f.quorum.counted)} sur ${formatInt(f.quorum.threshold)} ${unit}, il en manque ${formatInt(f.quorum.missing)}`,
      },
    ]),
    ...(f.proxies.length ? [list(f.proxies.map((p) => `${nameOf(p.giver)} → ${nameOf(p.holder)}${p.pending ? ' (à confirmer)' : ''}`), 'Pouvoirs annoncés')] : []),
    text(`Prévision d'après les réponses à la convocation (/reponse) ; à relancer : /relances.`),
  ];
}

export const quorum = defineCommand({
  name: 'quorum',
  description: 'Quorum d\'une séance : présents, représentés, voix, seuil',
  args: [sessionArg],
  examples: ['/quorum', '/quorum 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const record = await ctx.records.record(s.id);
    const body = ctx.config.body;
    const q = computeQuorum(body, ctx.config.roster, record);
    const heads = body.quorum.count === 'heads';
    const unit = heads ? 'délégués' : 'voix';
    const one = heads ? 'délégué' : 'voix';
    const present = q.room.length + q.remote.length;
    const blocks: Block[] = [fields([
      { label: 'Délégués en exercice', value: formatInt(q.inOffice) },
      { label: 'Présents en salle', value: countOf(q.room.length, 'présent', 'présents', 'aucun') },
      { label: 'Présents à distance', value: countOf(q.remote.length, 'présent', 'présents', 'aucun') + (body.remoteCountsAsPresent ? '' : ' (ne comptent pas)') },
      { label: 'Pouvoirs', value: countOf(q.represented.length, 'représenté', 'représentés', 'aucun') + (body.quorum.base === 'present' ? ' (ne comptent pas pour le quorum)' : '') },
      { label: 'Comptés pour le quorum', value: countOf(q.counted, one, unit) },
      { label: 'Seuil', value: `${countOf(q.threshold, one, unit)} (majorité absolue de ${formatInt(heads ? q.inOffice : q.totalVotes)})` },
      { label: 'Voix présentes et représentées', value: `${formatInt(q.votesPresent + q.votesRepresented)} sur ${formatInt(q.totalVotes)} (${countOf(q.votesPresent, 'présente', 'présentes')} + ${countOf(q.votesRepresented, 'représentée', 'représentées')})` },
      { label: 'Résultat', value: q.reached ? `quorum atteint (${formatInt(q.counted)} ≥ ${formatInt(q.threshold)})` : `quorum non atteint : il manque ${countOf(q.missing, one, unit)}` },
    ])];
    if (body.statedTotalVotes !== undefined && body.statedTotalVotes !== q.rosterVotes) {
      blocks.push(text(`Total des voix : ${formatInt(body.statedTotalVotes)} selon le procès-verbal, ${formatInt(q.rosterVotes)} selon le registre des délégués (écart signalé par npm run check).`));
    }
    if (present === 0 && q.represented.length === 0) blocks.push(text('Aucune présence n\'est encore enregistrée pour cette séance (/presence).'));
    const state = sessionState(s, record, ctx.clock.now(), body.timezone);
    blocks.unshift(text(`État de la séance : ${STATE_LABEL[state]}.`));
    if (state === 'planifiee' || state === 'convoquee') blocks.push(...forecastBlocks(ctx, record, unit));
    if (!q.reached && present > 0) blocks.push(text('Sans quorum, une nouvelle convocation à trois jours au moins permet de délibérer sans condition de quorum sur le même ordre du jour (CGCT L2121-17, sauf disposition contraire des statuts).'));
    return reply(q.reached ? 'Quorum atteint' : 'Quorum non atteint', blocks, {
      tone: q.reached ? 'success' : 'warning', session: sessionHeading(ctx, s), rule: q.rule,
    });
  },
});
