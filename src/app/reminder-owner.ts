/**
 * @module Which processes send reminders (issue 17): only those that own the chat doors. A console opened
 * beside a running server (same store, a config with Slack or Discord channels, but no chat door in this
 * process) shows what is due (/rappels) but never takes it, or the reminder would reach that terminal only.
 * A console alone (no chat door in the environment nor in the config) sends to itself.
 */
import type { Config } from '../core/config.ts';
import { directoryOf } from './accounts.ts';
import type { DoorSettings } from './settings.ts';

export interface ReminderOwnership {
  readonly sends: boolean;
  /** Why, for the log and the console's first line. */
  readonly reason: 'chat-doors' | 'console-alone' | 'chat-doors-elsewhere';
}

/** True when the config names Slack or Discord channels: a server with those doors is expected to run. */
export function configHasChatDoors(config: Config): boolean {
  const channels = directoryOf(config).channels;
  return Boolean(channels.slack || channels.discord);
}

export function reminderOwnership(plan: Pick<DoorSettings, 'slack' | 'discord'>, config: Config): ReminderOwnership {
  if (plan.slack || plan.discord) return { sends: true, reason: 'chat-doors' };
  if (!configHasChatDoors(config)) return { sends: true, reason: 'console-alone' };
  return { sends: false, reason: 'chat-doors-elsewhere' };
}

/** The console's notice when it leaves the reminders to the server. */
export const REMINDERS_ELSEWHERE =
  'Rappels : la configuration déclare Slack ou Discord ; ils sont envoyés par le bot qui tourne avec ces portes, pas par cette console (/rappels les montre).';
