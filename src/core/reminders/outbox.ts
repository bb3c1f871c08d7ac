/**
 * @module One attempt at delivering a reminder from the durable outbox: per recipient, per door, skipping what
 * was already delivered; each door's answer is saved as soon as it comes, so a process killed mid-delivery
 * leaves a record that a retry reads to re-send only to the doors that did not get the message.
 */
import type { Outgoing } from '../reply.ts';
import type { DoorReport, OutboxEntry, SendFn } from './model.ts';

/** Waits between attempts across ticks (after the in-tick retries): the last one repeats until the grace ends. */
export const OUTBOX_BACKOFF_MS: readonly number[] = [60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000];

export function backoffAfter(attempts: number): number {
  return OUTBOX_BACKOFF_MS[Math.min(Math.max(attempts - 1, 0), OUTBOX_BACKOFF_MS.length - 1)]!;
}

export interface AttemptDeps {
  /** Never throws (see `safeSender`). */
  readonly send: SendFn;
  readonly sleep: (ms: number) => Promise<void>;
  /** In-attempt retries of a failing door: [1000, 4000] makes three tries. */
  readonly retryDelays: readonly number[];
  /** The doors this process runs, when known: each is sent to (and recorded) alone. */
  readonly doorNames?: () => readonly string[];
  /** Saves the entry (called after every door's answer). */
  readonly save: (entry: OutboxEntry) => Promise<void>;
  /** Stable per reminder version, handed to the doors with the recipient's index (platform de-duplication). */
  readonly key: string;
  /** Called before each send (renews the claim). */
  readonly beforeSend?: () => Promise<void>;
}

export interface AttemptResult {
  readonly entry: OutboxEntry;
  /** Failing doors, with their last error and tries, by recipient index. */
  readonly errors: readonly {
    readonly recipient: number;
    readonly door: string;
    readonly error: string;
    readonly tries: number;
  }[];
}

const doorOf = (key: string) => key.slice(key.indexOf(':') + 1);
const forRecipient = (keys: readonly string[], i: number) => keys.filter((k) => k.startsWith(`${i}:`)).map(doorOf);

export async function attemptDelivery(start: OutboxEntry, deps: AttemptDeps): Promise<AttemptResult> {
  let entry: OutboxEntry = { ...start, attempts: start.attempts + 1 };
  const errors: AttemptResult['errors'][number][] = [];
  const save = async (next: OutboxEntry) => {
    entry = next;
    await deps.save(entry);
  };
  await save(entry);
  for (const [i, to] of entry.to.entries()) {
    if (entry.settled.includes(i)) continue;
    const failingBefore = forRecipient(entry.failing, i);
    const done = new Set([...forRecipient(entry.done, i), ...forRecipient(entry.unreachable, i)]);
    // Which doors to try: those that failed before; else every door not done (one at a time when the names are known).
    const batches: (readonly string[] | undefined)[] = failingBefore.length
      ? failingBefore.map((d) => [d])
      : deps.doorNames
        ? deps
            .doorNames()
            .filter((d) => !done.has(d))
            .map((d) => [d])
        : [undefined];
    const failingNow: string[] = [];
    for (const batch of batches) {
      let reports: readonly DoorReport[] = [];
      let tries = 0;
      let only = batch?.includes('*') ? undefined : batch;
      for (let t = 0; t <= deps.retryDelays.length; t++) {
        if (t > 0) await deps.sleep(deps.retryDelays[t - 1]!);
        // Any earlier try (this attempt, a failed one, or one cut short by a crash) may have reached the platform.
        const outgoing: Outgoing = {
          to,
          reply: entry.message,
          key: `${deps.key}:${i}`,
          recheck: t > 0 || start.attempts > 0,
        };
        await deps.beforeSend?.();
        tries++;
        reports = await deps.send(outgoing, only);
        const ok = reports.filter((r) => r.outcome !== 'failed');
        if (ok.length) {
          await save({
            ...entry,
            done: [...entry.done, ...ok.filter((r) => r.outcome === 'delivered').map((r) => `${i}:${r.door}`)],
            unreachable: [
              ...entry.unreachable,
              ...ok.filter((r) => r.outcome === 'unreachable').map((r) => `${i}:${r.door}`),
            ],
          });
        }
        const failing = reports.filter((r) => r.outcome === 'failed');
        if (!failing.length) break;
        only = failing.some((f) => f.door === '*') ? only : failing.map((f) => f.door);
        if (t === deps.retryDelays.length) {
          for (const f of failing) {
            failingNow.push(f.door);
            errors.push({ recipient: i, door: f.door, error: f.error ?? 'erreur', tries });
          }
        }
      }
    }
    await save({
      ...entry,
      failing: [...entry.failing.filter((k) => !k.startsWith(`${i}:`)), ...failingNow.map((d) => `${i}:${d}`)],
      settled: failingNow.length ? entry.settled : [...entry.settled, i],
    });
  }
  return { entry, errors };
}

/** Recipients (indexes) that no door reached, once nothing is failing any more. */
export function unreached(entry: OutboxEntry): number[] {
  return entry.to.map((_, i) => i).filter((i) => forRecipient(entry.done, i).length === 0);
}
