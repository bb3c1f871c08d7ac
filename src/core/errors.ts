/**
 * @module Errors a user can cause are values with a stable dotted code and a French message; only bugs
 * throw. `UserError` lets deep helpers stop a command early; dispatch turns it into an error reply.
 */
import { reply, text, type Block, type Reply } from './reply.ts';
import { refusal } from './text/refusal.ts';

/**
 * Every code a user error may carry: a closed list, so that a door, a test or a log filter can rely on it.
 * A new kind of user error adds its code here (dotted: `domain.what`).
 */
export const ERROR_CODES = [
  'access.denied',
  'action.stale',
  'access.unmapped',
  'agenda.no-item',
  'agenda.past',
  'answer.no-remote',
  'answer.not-delegate',
  'answer.not-in-office',
  'answer.same',
  'args.invalid',
  'calendar.unmapped',
  'calendar.no-public-url',
  'attendance.no-substitute',
  'attendance.no-substitutes',
  'attendance.not-in-office',
  'attendance.not-yours',
  'attendance.remote-not-allowed',
  'command.empty',
  'command.subcommand',
  'command.too-long',
  'command.unknown',
  'convocation.after',
  'convocation.future',
  'convocation.none',
  'convocation.sent',
  'journal.page',
  'member.unknown',
  'live.already-open',
  'live.already-withdrawn',
  'live.closed',
  'live.item',
  'live.not-open',
  'live.not-present',
  'live.not-today',
  'live.quorum',
  'live.time',
  'name.ambiguous',
  'name.me',
  'name.unknown',
  'proxy.already-confirmed',
  'proxy.chain',
  'proxy.giver-already-gave',
  'proxy.giver-present',
  'proxy.holder-absent',
  'proxy.holder-already-holds',
  'proxy.no-holder',
  'proxy.not-found',
  'proxy.not-in-office',
  'proxy.not-pending',
  'proxy.not-yours',
  'proxy.self',
  'proxy.stale',
  'publish.cancelled',
  'publish.future',
  'publish.not-closed',
  'publish.minutes-already',
  'quote.no-price',
  'quote.no-tariff',
  'quote.not-yet',
  'quote.seat-limit',
  'quote.seats',
  'reminder.past',
  'reminder.unknown',
  'reminders.unavailable',
  'service.ambiguous',
  'service.unknown',
  'session.cancelled',
  'session.closed',
  'session.exists',
  'session.none',
  'session.none-upcoming',
  'session.not-cancelled',
  'session.not-closed',
  'session.not-in-office',
  'session.open',
  'session.past',
  'session.rectifying',
  'session.unknown',
  'store.failed',
  'vote.ballot-closed',
  'vote.ballot-open',
  'vote.denied',
  'vote.named-twice',
  'vote.no-attendance',
  'vote.no-item',
  'vote.no-quorum',
  'vote.not-delegate',
  'vote.not-deliberation',
  'vote.not-open',
  'vote.not-voting',
  'vote.secret-names',
  'vote.syntax',
  'vote.tie-president',
  'vote.too-many',
  'vote.withdrawn',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Block[] = [],
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function fail(code: ErrorCode, message: string, details: Block[] = [], rule?: string): never {
  throw new UserError(code, message, details, rule);
}

/** A refusal titled with what was refused and why (« Pouvoir refusé : M. ROY détient déjà un pouvoir »), the rest below. */
export function errorReply(err: UserError, session?: string): Reply {
  const { title, body } = refusal(err.code, err.message);
  return reply(title, [...(body ? [text(body)] : []), ...err.details], {
    tone: 'error',
    visibility: 'ephemeral',
    rule: err.rule,
    session,
  });
}

/** What a door answers to a bug: short, French, no detail (the log keeps it). */
export function bugReply(): Reply {
  return reply(
    'Erreur interne',
    [text('Désolé, une erreur inattendue est survenue. Le secrétariat peut consulter le journal technique.')],
    {
      tone: 'error',
      visibility: 'ephemeral',
    },
  );
}
