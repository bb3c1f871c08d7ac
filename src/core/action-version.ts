/**
 * @module Versions on buttons: a button that decides something carries the version of what it decides, so a
 * stale click (an old copy of the message, a captured click sent again) cannot decide a later request.
 *
 * Generic, in the dispatcher: a command declares `decides(args, ctx)`, the state its run decides (a session's
 * planning, a delegate's attendance, a reminder's problem…). Every `Action` whose command line names such a
 * command is stamped, when the reply leaves the dispatcher (and when the bot delivers a message it starts), with
 * ` version:<hash of that state>`; when the line comes back with its version, the dispatcher computes the state
 * again and refuses the click if it changed (`action.stale`) before the command runs. Typed commands carry no
 * version and are never refused. A new button needs nothing more than its command's `decides`.
 */
import { UserError } from './errors.ts';
import type { Action } from './reply.ts';

const TOKEN = 'version:';
const TRAILING = /\s+version:([0-9a-z]+)\s*$/;

/** A short fingerprint of a JSON-able state (FNV-1a, 32 bits): enough to tell « changed since the button ». */
export function stateVersion(state: unknown): string {
  const s = JSON.stringify(state) ?? 'undefined';
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The line without its trailing ` version:<v>`, and that version (undefined: a typed line). */
export function splitVersion(line: string): { line: string; version?: string } {
  const m = TRAILING.exec(line);
  return m ? { line: line.slice(0, m.index), version: m[1] } : { line };
}

export const hasVersion = (line: string): boolean => TRAILING.test(line);

/** The action with ` version:<v>` appended to the line it runs (and to its value when that is the line). */
export function withVersion(action: Action, version: string): Action {
  const command = `${action.command} ${TOKEN}${version}`;
  const value =
    action.value === action.command
      ? command
      : action.value.startsWith('/') && !hasVersion(action.value)
        ? `${action.value} ${TOKEN}${version}`
        : action.value;
  return { ...action, command, value };
}

export function staleAction(): UserError {
  return new UserError(
    'action.stale',
    "Ce bouton date d'avant un changement de ce qu'il décide : la demande a changé depuis son envoi. Rien n'a été modifié. Relancez la commande pour voir l'état actuel et décider sur le message le plus récent.",
  );
}

/** The line a button runs, without its version (what a person would type). */
export const withoutVersion = (line: string): string => splitVersion(line).line;
