/**
 * @module Exactly one replica answers: every process logged in with the bot's token receives every
 * interaction and every DM from the gateway (Discord does not split them between sessions of one shard).
 * Each one is claimed in the shared Store by its id before it is handled; the process that loses the claim
 * stays silent. One store round trip per event (bench/NOTES.md « Discord claim »); the alternative, Discord's
 * HTTP interactions endpoint behind the load balancer, would still leave DMs on the gateway (see README).
 */
import { randomUUID } from 'node:crypto';
import type { Logger, Store } from '../../core/ports.ts';

/**
 * Longer than any redelivery: ids never repeat, and a gateway RESUME replays only the events a session
 * missed in the last minutes. An interaction token itself dies after 15 minutes.
 */
export const DISCORD_CLAIM_TTL_MS = 60 * 60_000;

export type DiscordEventKind = 'interaction' | 'message';

/**
 * True when this process is the one to handle the event. A store that cannot be reached does not silence
 * the bot: the event is handled (the command then answers the store's failure in French), and at worst two
 * replicas answer the same error.
 */
export async function claimDiscordEvent(
  store: Store,
  kind: DiscordEventKind,
  id: string,
  log: Logger,
): Promise<boolean> {
  try {
    // A fresh owner per event: a second arrival in this same process (a replayed dispatch) is dropped too.
    const mine = await store.claim(`discord:${kind}:${id}`, randomUUID(), DISCORD_CLAIM_TTL_MS);
    if (!mine) log.info('discord: handled by another replica, skipped', { kind, id });
    return mine;
  } catch (e) {
    log.warn('discord: could not claim the event; handling it here', {
      kind,
      id,
      error: e instanceof Error ? e.message : String(e),
    });
    return true;
  }
}
