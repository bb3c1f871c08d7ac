/**
 * @module Every session the bot knows: the config's and those planned from chat, with chat changes applied.
 * One home for the command context, the reminder scheduler and the public page alike.
 */
import type { Config } from '../config.ts';
import type { Session } from '../model.ts';
import type { Records } from '../records.ts';

/** Config sessions and chat-planned ones, with chat changes (moves, cancellations) and agenda additions applied. */
export async function allSessions(config: Config, records: Records): Promise<Session[]> {
  const [planned, changes] = await Promise.all([records.plannedSessions(), records.sessionChanges()]);
  const merged = [...config.sessions, ...planned]
    .map((s) => {
      const c = changes[s.id];
      if (!c) return s;
      const { agendaBase: _base, ...change } = c;
      return { ...s, ...change };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
  return Promise.all(
    merged.map(async (s) => {
      // An edited agenda (/odj retirer, /odj modifier) already holds the first `agendaBase` additions.
      const extra = (await records.agendaAdditions(s.id)).slice(changes[s.id]?.agendaBase ?? 0);
      return extra.length ? { ...s, agenda: [...s.agenda, ...extra] } : s;
    }),
  );
}
