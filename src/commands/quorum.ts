/** @module /quorum: who counts, the threshold, the votes, and whether the quorum is reached. */
import { fractionText } from '../core/assembly/profile.ts';
import { computeQuorum, type QuorumCount, type QuorumResult } from '../core/assembly/quorum.ts';
import { disregardedText } from '../core/assembly/record-rules.ts';
import { defineCommand, type CommandContext } from '../core/command.ts';
import type { BodyProfile, SessionRecord } from '../core/model.ts';
import { fields, list, reply, text, type Block, type Field } from '../core/reply.ts';
import { forecast } from '../core/sessions/answers.ts';
import { remoteSessionWarnings } from '../core/sessions/convocation-rule.ts';
import { sessionState, STATE_LABEL } from '../core/sessions/lifecycle.ts';
import { formatInt, plural } from '../core/text/format.ts';
import { countOf } from '../core/text/french.ts';
import { nameOf, sessionArg, sessionHeading } from './shared.ts';

/** Before the session: what the answers to the convocation announce, and the quorum if nobody else comes. */
function forecastBlocks(ctx: CommandContext, record: SessionRecord, unit: string): Block[] {
  const f = forecast(ctx.config.body, ctx.config.roster, record);
  const pending = f.proxies.filter((p) => p.pending).length;
  return [
    fields([
      {
        label: 'Présents annoncés',
        value: `${formatInt(f.room.length + f.remote.length)} (${formatInt(f.room.length)} en salle, ${formatInt(f.remote.length)} à distance)`,
      },
      {
        label: 'Pouvoirs annoncés',
        value: `${formatInt(f.proxies.length)}${pending ? ` dont ${formatInt(pending)} à confirmer` : ''}`,
      },
      { label: 'Excusés', value: formatInt(f.excused.length) },
      { label: 'Sans réponse', value: formatInt(f.noAnswer.length) },
      {
        label: "Si personne d'autre ne vient",
        value: f.quorum.reached
          ? `quorum atteint (${formatInt(f.quorum.counted)} ≥ ${formatInt(f.quorum.threshold)} ${unit})`
          : `quorum non atteint : ${formatInt(f.quorum.counted)} sur ${formatInt(f.quorum.threshold)} ${unit}, il en manque ${formatInt(f.quorum.missing)}`,
      },
    ]),
    ...(f.proxies.length
      ? [
          list(
            f.proxies.map((p) => `${nameOf(p.giver)} → ${nameOf(p.holder)}${p.pending ? ' (à confirmer)' : ''}`),
            'Pouvoirs annoncés',
          ),
        ]
      : []),
    text(`Prévision d'après les réponses à la convocation (/reponse) ; à relancer : /relances.`),
  ];
}

export const quorum = defineCommand({
  name: 'quorum',
  description: "Quorum d'une séance : présents, représentés, voix, seuil",
  args: [sessionArg],
  examples: ['/quorum', '/quorum 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const record = await ctx.records.record(s.id);
    const body = ctx.config.body;
    const q = computeQuorum(body, ctx.config.roster, record, s);
    const blocks: Block[] = [fields(quorumFields(body, q))];
    if (body.statedTotalVotes !== undefined && body.statedTotalVotes !== q.rosterVotes) {
      blocks.push(
        text(
          `Total des voix : ${formatInt(body.statedTotalVotes)} selon le procès-verbal, ${formatInt(q.rosterVotes)} selon le registre des délégués (écart signalé par npm run check).`,
        ),
      );
    }
    if (q.disregarded.length)
      blocks.push(list(q.disregarded.map(disregardedText), 'Enregistrements non pris en compte'));
    const remote = remoteSessionWarnings(s, body);
    if (remote.length)
      blocks.push(
        list(
          remote.map((w) => `⚠ ${w}`),
          'Séance à distance',
        ),
      );
    if (q.secondConvocation) blocks.push(text(q.secondConvocation.text));
    const present = q.room.length + q.remote.length + q.substituted.length;
    if (present === 0 && q.represented.length === 0)
      blocks.push(text("Aucune présence n'est encore enregistrée pour cette séance (/presence)."));
    const state = sessionState(s, record, ctx.clock.now(), body.timezone);
    blocks.unshift(text(`État de la séance : ${STATE_LABEL[state]}.`));
    if (state === 'planifiee' || state === 'convoquee')
      blocks.push(...forecastBlocks(ctx, record, body.quorum.count === 'votes' ? 'voix' : 'délégués'));
    if (!q.reached && present > 0)
      blocks.push(
        text(
          `Sans quorum, une nouvelle convocation à ${body.quorum.secondConvocationDays} jours au moins permet de délibérer sans condition de quorum sur le même ordre du jour (${body.quorum.secondConvocationSource}).`,
        ),
      );
    const withoutQuorum =
      q.secondConvocation?.valid && !(body.quorum.count === 'votes' ? q.votes.reached : q.heads.reached);
    const rule = q.secondConvocation
      ? `${q.rule} ; seconde convocation : ${body.quorum.secondConvocationSource}`
      : q.rule;
    if (withoutQuorum) {
      return reply('Délibération valable sans condition de quorum', blocks, {
        tone: 'success',
        session: sessionHeading(ctx, s),
        rule,
      });
    }
    return reply(q.reached ? 'Quorum atteint' : 'Quorum non atteint', blocks, {
      tone: q.reached ? 'success' : 'warning',
      session: sessionHeading(ctx, s),
      rule,
    });
  },
});

