/**
 * @module Which processes send reminders (issue 17): only those that own the chat doors. A console opened
 * beside a running server (same store, a config with Slack or Discord channels, but no chat door in this
 * process) shows what is due (/rappels) but never takes it, or the reminder would reach that terminal only.
 * A console alone (no chat door in the environment nor in the config) sends to itself. SEANCE_RAPPELS says
 * otherwise explicitly: `console` (this process sends them, e.g. a console used alone with the sample config),
 * `non` (never from this process).
 */
import type { Config } from '../core/config.ts';
import { directoryOf } from './accounts.ts';
import type { DoorSettings } from './settings.ts';

export interface ReminderOwnership {
  readonly sends: boolean;
  /** Why, for the log and the console's first line. */
  readonly reason: 'chat-doors' | 'console-alone' | 'chat-doors-elsewhere' | 'asked' | 'refused';
}

/** True when the config names Slack or Discord channels: a server with those doors is expected to run. */
export function configHasChatDoors(config: Config): boolean {
  const channels = directoryOf(config).channels;
  return Boolean(channels.slack || channels.discord);
}

/** `config`: the body, or every body of the deployment (one with chat doors is enough). */
export function reminderOwnership(
  plan: Pick<DoorSettings, 'slack' | 'discord' | 'reminders'>,
  config: Config | readonly Config[],
): ReminderOwnership {
  if (plan.reminders === 'console') return { sends: true, reason: 'asked' };
  if (plan.reminders === 'non') return { sends: false, reason: 'refused' };
  if (plan.slack || plan.discord) return { sends: true, reason: 'chat-doors' };
  const configs: readonly Config[] = Array.isArray(config) ? config : [config as Config];
  if (!configs.some(configHasChatDoors)) return { sends: true, reason: 'console-alone' };
  return { sends: false, reason: 'chat-doors-elsewhere' };
}

/** The console's notice when it leaves the reminders to the server. */
export const REMINDERS_ELSEWHERE =
  'Rappels : la configuration déclare Slack ou Discord ; ils sont envoyés par le bot qui tourne avec ces portes, pas par cette console (/rappels les montre). Pour que cette console les envoie elle-même : SEANCE_RAPPELS=console (ou --rappels).';

/** The console's notice when asked to send them (SEANCE_RAPPELS=console or --rappels). */
export const REMINDERS_HERE =
  "Rappels : SEANCE_RAPPELS=console, cette console envoie elle-même les rappels dus. À ne pas faire à côté du bot Slack ou Discord : un rappel pris ici n'arriverait que dans ce terminal.";

/** The console's notice when SEANCE_RAPPELS=non. */
export const REMINDERS_OFF = "Rappels : SEANCE_RAPPELS=non, ce processus n'envoie aucun rappel (/rappels les montre).";

/** What the console says first about reminders, when it is not the usual case (a console alone sending to itself). */
export function reminderNotice(o: ReminderOwnership): string | undefined {
  switch (o.reason) {
    case 'chat-doors-elsewhere':
      return REMINDERS_ELSEWHERE;
    case 'refused':
      return REMINDERS_OFF;
    case 'asked':
      return REMINDERS_HERE;
    default:
      return undefined;
  }
}
