/**
 * @module Handing one due reminder to the doors: each recipient through every door, a failing door retried
 * alone with back-off a bounded number of times; late reminders say why they are late.
 */
import { text, type Outgoing, type Recipient, type Reply } from '../reply.ts';
import type { DueItem } from './due.ts';
import { formatInstant } from './labels.ts';
import type { DoorReport, SendFn } from './model.ts';

export interface DeliveryDeps {
  /** Never throws (see `safeSender`). */
  readonly send: SendFn;
  readonly sleep: (ms: number) => Promise<void>;
  /** One wait per retry: [1000, 4000] makes three tries. */
  readonly retryDelays: readonly number[];
  readonly label: (to: Recipient) => string;
  readonly timeZone: string;
}

/** Which recipients at least one door reached, and which none did: what a convocation's sending records. */
interface Reach {
  readonly reached?: readonly Recipient[];
  readonly unreached?: readonly Recipient[];
}

export type DeliveryOutcome =
  | ({ readonly status: 'sent'; readonly delivered: readonly string[] } & Reach)
  | ({
      readonly status: 'failed' | 'undelivered';
      readonly delivered: readonly string[];
      readonly detail: string;
    } & Reach);

/** A send function that reports a thrown error as a failure of every door ('*'). */
export function safeSender(send: SendFn): SendFn {
  return async (message, onlyDoors) => {
    try {
      return await send(message, onlyDoors);
    } catch (e) {
      return [{ door: '*', outcome: 'failed', error: e instanceof Error ? e.message : String(e) }];
    }
  };
}

/** The message with "(envoi différé)" (the bot was down) or "(mise à jour)" (the reminder appeared late). */
export function lateReply(item: DueItem, now: Date, timeZone: string): Reply {
  const { message, dueMs } = item.reminder;
  if (item.updated) {
    return {
      ...message,
      title: `${message.title} (mise à jour)`,
      blocks: [
        ...message.blocks,
        text(
          `Envoi tardif : ce rappel, prévu le ${formatInstant(dueMs, timeZone)}, a été créé ou modifié après cette heure (séance planifiée ou déplacée).`,
        ),
      ],
    };
  }
  return {
    ...message,
    title: `${message.title} (envoi différé)`,
    blocks: [
      ...message.blocks,
      text(
        `Envoi différé : prévu le ${formatInstant(dueMs, timeZone)}, envoyé le ${formatInstant(now.getTime(), timeZone)} (le bot était indisponible à l'heure prévue).`,
      ),
    ],
  };
}

export async function deliverWithRetry(item: DueItem, now: Date, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const r = item.reminder;
  const message = item.deferred || item.updated ? lateReply(item, now, deps.timeZone) : r.message;
  const delivered = new Set<string>();
  const failures: string[] = [];
  const unreachable: string[] = [];
  const reached: Recipient[] = [];
  const unreached: Recipient[] = [];
  for (const to of r.to) {
    const outgoing: Outgoing = { to, reply: message };
    const reports = await deps.send(outgoing);
    const ok = new Set(reports.filter((d) => d.outcome === 'delivered').map((d) => d.door));
    let failing: readonly DoorReport[] = reports.filter((d) => d.outcome === 'failed');
    let tries = 1;
    for (const delay of deps.retryDelays) {
      if (failing.length === 0) break;
      await deps.sleep(delay);
      tries++;
      const names = failing.map((f) => f.door);
      const again = await deps.send(outgoing, names.includes('*') ? undefined : names);
      for (const d of again) if (d.outcome === 'delivered') ok.add(d.door);
      failing = again.filter((d) => d.outcome === 'failed');
    }
    ok.forEach((d) => delivered.add(d));
    (ok.size ? reached : unreached).push(to);
    if (failing.length) {
      failures.push(
        `pour ${deps.label(to)}, ${failing.map((f) => `${f.door === '*' ? 'envoi' : f.door} : ${f.error ?? 'erreur'}`).join(' ; ')} (${tries} tentatives)`,
      );
    } else if (ok.size === 0) {
      unreachable.push(deps.label(to));
    }
  }
  const reach = { reached, unreached };
  // Best effort (direct-message copies): sent when anyone was reached; who was not is in `unreached`.
  if (r.bestEffort && reached.length) return { status: 'sent', delivered: [...delivered], ...reach };
  if (failures.length)
    return { status: 'failed', delivered: [...delivered], detail: `échec de remise ${failures.join(' ; ')}`, ...reach };
  if (unreachable.length)
    return {
      status: 'undelivered',
      delivered: [...delivered],
      detail: `aucune porte en service ne peut joindre : ${unreachable.join(', ')}`,
      ...reach,
    };
  return { status: 'sent', delivered: [...delivered], ...reach };
}