/** The figures of a quorum, one condition per line when heads and voix both count. */
export function quorumFields(body: BodyProfile, q: QuorumResult): Field[] {
  const share = fractionText(body.quorum.fraction);
  const condition = (c: QuorumCount, heads: boolean) => {
    const unit = heads ? 'délégués' : 'voix';
    return `${formatInt(c.counted)} ${unit} comptés, seuil ${formatInt(c.threshold)} (${share} de ${formatInt(c.base)})${c.reached ? '' : ` : il manque ${plural(c.missing, heads ? 'délégué' : 'voix', unit)}`}`;
  };
  const out: Field[] = [
    {
      label: 'Délégués en exercice',
      value:
        formatInt(q.inOffice) +
        (q.heads.base !== q.inOffice ? ` au registre ; ${formatInt(q.heads.base)} sièges pourvus` : ''),
    },
    { label: 'Présents en salle', value: countOf(q.room.length, 'présent', 'présents', 'aucun') },
    {
      label: 'Présents à distance',
      value:
        countOf(q.remote.length, 'présent', 'présents', 'aucun') +
        (body.remoteAllowed && body.remoteCountsAsPresent ? '' : ' (ne comptent pas)'),
    },
  ];
  if (body.substitutes || q.substituted.length)
    out.push({ label: 'Remplacés par leur suppléant', value: formatInt(q.substituted.length) });
  out.push({
    label: 'Pouvoirs',
    value:
      countOf(q.represented.length, 'représenté', 'représentés', 'aucun') +
      (body.quorum.base === 'present' ? ' (ne comptent pas pour le quorum)' : ''),
  });
  if (body.quorum.count === 'heads-and-votes') {
    out.push(
      { label: 'En délégués', value: condition(q.heads, true) },
      { label: 'En voix', value: condition(q.votes, false) },
    );
  } else {
    const heads = body.quorum.count === 'heads';
    const c = heads ? q.heads : q.votes;
    const unit = heads ? 'délégués' : 'voix';
    out.push(
      { label: 'Comptés pour le quorum', value: countOf(c.counted, heads ? 'délégué' : 'voix', unit) },
      {
        label: 'Seuil',
        value: `${countOf(c.threshold, heads ? 'délégué' : 'voix', unit)} (${share} de ${formatInt(c.base)})`,
      },
    );
  }
  out.push({
    label: 'Voix présentes et représentées',
    value: `${formatInt(q.votesPresent + q.votesRepresented)} sur ${formatInt(q.totalVotes)} (${countOf(q.votesPresent, 'présente', 'présentes')} + ${countOf(q.votesRepresented, 'représentée', 'représentées')})`,
  });
  const heads = body.quorum.count !== 'votes';
  const unit = heads ? 'délégués' : 'voix';
  const own =
    body.quorum.count === 'heads-and-votes' ? q.heads.reached && q.votes.reached : (heads ? q.heads : q.votes).reached;
  const result =
    !own && q.secondConvocation?.valid
      ? `seconde convocation : délibération valable sans condition de quorum (${formatInt(q.counted)} pour un seuil ordinaire de ${formatInt(q.threshold)})`
      : q.reached
        ? body.quorum.count === 'heads-and-votes'
          ? 'quorum atteint en délégués et en voix'
          : `quorum atteint (${formatInt(q.counted)} ≥ ${formatInt(q.threshold)})`
        : body.quorum.count === 'heads-and-votes'
          ? `quorum non atteint : ${[q.heads.reached ? '' : `il manque ${plural(q.heads.missing, 'délégué', 'délégués')}`, q.votes.reached ? '' : `il manque ${plural(q.votes.missing, 'voix', 'voix')}`].filter(Boolean).join(' et ')}`
          : `quorum non atteint : il manque ${plural(q.missing, heads ? 'délégué' : 'voix', unit)}`;
  out.push({ label: 'Résultat', value: result });
  return out;
}
