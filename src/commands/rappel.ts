/** @module /rappel ajouter|supprimer|renvoyer: reminders a secretary schedules from chat, kept in the store; resending a missed one. */
import { defineCommand, type CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Recipient } from '../core/reply.ts';
import { fields, reply, text, type Block } from '../core/reply.ts';
import { dstNote } from '../core/reminders/custom.ts';
import { formatInstant, recipientLabel, recipientPhrase } from '../core/reminders/labels.ts';
import { remindersOf } from '../core/reminders/registry.ts';
import { formatDateTime, fromZoned } from '../core/text/dates.ts';
import { fold } from '../core/text/normalize.ts';
import { BODY_JOURNAL, withJournal } from '../core/journal.ts';
import { who } from './shared.ts';

/** Custom reminders concern the body, not one session: their changes go to the body's journal. */
async function journalBody(ctx: CommandContext, action: string, detail: string): Promise<void> {
  await ctx.records.update(BODY_JOURNAL, (r) => ({ record: withJournal(r, who(ctx), action, detail) }));
}

const TO_DELEGATES = new Set(['delegues', 'delegue', 'tous']);
const TO_SECRETARIAT = new Set(['secretariat', 'secretaires', 'secretaire']);

function target(cible: string, ctx: CommandContext): Recipient {
  const f = fold(cible);
  if (TO_DELEGATES.has(f)) return { kind: 'delegates' };
  if (TO_SECRETARIAT.has(f)) return { kind: 'secretariat' };
  return { kind: 'delegate', id: ctx.delegate(cible).id };
}

const ajouter = defineCommand({
  name: 'ajouter',
  description: 'Programmer un rappel (secrétariat)',
  args: [
    { name: 'date', kind: 'date', description: "jour d'envoi (2026-12-01 ou 01/12/2026)" },
    { name: 'heure', kind: 'time', description: "heure d'envoi, heure de Paris (09:00 ou 9h)" },
    {
      name: 'cible',
      kind: 'delegate',
      description: "delegues (le canal des délégués), secretariat, ou le nom d'un délégué (message direct)",
    },
    { name: 'texte', kind: 'text', description: 'le texte du rappel' },
  ],
  examples: [
    '/rappel ajouter 2026-12-01 09:00 delegues Pensez à renvoyer vos pouvoirs',
    '/rappel ajouter 01/12/2026 14h "Mme Roy" Votre pouvoir est à confirmer',
  ],
  access: 'reminder.manage',
  async run(args, ctx) {
    const date = args['date'];
    const time = args['heure'];
    const tz = ctx.config.body.timezone;
    const to = target(args['cible'], ctx);
    const dueMs = fromZoned(date, time, tz).getTime();
    if (dueMs <= ctx.clock.now().getTime()) {
      fail('reminder.past', `Le ${formatDateTime(date, time)} est passé : un rappel se programme dans le futur.`);
    }
    const row = await remindersOf(ctx).addCustom({ date, time, to, text: args['texte'], createdBy: ctx.actor.name });
    await journalBody(
      ctx,
      'rappel programmé',
      `n° ${row.number}, ${formatInstant(dueMs, tz)}, pour ${recipientPhrase(to, ctx.config.roster)} : « ${row.text} »`,
    );
    const blocks: Block[] = [
      fields([
        { label: 'Envoi', value: `${formatInstant(dueMs, tz)} (heure de Paris)` },
        { label: 'Pour', value: recipientLabel(to, ctx.config.roster) },
        { label: 'Texte', value: row.text },
      ]),
    ];
    const note = dstNote(date, time, tz);
    if (note) blocks.push(text(`⚠ ${note}`));
    blocks.push(text(`Pour l'annuler : /rappel supprimer ${row.number}`));
    return reply(`Rappel n° ${row.number} programmé`, blocks, { tone: note ? 'warning' : 'success' });
  },
});

const supprimer = defineCommand({
  name: 'supprimer',
  description: 'Supprimer un rappel programmé (secrétariat)',
  args: [{ name: 'numéro', kind: 'integer', description: 'le N° affiché par /rappels' }],
  examples: ['/rappel supprimer 3'],
  access: 'reminder.manage',
  async run(args, ctx) {
    const n = args['numéro'];
    const scheduler = remindersOf(ctx);
    const removed = await scheduler.removeCustom(n);
    if (!removed) {
      const known = (await scheduler.customReminders()).map((r) => `n° ${r.number}`);
      fail(
        'reminder.unknown',
        `Aucun rappel programmé n° ${n}. ${known.length ? `Rappels programmés : ${known.join(', ')}.` : 'Aucun rappel programmé.'} Les rappels tirés des séances et du séminaire suivent la séance ou la configuration.`,
      );
    }
    const tz = ctx.config.body.timezone;
    await journalBody(
      ctx,
      'rappel supprimé',
      `n° ${n}, ${formatInstant(fromZoned(removed.date, removed.time, tz).getTime(), tz)} : « ${removed.text} » → supprimé`,
    );
    return reply(
      `Rappel n° ${n} supprimé`,
      [
        text(
          `Le rappel du ${formatInstant(fromZoned(removed.date, removed.time, tz).getTime(), tz)} pour ${recipientPhrase(removed.to, ctx.config.roster)} ne partira pas : « ${removed.text} ».`,
        ),
      ],
      { tone: 'success' },
    );
  },
});

const renvoyer = defineCommand({
  name: 'renvoyer',
  description: 'Renvoyer un rappel manqué ou non remis (secrétariat)',
  args: [
    {
      name: 'rappel',
      kind: 'text',
      description: "l'identifiant affiché par /rappels (ex. rappel:3 ou seance:2026-12-15:veille)",
    },
  ],
  examples: ['/rappel renvoyer rappel:3'],
  access: 'reminder.manage',
  // The « Renvoyer » button of /rappels resends the reminder as listed: not once it was resent or retried since.
  async decides(args, ctx) {
    const id = args['rappel'].trim();
    const st = await remindersOf(ctx).state(id);
    return st ? { id, version: st.version, status: st.status, at: st.at } : null;
  },
  async run(args, ctx) {
    const id = args['rappel'].trim();
    const scheduler = remindersOf(ctx);
    const state = await scheduler.resend(id);
    if (!state) {
      const open = (await scheduler.problems()).map((p) => p.id);
      fail(
        'reminder.unknown',
        `Aucun rappel manqué ou non remis « ${id} ». ${open.length ? `À renvoyer : ${[...new Set(open)].join(', ')}.` : 'Aucun rappel à renvoyer.'}`,
      );
    }
    return reply(
      'Rappel remis en envoi',
      [
        text(
          `« ${state.outbox!.summary} » repart au prochain passage du bot (dans la minute), seulement vers les portes qui ne l'ont pas reçu.`,
        ),
      ],
      { tone: 'success' },
    );
  },
});

export const rappel = defineCommand({
  name: 'rappel',
  description: 'Programmer, supprimer ou renvoyer un rappel',
  examples: [],
  access: 'reminder.manage',
  subcommands: [ajouter, supprimer, renvoyer],
});
