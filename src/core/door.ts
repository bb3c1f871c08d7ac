/**
 * @module The door port: what a chat door (console, Slack, Discord...) does for the bot, and what the bot
 * offers a door in return. A door posts, edits what it posted, and stops; everything that happens after a
 * command (settling requests, delivering the outbox) is the app's turn pipeline, not the door's.
 */
import type { Actor, Command, CommandContext } from './command.ts';
import type { StructuredInput } from './dispatch.ts';
import type { Logger, Store } from './ports.ts';
import type { Outgoing, Reply } from './reply.ts';

/** A door's name: 'console', 'slack', 'discord'... Free text, so a new door touches nothing in the core. */
export type DoorName = string;

/** A running door, as the bot sees it. */
export interface Door {
  readonly name: DoorName;
  /**
   * Posts a message the bot starts itself to its recipient, and remembers where when the message `opens` a
   * request. Resolves false when this door cannot reach the recipient (no channel, no account, DMs closed);
   * throws when the platform fails (HTTP 500, network), so that reminders are retried.
   */
  deliver(message: Outgoing): Promise<boolean>;
  /**
   * The pending request `key` is settled: edit the messages this door posted for it with `outcome` and without
   * buttons, then forget them. Optional (the console has nothing to edit).
   */
  settle?(key: string, outcome: string): Promise<void>;
  /** The message this door posted for `key` now shows `reply`: edit it in place, keep remembering it. Optional. */
  update?(key: string, reply: Reply): Promise<void>;
  stop(): Promise<void>;
}

/** One command as a door hands it to the bot: who asks, what they typed (or picked), how to answer them. */
export interface Turn {
  readonly actor: Actor;
  /** A command line (`/quorum 2024-10-07`) or a door's structured options (Discord). */
  readonly input: string | StructuredInput;
  /** Renders the reply to the asker, this door's way (response_url, interaction reply, terminal...). */
  answer(reply: Reply): Promise<void>;
  /** Wraps the command while it runs, e.g. to acknowledge a slow one (Discord defers after 1.5 s). */
  running?(work: Promise<Reply>): Promise<Reply>;
}

/** What the bot offers one door: its commands, a way to run a turn, and who the door's accounts are. */
export interface DoorHost {
  readonly commands: readonly Command[];
  readonly logger: Logger;
  /** For the door's own small state (where it posted a pending request, long button payloads). */
  readonly store: Store;
  /** Runs one command turn through the bot's pipeline; resolves once the reply is answered, settled and delivered. */
  run(turn: Turn): Promise<Reply>;
  /** A command context for `actor` without running a command (autocomplete, completion). */
  context(actor: Actor): CommandContext;
  /** Who an account of this door is: a delegate, a staff member, a mairie contact, or a read-only stranger. */
  actorFor(accountId: string, displayName?: string): Actor;
  /** The account of a person (a delegate's id) on this door, for direct messages. */
  accountOf(personId: string): string | undefined;
  /**
   * Several bodies in one deployment: the host of the body a request comes from, or a refusal to answer (the
   * workspace or server serves no body; a direct message from someone in several bodies). Absent: this host
   * serves every request. The door reports where, in its own ids; the app maps it to a body.
   */
  route?(where: Where): Routed;
}

/** Where a request comes from, as the door sees it. */
export interface Where {
  /** The workspace or server (a Slack team id, a Discord guild id); none in a direct message or the console. */
  readonly space?: string;
  /** The account that asks. */
  readonly account: string;
}

/** The body's host and its channels on this door, or a refusal (nothing was run). */
export type Routed =
  | { readonly host: DoorHost; readonly channels: ChatChannels; readonly refusal?: undefined }
  | { readonly refusal: Reply; readonly host?: undefined };

/** `host.route(where)`, or `host` itself with `channels` when it serves everything. */
export const routeOf = (host: DoorHost, where: Where, channels: ChatChannels): Routed =>
  host.route ? host.route(where) : { host, channels };

/** Where a chat door posts what is meant for the secretariat and for every delegate (channel ids). */
export interface ChatChannels {
  readonly secretariatChannel?: string;
  readonly delegatesChannel?: string;
}
