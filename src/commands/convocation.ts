/** @module /convocation: the legal deadline in jours francs, whether the recorded sending complied, and a draft letter. */
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { ConvocationSending } from '../core/model.ts';
import { remindersOf } from '../core/reminders/registry.ts';
import { describeSending, recordSending } from '../core/sessions/convocation-sending.ts';
import { sessionForChange, STATE_LABEL, stateOf } from '../core/sessions/lifecycle.ts';
import { fields, reply, text, type Block, type Field } from '../core/reply.ts';
import {
  convocationDraft,
  convocationRule,
  convocationStatus,
  joursFrancsLabel,
  remoteSessionWarnings,
  URGENCY_DAYS,
} from '../core/sessions/convocation-rule.ts';
import { formatDateLong } from '../core/text/dates.ts';
import { nameById, sessionArg, sessionHeading, who } from './shared.ts';

const voir = defineCommand({
  name: 'voir',
  description: 'Délai de convocation (jours francs), envoi enregistré et sa conformité, projet de convocation',
  args: [sessionArg],
  examples: ['/convocation', '/convocation 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const body = ctx.config.body;
    const rule = convocationRule(body, s);
    const sending = (await ctx.records.record(s.id)).convocation;
    const st = convocationStatus({ date: s.date, convokedOn: sending?.date ?? s.convokedOn }, rule.days);
    const info: Field[] = [
      {
        label: 'Délai',
        value: `${joursFrancsLabel(rule.days)} (ni le jour d'envoi ni le jour de la séance ne comptent ; week-ends et jours fériés comptent)`,
      },
      { label: 'À envoyer au plus tard le', value: formatDateLong(st.deadline) },
      ...(rule.urgency
        ? []
        : [
            {
              label: "En cas d'urgence",
              value: `${joursFrancsLabel(URGENCY_DAYS)}, soit au plus tard le ${formatDateLong(st.urgencyDeadline)} ; l'assemblée se prononce sur l'urgence à l'ouverture`,
            },
          ]),
      {
        label: 'Convoque et signe',
        value: `${body.convener === 'maire' ? 'le maire' : 'le président'} (${body.convenerSource})`,
      },
      {
        label: 'Note explicative de synthèse',
        value: `${body.synthesisNote ? 'à joindre' : 'non obligatoire'} (${body.synthesisNoteSource})`,
      },
    ];
    const notes: Block[] = [];
    if (st.sentOn === undefined) {
      info.push({ label: 'Envoi enregistré', value: 'aucun' });
      if (st.deadline < ctx.today() && s.date >= ctx.today())
        notes.push(
          text(
            `⚠ La date limite du ${formatDateLong(st.deadline)} est passée sans envoi enregistré : seule l'urgence (${joursFrancsLabel(URGENCY_DAYS)}) permettrait de tenir la séance à cette date.`,
          ),
        );
    } else {
      const verdict = st.compliant
        ? `délai respecté (${rule.days} requis)`
        : st.onlyInUrgency
          ? `délai non respecté (${rule.days} requis), acceptable seulement si l'urgence est invoquée`
          : `délai non respecté (${rule.days} requis)`;
      const how = sending ? describeSending(sending, ctx.config.body.timezone) : formatDateLong(st.sentOn);
      info.push({ label: 'Envoi enregistré', value: `${how} — ${joursFrancsLabel(st.joursFrancs!)} : ${verdict}` });
      if (sending?.notReached?.length)
        notes.push(
          text(`Non joints par message direct (à convoquer par un autre moyen) : ${sending.notReached.join(', ')}.`),
        );
    }
    for (const w of remoteSessionWarnings(s, body)) notes.push(text(`⚠ ${w}`));
    if (s.secondConvocationOf)
      notes.push(
        text(
          `Seconde convocation après la séance sans quorum du ${formatDateLong(s.secondConvocationOf, false)} : l'assemblée délibérera sans condition de quorum si ${body.quorum.secondConvocationDays} jours au moins séparent les deux séances (${body.quorum.secondConvocationSource}).`,
        ),
      );
    info.push({ label: 'État de la séance', value: STATE_LABEL[await stateOf(ctx, s)] });
    const president = s.president ? nameById(ctx)(s.president) : undefined;
    return reply(
      'Convocation',
      [
        fields(info),
        ...notes,
        text('Projet de convocation (à copier) :'),
        { type: 'code', text: convocationDraft(s, ctx.config.body, president) },
      ],
      {
        session: sessionHeading(ctx, s),
        tone: st.compliant === false ? 'warning' : 'info',
        rule: `Convocation${rule.urgency ? ' en urgence' : ''} : ${rule.source} ; date limite = jour de la séance − (${rule.days} + 1) jours.`,
      },
    );
  },
});

