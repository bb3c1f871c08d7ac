/** @module Buttons ↔ command lines: a button's custom_id carries the action's command, or a short key to it when too long. */
import { createHash } from 'node:crypto';
import type { Action } from '../../core/reply.ts';
import type { Store } from '../../core/ports.ts';
import { DISCORD_LIMITS } from './limits.ts';

/** `act:` + the command line itself. */
export const DIRECT_PREFIX = 'act:';
/** `act#` + a hash of a command line too long for a custom_id; the line is kept in the store. */
export const KEYED_PREFIX = 'act#';
const storeKey = (key: string) => `discord:action:${key}`;

export function actionCustomId(action: Pick<Action, 'command'>): string {
  const direct = `${DIRECT_PREFIX}${action.command}`;
  if (direct.length <= DISCORD_LIMITS.customId) return direct;
  return `${KEYED_PREFIX}${createHash('sha256').update(action.command).digest('base64url').slice(0, 24)}`;
}

/** Keeps the command lines of long actions, so a click after a restart still finds them. */
export async function rememberActions(store: Store, actions: readonly Action[] | undefined): Promise<void> {
  for (const a of actions ?? []) {
    const id = actionCustomId(a);
    if (id.startsWith(KEYED_PREFIX)) await store.set(storeKey(id.slice(KEYED_PREFIX.length)), a.command);
  }
}

/** The command line a button stands for; undefined for a custom_id this door did not make or has forgotten. */
export async function commandForCustomId(store: Store, customId: string): Promise<string | undefined> {
  if (customId.startsWith(DIRECT_PREFIX)) return customId.slice(DIRECT_PREFIX.length);
  if (customId.startsWith(KEYED_PREFIX)) return store.get<string>(storeKey(customId.slice(KEYED_PREFIX.length)));
  return undefined;
}
