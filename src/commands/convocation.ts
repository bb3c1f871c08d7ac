/** @module /convocation: the legal deadline in jours francs, whether the recorded sending complied, and a draft letter. */
import { defineCommand } from '../core/command.ts';
import { fields, reply, text, type Block, type Field } from '../core/reply.ts';
import { convocationDraft, convocationRule, convocationStatus, joursFrancsLabel, remoteSessionWarnings, URGENCY_DAYS } from '../core/sessions/convocation-rule.ts';
import { formatDateLong } from '../core/text/dates.ts';
import { nameById, sessionArg, sessionHeading } from './shared.ts';

export const convocation = defineCommand({
  name: 'convocation',
  description: 'Délai de convocation (jours francs), conformité de l\'envoi et projet de convocation',
  args: [sessionArg],
  examples: ['/convocation', '/convocation 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const body = ctx.config.body;
    const rule = convocationRule(body, s);
    const st = convocationStatus(s, rule.days);
    const info: Field[] = [
      { label: 'Délai', value: `${joursFrancsLabel(rule.days)} (ni le jour d'envoi ni le jour de la séance ne comptent ; week-ends et jours fériés comptent)` },
      { label: 'À envoyer au plus tard le', value: formatDateLong(st.deadline) },
      ...(rule.urgency ? [] : [{ label: 'En cas d\'urgence', value: `${joursFrancsLabel(URGENCY_DAYS)}, soit au plus tard le ${formatDateLong(st.urgencyDeadline)} ; l'assemblée se prononce sur l'urgence à l'ouverture` }]),
      { label: 'Convoque et signe', value: `${body.convener === 'maire' ? 'le maire' : 'le président'} (${body.convenerSource})` },
      { label: 'Note explicative de synthèse', value: `${body.synthesisNote ? 'à joindre' : 'non obligatoire'} (${body.synthesisNoteSource})` },
    ];
    const notes: Block[] = [];
    if (st.sentOn === undefined) {
      info.push({ label: 'Envoi enregistré', value: 'aucun' });
      if (st.deadline < ctx.today() && s.date >= ctx.today()) notes.push(text(`⚠ La date limite du ${formatDateLong(st.deadline)} est passée sans envoi enregistré : seule l'urgence (${joursFrancsLabel(URGENCY_DAYS)}) permettrait de tenir la séance à cette date.`));
    } else {
      const verdict = st.compliant
        ? `délai respecté (${rule.days} requis)`
        : st.onlyInUrgency ? `délai non respecté (${rule.days} requis), acceptable seulement si l'urgence est invoquée` : `délai non respecté (${rule.days} requis)`;
      info.push({ label: 'Envoi enregistré', value: `${formatDateLong(st.sentOn)} — ${joursFrancsLabel(st.joursFrancs!)} : ${verdict}` });
    }
    for (const w of remoteSessionWarnings(s, body)) notes.push(text(`⚠ ${w}`));
    if (s.secondConvocationOf) notes.push(text(`Seconde convocation après la séance sans quorum du ${formatDateLong(s.secondConvocationOf, false)} : l'assemblée délibérera sans condition de quorum si ${body.quorum.secondConvocationDays} jours au moins séparent les deux séances (${body.quorum.secondConvocationSource}).`));
    const president = s.president ? nameById(ctx)(s.president) : undefined;
    return reply('Convocation', [
      fields(info),
      ...notes,
      text('Projet de convocation (à copier) :'),
      { type: 'code', text: convocationDraft(s, ctx.config.body, president) },
    ], {
      session: sessionHeading(ctx, s),
      tone: st.compliant === false ? 'warning' : 'info',
      rule: `Convocation${rule.urgency ? ' en urgence' : ''} : ${rule.source} ; date limite = jour de la séance − (${rule.days} + 1) jours.`,
    });
  },
});
