/** @module /rappels: the reminders to come (when, to whom, what), then those missed or not delivered. */
import { defineCommand } from '../core/command.ts';
import { list, reply, table, text, type Block } from '../core/reply.ts';
import { formatInstant, recipientsLabel, recipientsPhrase } from '../core/reminders/labels.ts';
import type { ReminderProblem } from '../core/reminders/model.ts';
import { remindersOf } from '../core/reminders/registry.ts';

/** Upcoming reminders shown; the rest are counted. */
export const UPCOMING_SHOWN = 20;
/** Most recent problems shown. */
export const PROBLEMS_SHOWN = 15;
/** « Renvoyer » buttons shown (the others by command). */
export const RESEND_BUTTONS = 5;

const PROBLEM_LABEL: Record<ReminderProblem['status'], string> = {
  missed: 'manqué',
  failed: 'échec de remise',
  undelivered: 'non remis',
};

export const rappels = defineCommand({
  name: 'rappels',
  description: 'Rappels programmés, et rappels manqués ou non remis',
  examples: ['/rappels'],
  access: 'read',
  async run(_args, ctx) {
    const scheduler = remindersOf(ctx);
    const tz = ctx.config.body.timezone;
    const roster = ctx.config.roster;
    const next = await scheduler.upcoming(UPCOMING_SHOWN + 1);
    const shown = next.slice(0, UPCOMING_SHOWN);
    const blocks: Block[] = [];
    if (shown.length) {
      blocks.push(
        table(
          ['Quand', 'Pour', 'Objet', 'N°'],
          shown.map((r) => [
            formatInstant(r.dueMs, tz),
            recipientsLabel(r.to, roster),
            r.summary,
            r.number ? String(r.number) : '—',
          ]),
          'À venir (heure de Paris)',
        ),
      );
      if (next.length > UPCOMING_SHOWN)
        blocks.push(
          text(`… et d'autres rappels plus lointains (seuls les ${UPCOMING_SHOWN} prochains sont affichés).`),
        );
    } else {
      blocks.push(text('Aucun rappel à venir.'));
    }
    const problems = [...(await scheduler.problems())].reverse().slice(0, PROBLEMS_SHOWN);
    if (problems.length) {
      blocks.push(
        list(
          problems.map(
            (p) =>
              `${formatInstant(Date.parse(p.due), tz)} — ${p.summary} (pour ${recipientsPhrase(p.to, roster)}) : ${PROBLEM_LABEL[p.status]} — ${p.detail} — /rappel renvoyer ${p.id}`,
          ),
          "Manqués ou non remis (les plus récents d'abord)",
        ),
      );
    }
    // One « Renvoyer » button per problem, run as whoever clicks (only the secretariat may).
    const actions = problems.slice(0, RESEND_BUTTONS).map((p) => {
      const command = `/rappel renvoyer ${p.id}`;
      return { id: 'reminder.resend', label: `Renvoyer : ${p.summary}`.slice(0, 70), value: command, command };
    });
    blocks.push(
      text(
        `Un rappel manqué de moins de ${ctx.config.reminders.graceHours} h (bot arrêté) part au redémarrage avec la mention « (envoi différé) » ; au-delà, il est noté manqué ici. Le N° sert à /rappel supprimer.`,
      ),
    );
    return reply('Rappels', blocks, {
      tone: problems.length ? 'warning' : 'info',
      ...(actions.length ? { actions } : {}),
    });
  },
});
