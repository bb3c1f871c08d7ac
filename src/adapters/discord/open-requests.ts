/**
 * @module Where the Discord door posted a request still pending (a reply that `opens` a key), kept in the store as
 * `discord:open:<key>`, so that a decision taken anywhere (`closes`) edits every copy. Never throws but in `settle`.
 */
import { Routes, type APIEmbed, type Client } from 'discord.js';
import type { Logger, Store } from '../../core/ports.ts';
import { NO_MENTIONS } from './embeds.ts';
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

const storeKey = (key: string) => `discord:open:${key}`;
const OUTCOME_COLOUR = 0x99aab5;

export async function rememberRequest(store: Store, key: string, posted: OpenRequest, log: Logger): Promise<void> {
  try {
    const open = (await store.get<OpenRequest[]>(storeKey(key))) ?? [];
    await store.set(storeKey(key), [...open, posted]);
  } catch (e) {
    log.warn('discord: could not remember a pending request', { key, error: errorText(e) });
  }
}

/** Forgets one copy: the message a click already updated with the decision. */
export async function forgetRequest(store: Store, key: string, messageId: string, log: Logger): Promise<void> {
  try {
    const open = (await store.get<OpenRequest[]>(storeKey(key))) ?? [];
    const left = open.filter((m) => m.messageId !== messageId);
    if (left.length === open.length) return;
    if (left.length) await store.set(storeKey(key), left);
    else await store.delete(storeKey(key));
  } catch (e) {
    log.warn('discord: could not forget a decided request', { key, error: errorText(e) });
  }
}

/** The edit of a settled request: its text and embeds kept, the outcome below, no buttons (REST body). */
export function settledEdit(request: OpenRequest, outcome: string) {
  const line: APIEmbed = { color: OUTCOME_COLOUR, description: `→ **${escapeMarkdown(outcome)}**` };
  const merged = [...request.embeds, line];
  const embeds = messageProblems({ content: request.content, embeds: merged }).length ? [line] : merged;
  return { ...(request.content ? { content: request.content } : {}), embeds, components: [], allowed_mentions: { parse: NO_MENTIONS.parse } };
}

/** Edits every remembered copy with the outcome and without buttons, then forgets the key. */
export async function settleRequests(client: Client, store: Store, key: string, outcome: string, log: Logger): Promise<void> {
  const open = (await store.get<OpenRequest[]>(storeKey(key))) ?? [];
  if (open.length === 0) return;
  await store.delete(storeKey(key));
  for (const m of open) {
    try {
      await client.rest.patch(Routes.channelMessage(m.channelId, m.messageId), { body: settledEdit(m, outcome) });
    } catch (e) {
      log.warn('discord: could not edit a settled request', { key, channelId: m.channelId, messageId: m.messageId, error: errorText(e) });
    }
  }
}
