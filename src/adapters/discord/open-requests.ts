/**
 * @module Discord's pending requests (see src/core/open-requests.ts): what a copy keeps, and how a decision
 * edits it (the outcome below, no buttons). Never throws: logs.
 */
import { Routes, type APIEmbed, type Client } from 'discord.js';
import type { Logger, Store } from '../../core/ports.ts';
import { createOpenRequests } from '../../core/open-requests.ts';
import type { Reply } from '../../core/reply.ts';
import { NO_MENTIONS, replyToDiscord } from './embeds.ts';
import { messageProblems } from './limits.ts';
import { errorText } from './send.ts';
import { escapeMarkdown } from './text.ts';

/** A posted request: where it is, and what it showed (to keep it when the buttons go). */
export interface OpenRequest {
  readonly channelId: string;
  readonly messageId: string;
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
}

const OUTCOME_COLOUR = 0x99aab5;

/** The store of this door's pending requests. */
export const discordOpenRequests = (store: Store, log: Logger) =>
  createOpenRequests<OpenRequest>('discord', store, log);

/** The edit of a settled request: its text and embeds kept, the outcome below, no buttons (REST body). */
export function settledEdit(request: OpenRequest, outcome: string) {
  const line: APIEmbed = { color: OUTCOME_COLOUR, description: `→ **${escapeMarkdown(outcome)}**` };
  const merged = [...request.embeds, line];
  const embeds = messageProblems({ content: request.content, embeds: merged }).length ? [line] : merged;
  return {
    ...(request.content ? { content: request.content } : {}),
    embeds,
    components: [],
    allowed_mentions: { parse: NO_MENTIONS.parse },
  };
}

/** Edits every remembered copy with the outcome and without buttons, then forgets the key. */
export async function settleRequests(
  client: Client,
  store: Store,
  key: string,
  outcome: string,
  log: Logger,
): Promise<void> {
  for (const m of await discordOpenRequests(store, log).take(key)) {
    try {
      await client.rest.patch(Routes.channelMessage(m.channelId, m.messageId), { body: settledEdit(m, outcome) });
    } catch (e) {
      log.warn('discord: could not edit a settled request', {
        key,
        channelId: m.channelId,
        messageId: m.messageId,
        error: errorText(e),
      });
    }
  }
}

/**
 * The message posted for `key` (the live message) now shows `reply`: edited in place (its first page: the live
 * message is one message), and remembered with its new content so that a later settle keeps the last figures.
 */
export async function updateRequests(
  client: Client,
  store: Store,
  key: string,
  reply: Reply,
  log: Logger,
): Promise<void> {
  const open = discordOpenRequests(store, log);
  const page = replyToDiscord(reply)[0]!;
  for (const m of await open.take(key)) {
    try {
      await client.rest.patch(Routes.channelMessage(m.channelId, m.messageId), {
        body: {
          content: page.content ?? '',
          embeds: page.embeds,
          components: page.components,
          allowed_mentions: { parse: NO_MENTIONS.parse },
        },
      });
      await open.remember(key, {
        channelId: m.channelId,
        messageId: m.messageId,
        ...(page.content ? { content: page.content } : {}),
        embeds: page.embeds,
      });
    } catch (e) {
      log.warn('discord: could not edit a live message', {
        key,
        channelId: m.channelId,
        messageId: m.messageId,
        error: errorText(e),
      });
      await open.remember(key, m);
    }
  }
}
