/**
 * @module What delivering a due reminder reports, a sender that never throws, and the wording of a late
 * reminder. The delivery itself (claimed, per door, retried until the grace period ends) is the outbox's.
 */
import { text, type Recipient, type Reply } from '../reply.ts';
import type { DueItem } from './due.ts';
import { formatInstant } from './labels.ts';
import type { SendFn } from './model.ts';

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
