/**
 * @module Every session the bot knows: the config's and those planned from chat, with chat changes applied.
 * One home for the command context, the reminder scheduler and the public page alike; the work is done by
 * the session index (session-index.ts), which keeps the list and reads agendas as they change.
 */
import type { Config } from '../config.ts';
import type { Session } from '../model.ts';
import type { Records } from '../records.ts';

/** Config sessions and chat-planned ones, with chat changes (moves, cancellations) and agenda changes applied. */
export async function allSessions(_config: Config, records: Records): Promise<Session[]> {
  return records.sessions();
}