const envoyer = defineCommand({
  name: 'envoyer',
  description: 'Envoyer maintenant la convocation aux délégués, avec les boutons de réponse (secrétariat)',
  args: [sessionArg],
  examples: ['/convocation envoyer 2026-12-15'],
  access: 'session.plan',
  async run(args, ctx) {
    const target = await sessionForChange(ctx, args['séance'], 'schedule');
    const s = target.session;
    const already = (await ctx.records.record(s.id)).convocation;
    if (already)
      fail(
        'convocation.sent',
        `La convocation de cette séance est déjà partie : ${describeSending(already, ctx.config.body.timezone)}.`,
      );
    const sent = await remindersOf(ctx).sendNow(`seance:${s.id}:convocation`);
    if (!sent) fail('convocation.none', `Aucune convocation à envoyer pour la séance du ${formatDateLong(s.date)}.`);
    if (sent.already) fail('convocation.sent', 'La convocation de cette séance est déjà partie (voir /rappels).');
    const recorded = (await ctx.records.record(s.id)).convocation;
    if (!recorded) {
      return reply(
        'Convocation non remise',
        [
          text(
            `Aucune porte en service n'a pu la remettre${sent.outcome && 'detail' in sent.outcome ? ` : ${sent.outcome.detail}` : ''}. Elle est listée par /rappels.`,
          ),
        ],
        {
          tone: 'error',
          session: sessionHeading(ctx, s),
        },
      );
    }
    return reply(
      'Convocation envoyée',
      [
        text(`Envoyée le ${describeSending(recorded, ctx.config.body.timezone)}.`),
        ...(recorded.notReached?.length
          ? [text(`Non joints par message direct : ${recorded.notReached.join(', ')}.`)]
          : []),
        text(`La séance est ${STATE_LABEL.convoquee}. Réponses des délégués : /quorum ${s.date}, /relances ${s.date}.`),
      ],
      { tone: 'success', session: sessionHeading(ctx, s) },
    );
  },
});

const enregistrer = defineCommand({
  name: 'enregistrer',
  description: 'Enregistrer une convocation envoyée par un autre moyen (courriel, courrier…) (secrétariat)',
  args: [
    { name: 'date', kind: 'date', description: "jour d'envoi" },
    {
      name: 'mode',
      kind: 'text',
      optional: true,
      description: 'comment (courriel, courrier, remise en main propre…) ; par défaut « autre moyen »',
    },
    sessionArg,
  ],
  examples: ['/convocation enregistrer 2026-12-08 courriel', '/convocation enregistrer 08/12/2026 courrier 2026-12-15'],
  access: 'session.plan',
  async run(args, ctx) {
    const date = args['date'];
    const mode = args['mode'] ?? 'autre moyen';
    const target = await sessionForChange(ctx, args['séance'], 'schedule');
    const s = target.session;
    if (date > ctx.today())
      fail('convocation.future', `Le ${formatDateLong(date)} n'est pas encore arrivé : on enregistre un envoi fait.`);
    if (date >= s.date)
      fail('convocation.after', `Une convocation se fait avant la séance du ${formatDateLong(s.date)}.`);
    const tz = ctx.config.body.timezone;
    const sending: ConvocationSending = { date, mode, doors: [ctx.actor.door], by: ctx.actor.name };
    await ctx.records.update(s.id, (r) => {
      target.guard(r);
      return { record: recordSending(r, who(ctx), sending, tz) };
    });
    const rule = convocationRule(ctx.config.body);
    const st = convocationStatus({ date: s.date, convokedOn: date }, rule.days);
    return reply(
      'Convocation enregistrée',
      [
        text(
          `Envoi du ${formatDateLong(date)} (${mode}) : ${joursFrancsLabel(st.joursFrancs!)} avant la séance, ${st.compliant ? `délai respecté (${rule.days} requis)` : `délai non respecté (${rule.days} requis)`}.`,
        ),
        text(
          `La séance est ${STATE_LABEL.convoquee} ; le bot n'enverra pas sa propre convocation. Les délégués peuvent répondre avec /reponse.`,
        ),
      ],
      {
        tone: st.compliant ? 'success' : 'warning',
        session: sessionHeading(ctx, s),
        rule: `Convocation : ${rule.source}.`,
      },
    );
  },
});

export const convocation = defineCommand({
  name: 'convocation',
  description: 'Convocation : délai, envoi et conformité ; envoyer, ou enregistrer un envoi',
  examples: [
    '/convocation',
    '/convocation 2024-10-07',
    '/convocation envoyer',
    '/convocation enregistrer 2026-12-08 courriel',
  ],
  access: 'read',
  subcommands: [voir, envoyer, enregistrer],
  defaultSubcommand: 'voir',
});
