/**
 * @module Errors a user can cause are values with a stable dotted code and a French message; only bugs
 * throw. `UserError` lets deep helpers stop a command early; dispatch turns it into an error reply.
 */
import { reply, text, type Block, type Reply } from './reply.ts';

export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Block[] = [],
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function fail(code: string, message: string, details: Block[] = [], rule?: string): never {
  throw new UserError(code, message, details, rule);
}

export function errorReply(err: UserError, session?: string): Reply {
  return reply('Impossible', [text(err.message), ...err.details], {
    tone: 'error',
    visibility: 'ephemeral',
    rule: err.rule,
    session,
  });
}

/** What a door answers to a bug: short, French, no detail (the log keeps it). */
export function bugReply(): Reply {
  return reply('Erreur interne', [text('Désolé, une erreur inattendue est survenue. Le secrétariat peut consulter le journal technique.')], {
    tone: 'error',
    visibility: 'ephemeral',
  });
}
