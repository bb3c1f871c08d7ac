/**
 * @module The per-delegate fields of a session record (attendance, proxies, answers) grow with the roster:
 * at 50,000 delegates they are megabytes of JSON. They are stored as a journal of changes (`fields:<id>`),
 * appended in the same compare-and-set as the record's small value, so that a change writes what it changes:
 * - `fieldChanges` diffs the fields before and after a change into one entry (nothing when they are the same):
 *   the delegates whose attendance or answer changed, and the run of proxies that changed, by position;
 * - `foldFields` applies entries to fields, in order; `allFields` is the entry that replaces them whole (the
 *   first write of a record stored in the old shape, with its fields inline).
 */
import type { AttendanceStatus, ConvocationAnswer, Proxy, SessionRecord } from './model.ts';

export type RecordFields = Pick<SessionRecord, 'attendance' | 'proxies' | 'answers'>;

export interface ProxySplice {
  readonly at: number;
  readonly remove: number;
  readonly add: readonly Proxy[];
}

/** One write's changes to the fields. */
export interface FieldChanges {
  /** The store version of the record this write produced: a reader folds only what its value has seen. */
  readonly v: number;
  /** The fields as a whole, replacing what was before (applied first). */
  readonly all?: RecordFields;
  /** Per delegate id: the new status, or null when it was removed. */
  readonly attendance?: Readonly<Record<string, AttendanceStatus | null>>;
  readonly answers?: Readonly<Record<string, ConvocationAnswer | null>>;
  /** The proxies that changed, by position: `remove` proxies from index `at` replaced by `add`. */
  readonly proxies?: ProxySplice;
}

export const noFields: RecordFields = { attendance: {}, proxies: [] };

const fieldsOf = (r: RecordFields): RecordFields => ({
  attendance: r.attendance,
  proxies: r.proxies,
  ...(r.answers ? { answers: r.answers } : {}),
});

export const allFields = (r: RecordFields, v: number): FieldChanges => ({ v, all: fieldsOf(r) });

type Patch<V> = Record<string, V | null>;

function diffMap<V>(
  before: Readonly<Record<string, V>> | undefined,
  after: Readonly<Record<string, V>> | undefined,
): Patch<V> | undefined {
  if (before === after) return undefined;
  const b = before ?? {};
  const a = after ?? {};
  const patch: Patch<V> = {};
  let changed = false;
  for (const k in a)
    if (!Object.hasOwn(b, k) || a[k] !== b[k]) {
      patch[k] = a[k] ?? null; // a key set to undefined reads as removed
      changed = true;
    }
  for (const k in b)
    if (!Object.hasOwn(a, k)) {
      patch[k] = null;
      changed = true;
    }
  return changed ? patch : undefined;
}

/**
 * The one run of proxies that differs (by reference) between the lists: commands append, remove or replace
 * one proxy and keep the others' objects, so the common head and tail are found without a key lookup.
 */
function diffProxies(before: readonly Proxy[], after: readonly Proxy[]): ProxySplice | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const remove = before.length - head - tail;
  const add = after.slice(head, after.length - tail);
  return remove || add.length ? { at: head, remove, add } : undefined;
}

/** The entry a write appends for these fields, or undefined when the change left them as they were. */
export function fieldChanges(before: RecordFields, after: RecordFields, v: number): FieldChanges | undefined {
  const attendance = diffMap(before.attendance, after.attendance);
  const answers = diffMap(before.answers, after.answers);
  const proxies = diffProxies(before.proxies, after.proxies);
  if (!attendance && !answers && !proxies) return undefined;
  return { v, ...(attendance ? { attendance } : {}), ...(answers ? { answers } : {}), ...(proxies ? { proxies } : {}) };
}

function foldProxies(base: readonly Proxy[], splices: readonly (ProxySplice | undefined)[]): readonly Proxy[] {
  let out: Proxy[] | undefined;
  for (const s of splices) {
    if (!s) continue;
    out ??= [...base];
    // A spread of many arguments could overflow the stack: a long run is spliced by copying.
    if (s.add.length > 1_000) out = [...out.slice(0, s.at), ...s.add, ...out.slice(s.at + s.remove)];
    else out.splice(s.at, s.remove, ...s.add);
  }
  return out ?? base;
}

function foldMap<V>(
  base: Readonly<Record<string, V>> | undefined,
  patches: readonly (Patch<V> | undefined)[],
): Record<string, V> | undefined {
  let out: Record<string, V> | undefined;
  for (const patch of patches) {
    if (!patch) continue;
    out ??= { ...base };
    for (const k in patch) {
      const value = patch[k];
      if (value === null) delete out[k];
      else out[k] = value!;
    }
  }
  return out ?? (base as Record<string, V> | undefined);
}

/** `base` with `entries` applied in order; untouched fields keep their object. */
export function foldFields(base: RecordFields, entries: readonly FieldChanges[]): RecordFields {
  if (!entries.length) return base;
  let last = entries.length - 1;
  while (last >= 0 && !entries[last]!.all) last--;
  const start = last >= 0 ? fieldsOf(entries[last]!.all!) : base;
  const rest = last >= 0 ? entries.slice(last + 1) : entries;
  if (!rest.length) return start;
  const answers = foldMap(
    start.answers,
    rest.map((e) => e.answers),
  );
  return {
    attendance: foldMap(
      start.attendance,
      rest.map((e) => e.attendance),
    )!,
    proxies: foldProxies(
      start.proxies,
      rest.map((e) => e.proxies),
    ),
    ...(answers ? { answers } : {}),
  };
}
