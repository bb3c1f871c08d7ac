/**
 * @module The sessions a body knows (config, planned from chat, moved or cancelled from chat, their agendas),
 * read so that a command costs the same after ten years of sessions as after one:
 * - the sorted list of sessions is kept in memory and checked, on each use, against the append-only log
 *   `sessions:log` (one indexed read: « anything after the last entry I saw? »); every change of the planned
 *   sessions, the moves or an agenda appends to that log in the same transaction as the change itself, so
 *   another process's change is seen by the next command;
 * - a session's agenda (its edit by /odj retirer|modifier and the additions by /odj ajouter) is one
 *   versioned value per session, read only for the session a command resolves, cached until the log names it;
 *   additions and edits are compare-and-set updates, so an edit never loses a concurrent addition.
 * Stores written before the agenda value existed (additions appended to `agenda:<id>`, an edit kept in
 * `sessions:changes` with `agendaBase`) are still read, and move to the new value on the next agenda change.
 */
import type { Config } from '../config.ts';
import type { AgendaItem, Session } from '../model.ts';
import type { Store } from '../ports.ts';

/** What chat may change about a session after it is declared: when, where, who presides, its agenda, or that it will not take place. */
export interface SessionChange {
  readonly date?: string;
  readonly time?: string;
  readonly place?: string;
  readonly cancelled?: boolean;
  /** The dates it was moved from, oldest first. */
  readonly movedFrom?: readonly string[];
  readonly remote?: boolean;
  readonly president?: string;
  readonly secretary?: string;
  /** Stores before `agenda-state`: the whole agenda after an edit (/odj retirer, /odj modifier)... */
  readonly agenda?: readonly AgendaItem[];
  /** ...which already included this many items added by /odj ajouter (later additions follow it). */
  readonly agendaBase?: number;
}

/** A session's agenda as chat changed it: `edited` replaces the declared agenda, `added` follows it. */
export interface AgendaState {
  readonly edited?: readonly AgendaItem[];
  readonly added: readonly AgendaItem[];
}

export const SESSION_KEYS = {
  planned: 'sessions:planned',
  changes: 'sessions:changes',
  /** One entry per change of the above or of an agenda: what tells a process its cached list is stale. */
  log: 'sessions:log',
  agendaState: (sessionId: string) => `agenda-state:${sessionId}`,
  /** Before `agenda-state`: additions appended one by one (a journal), or one array in keyv installs. */
  legacyAgenda: (sessionId: string) => `agenda:${sessionId}`,
} as const;

type LogEntry = { readonly sessions: true } | { readonly agenda: string };

export interface SessionIndex {
  /** Config and chat-planned sessions, with moves and cancellations applied, sorted; agendas as declared. */
  list(): Promise<readonly Session[]>;
  /** The session with its agenda as chat changed it. */
  withAgenda(session: Session): Promise<Session>;
  /** The session `pick` chooses in the list, with its agenda: one check of the log for both (every command). */
  resolve(pick: (list: readonly Session[]) => Session): Promise<Session>;
  /** Every session (from `fromDate` on, when given) with its agenda. */
  sessions(fromDate?: string): Promise<Session[]>;
  plannedSessions(): Promise<readonly Session[]>;
  planSession(session: Session, check: (existing: readonly Session[]) => void): Promise<void>;
  sessionChanges(): Promise<Readonly<Record<string, SessionChange>>>;
  changeSession(
    sessionId: string,
    change: SessionChange,
    check: (changes: Readonly<Record<string, SessionChange>>) => Promise<void> | void,
  ): Promise<void>;
  /** Appends an item; resolves to its number in the session's agenda. */
  addAgendaItem(sessionId: string, item: AgendaItem): Promise<number>;
  /** Replaces the agenda with `edit(current agenda)` (it may throw); retried on the latest agenda on a conflict. */
  editAgenda<T>(
    sessionId: string,
    edit: (items: readonly AgendaItem[]) => { items: AgendaItem[]; result: T },
  ): Promise<T>;
}

interface Cached {
  readonly seq: number;
  readonly list: readonly Session[];
  readonly changes: Readonly<Record<string, SessionChange>>;
}

const bySchedule = (a: Session, b: Session) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : 0;

