/** @module French labels for reminders: recipients ("délégués", "Mme ROY") and instants in the body's zone. */
import { delegateName } from '../config.ts';
import type { Delegate } from '../model.ts';
import type { Recipient } from '../reply.ts';
import { formatDateTime, toZoned } from '../text/dates.ts';

export function recipientLabel(to: Recipient, roster: readonly Delegate[]): string {
  if (to.kind === 'secretariat') return 'secrétariat';
  if (to.kind === 'delegates') return 'délégués';
  const d = roster.find((x) => x.id === to.id);
  return d ? delegateName(d) : to.id;
}

/** For a sentence: "les délégués", "le secrétariat", "Mme ROY". */
export function recipientPhrase(to: Recipient, roster: readonly Delegate[]): string {
  if (to.kind === 'secretariat') return 'le secrétariat';
  if (to.kind === 'delegates') return 'les délégués';
  return recipientLabel(to, roster);
}

export function recipientsPhrase(to: readonly Recipient[], roster: readonly Delegate[]): string {
  const parts = to.map((r) => recipientPhrase(r, roster));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}` : parts.join('');
}

export function recipientsLabel(to: readonly Recipient[], roster: readonly Delegate[]): string {
  return to.map((r) => recipientLabel(r, roster)).join(', ');
}

/** An instant as Paris (or the body's zone) wall time: "jeudi 19 novembre 2026 à 9 h". */
export function formatInstant(ms: number, timeZone: string): string {
  const z = toZoned(new Date(ms), timeZone);
  return formatDateTime(z.date, z.time);
}

/** "excusé" / "excusée": agreement with the delegate's civility. */
export function agree(d: Pick<Delegate, 'civility'>, masculine: string): string {
  return d.civility === 'Mme' ? `${masculine}e` : masculine;
}
