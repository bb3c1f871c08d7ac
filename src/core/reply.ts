/**
 * @module The platform-neutral reply every command returns. Doors render it (text, Block Kit, embeds);
 * nothing here knows a platform. Strings are plain text: each door escapes them for its own markup.
 */

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface Field {
  readonly label: string;
  readonly value: string;
}

/** How a paragraph is set: in bold (`strong`), in italics (`emphasis`), or both (a vote's result). */
export interface TextStyle {
  readonly strong?: boolean;
  readonly emphasis?: boolean;
}

export type Block =
  | ({ readonly type: 'text'; readonly text: string } & TextStyle)
  /** A heading of a long document (the minutes): 1 the body, 2 the document, 3 a part of it. */
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly type: 'fields'; readonly fields: readonly Field[] }
  | {
      readonly type: 'table';
      readonly title?: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly type: 'list'; readonly title?: string; readonly items: readonly string[]; readonly ordered?: boolean }
  /** Preformatted text to copy as is. */
  | { readonly type: 'code'; readonly text: string; readonly language?: string };

export interface Action {
  /** Stable id a door sends back when the button is pressed, e.g. "proxy.confirm". */
  readonly id: string;
  readonly label: string;
  /** What the action applies to, e.g. "2024-10-07|roy". */
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  /** The same action as a command line, for doors without buttons (console, text fallback). */
  readonly command: string;
}

export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  /** Text as is, or a binary file (a .docx) in base64 when `encoding` says so. */
  readonly content: string;
  /** How `content` is written; default utf8. Doors decode with `Buffer.from(content, encoding)`. */
  readonly encoding?: 'utf8' | 'base64';
}

export interface Reply {
  readonly tone: Tone;
  readonly title: string;
  readonly blocks: readonly Block[];
  /** Context line: the session the reply is about ("Comité syndical du lundi 7 octobre 2024"). */
  readonly session?: string;
  /** Context line: the rule applied, with its source. */
  readonly rule?: string;
  readonly actions?: readonly Action[];
  readonly attachments?: readonly Attachment[];
  /** Ephemeral: only the asker sees it (errors, personal answers). */
  readonly visibility: 'public' | 'ephemeral';
  /** Messages the doors deliver elsewhere as a consequence (a proxy request to the secretariat...). */
  readonly outbox?: readonly Outgoing[];
  /**
   * This message asks about a pending request, named by a stable key (`proxy:2026-12-15:roy`: session id and
   * giver id). A door that posts it remembers where, so that it can show the outcome once the request is settled.
   */
  readonly opens?: string;
  /**
   * This reply settles the pending request `key` (confirmed, refused, withdrawn): every door updates the messages
   * that opened it with `outcome` (« Confirmé par Secrétariat de Somme Numérique ») and removes their buttons.
   * Settling a key no door remembers (already settled, never posted) does nothing.
   */
  readonly closes?: { readonly key: string; readonly outcome: string };
  /**
   * Messages posted for a key (ones that `opens` it: the live message of a session, a ballot) now show their new
   * `reply`: every door that posted one edits it in place (Slack chat.update, Discord edit; the console prints it
   * again) and keeps remembering it. Updating a key no door remembers does nothing.
   */
  readonly updates?: readonly MessageUpdate[];
}

/** A message posted for `key` now shows `reply`. */
export interface MessageUpdate {
  readonly key: string;
  readonly reply: Reply;
}

export type Recipient =
  | { readonly kind: 'secretariat' }
  | { readonly kind: 'delegates' }
  | { readonly kind: 'delegate'; readonly id: string };

export interface Outgoing {
  readonly to: Recipient;
  readonly reply: Reply;
  /**
   * Stable for one message to one recipient (a reminder: id, version, recipient): a door that can hand it to
   * its platform does (Discord message nonce, Slack message metadata), so a retry is not shown twice.
   */
  readonly key?: string;
  /** A previous try may have reached the platform (it failed ambiguously, or the process died): check first. */
  readonly recheck?: boolean;
}

export function reply(title: string, blocks: Block[], extra: Partial<Omit<Reply, 'title' | 'blocks'>> = {}): Reply {
  return { tone: 'info', visibility: 'public', ...extra, title, blocks };
}

export const text = (t: string): Block => ({ type: 'text', text: t });
export const heading = (level: 1 | 2 | 3, t: string): Block => ({ type: 'heading', level, text: t });
export const fields = (f: Field[]): Block => ({ type: 'fields', fields: f });
export const list = (items: string[], title?: string, ordered = false): Block => ({
  type: 'list',
  items,
  title,
  ordered,
});
export const table = (columns: string[], rows: string[][], title?: string): Block => ({
  type: 'table',
  columns,
  rows,
  title,
});