/** First index whose session's date is >= `date` (the list is sorted by date). */
export function firstFrom(list: readonly Session[], date: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function agendaOf(declared: readonly AgendaItem[], state: AgendaState | undefined): readonly AgendaItem[] {
  if (!state) return declared;
  const base = state.edited ?? declared;
  return state.added.length ? [...base, ...state.added] : base;
}

export function createSessionIndex(store: Store, config: Pick<Config, 'sessions'>): SessionIndex {
  let cached: Cached | undefined;
  let loading: Promise<Cached> | undefined;
  /** Agendas read so far; `legacy` ones depend on `sessions:changes` and are dropped when it is read again. */
  const agendas = new Map<string, { state: AgendaState | undefined; legacy: boolean }>();
  /** Bumped when the log names a session: a read that started before does not fill the cache. */
  const generations = new Map<string, number>();
  const invalidate = (id: string) => {
    agendas.delete(id);
    generations.set(id, (generations.get(id) ?? 0) + 1);
  };

  async function reload(before: Cached | undefined): Promise<Cached> {
    const rows = await store.list<LogEntry>(SESSION_KEYS.log, { after: before?.seq ?? 0 });
    if (before && rows.length === 0) return before;
    const seq = rows.at(-1)?.seq ?? before?.seq ?? 0;
    let index = !before;
    for (const { entry } of rows) {
      if ('agenda' in entry) invalidate(entry.agenda);
      else index = true;
    }
    if (!index) return { ...before!, seq };
    const [planned, changes] = await Promise.all([
      store.get<Session[]>(SESSION_KEYS.planned),
      store.get<Record<string, SessionChange>>(SESSION_KEYS.changes),
    ]);
    for (const [id, a] of agendas) if (a.legacy) invalidate(id);
    const list = [...config.sessions, ...(planned ?? [])]
      .map((s) => {
        const c = changes?.[s.id];
        if (!c) return s;
        const { agendaBase: _base, agenda: _agenda, ...change } = c;
        return { ...s, ...change };
      })
      .sort(bySchedule);
    return { seq, list, changes: changes ?? {} };
  }

  async function current(): Promise<Cached> {
    // Concurrent commands share one check of the log.
    loading ??= reload(cached).then(
      (next) => {
        if (!cached || next.seq >= cached.seq) cached = next;
        loading = undefined;
        return cached;
      },
      (e) => {
        loading = undefined;
        throw e;
      },
    );
    return loading;
  }

  /** The agenda state as stored, or as a store written before `agenda-state` holds it. */
  async function readAgenda(id: string, changes: Readonly<Record<string, SessionChange>>) {
    const state = await store.get<AgendaState>(SESSION_KEYS.agendaState(id));
    if (state) return { state, legacy: false };
    const [array, rows] = await Promise.all([
      store.get<AgendaItem[]>(SESSION_KEYS.legacyAgenda(id)),
      store.list<AgendaItem>(SESSION_KEYS.legacyAgenda(id)),
    ]);
    const added = [...(array ?? []), ...rows.map((r) => r.entry)];
    const c = changes[id];
    if (c?.agenda) return { state: { edited: c.agenda, added: added.slice(c.agendaBase ?? 0) }, legacy: true };
    return { state: added.length ? { added } : undefined, legacy: true };
  }

  async function agendaState(id: string, changes: Readonly<Record<string, SessionChange>>) {
    const hit = agendas.get(id);
    if (hit) return hit.state;
    const generation = generations.get(id) ?? 0;
    const read = await readAgenda(id, changes);
    if ((generations.get(id) ?? 0) === generation) agendas.set(id, read);
    return read.state;
  }

  async function withAgenda(s: Session, changes: Readonly<Record<string, SessionChange>>): Promise<Session> {
    const state = await agendaState(s.id, changes);
    if (!state) return s;
    return { ...s, agenda: agendaOf(s.agenda, state) };
  }

  /** Compare-and-set of a session's agenda state, logged in the same transaction. */
  async function changeAgenda<T>(
    sessionId: string,
    change: (declared: readonly AgendaItem[], state: AgendaState | undefined) => { state: AgendaState; result: T },
  ): Promise<T> {
    const { list, changes } = await current();
    const declared = list.find((s) => s.id === sessionId)?.agenda ?? [];
    let result: T | undefined;
    await store.update<AgendaState>(SESSION_KEYS.agendaState(sessionId), async (stored) => {
      const before = stored ? stored.value : (await readAgenda(sessionId, changes)).state;
      const out = change(declared, before);
      result = out.result;
      return { value: out.state, append: { journal: SESSION_KEYS.log, entries: [{ agenda: sessionId }] } };
    });
    invalidate(sessionId);
    return result!;
  }

  const logged = { journal: SESSION_KEYS.log, entries: [{ sessions: true }] };

  return {
    list: async () => (await current()).list,
    withAgenda: async (s) => withAgenda(s, (await current()).changes),
    async resolve(pick) {
      const { list, changes } = await current();
      return withAgenda(pick(list), changes);
    },
    async sessions(fromDate) {
      const { list, changes } = await current();
      const from = fromDate ? list.slice(firstFrom(list, fromDate)) : list;
      return Promise.all(from.map((s) => withAgenda(s, changes)));
    },
    async plannedSessions() {
      return (await store.get<Session[]>(SESSION_KEYS.planned)) ?? [];
    },
    async planSession(session, check) {
      await store.update<Session[]>(SESSION_KEYS.planned, (current) => {
        const existing = current?.value ?? [];
        check(existing);
        return { value: [...existing, session], append: logged };
      });
    },
    async sessionChanges() {
      return (await store.get<Record<string, SessionChange>>(SESSION_KEYS.changes)) ?? {};
    },
    async changeSession(sessionId, change, check) {
      await store.update<Record<string, SessionChange>>(SESSION_KEYS.changes, async (current) => {
        const all = current?.value ?? {};
        await check(all);
        return { value: { ...all, [sessionId]: { ...all[sessionId], ...change } }, append: logged };
      });
    },
    addAgendaItem: (sessionId, item) =>
      changeAgenda(sessionId, (declared, state) => {
        const added = [...(state?.added ?? []), item];
        const next: AgendaState = state?.edited ? { edited: state.edited, added } : { added };
        return { state: next, result: agendaOf(declared, next).length };
      }),
    editAgenda: (sessionId, edit) =>
      changeAgenda(sessionId, (declared, state) => {
        const { items, result } = edit(agendaOf(declared, state));
        return { state: { edited: items, added: [] }, result };
      }),
  };
}
