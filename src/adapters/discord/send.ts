/** @module Sends a rendered Reply message by message, falling back to plain text when Discord refuses the embeds. */
import { DiscordAPIError } from 'discord.js';
import type { Logger } from '../../core/ports.ts';
import type { Reply } from '../../core/reply.ts';
import { replyToDiscord, replyToDiscordText, type DiscordMessage } from './embeds.ts';

/** `index` 0 is the first message (the interaction reply, the DM reply); later ones are follow-ups. */
export type SendOne = (message: DiscordMessage, index: number) => Promise<unknown>;

const refused = (e: unknown) => e instanceof DiscordAPIError && e.status === 400;

export async function sendReply(
  reply: Reply,
  send: SendOne,
  logger: Logger,
  rendered = replyToDiscord(reply),
): Promise<void> {
  let sent = 0;
  try {
    for (const m of rendered) {
      await send(m, sent);
      sent += 1;
    }
  } catch (e) {
    if (!refused(e)) throw e;
    logger.warn('discord refused a message; sending the text fallback', {
      title: reply.title,
      error: (e as Error).message,
    });
    const fallback = replyToDiscordText(reply);
    for (const [i, m] of fallback.entries()) await send(m, sent + i);
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
