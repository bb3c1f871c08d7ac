/**
 * @module Slack's pending requests (see src/core/open-requests.ts): what a copy keeps, and how a decision
 * updates it (chat.update without the buttons). Never throws: logs.
 */
import type { webApi } from '@slack/bolt';
import type { Logger, Store } from '../../core/ports.ts';
import { createOpenRequests } from '../../core/open-requests.ts';
import type { Reply } from '../../core/reply.ts';
import { replyToBlockKitMessages, settledMessage, type SlackMessage } from './block-kit.ts';

/** A posted request: where it is, and what it showed (to keep it when the buttons go). */
export interface OpenRequest extends SlackMessage {
  readonly channel: string;
  readonly ts: string;
}

/** The store of this door's pending requests. */
export const slackOpenRequests = (store: Store, log: Logger) => createOpenRequests<OpenRequest>('slack', store, log);

/** Updates every remembered copy with the outcome and without buttons, then forgets the key. */
export async function settleRequests(
  api: webApi.WebClient,
  store: Store,
  key: string,
  outcome: string,
  log: Logger,
): Promise<void> {
  for (const m of await slackOpenRequests(store, log).take(key)) {
    const updated = settledMessage(m, outcome);
    try {
      await api.chat.update({ channel: m.channel, ts: m.ts, text: updated.text, blocks: updated.blocks });
    } catch (e) {
      log.warn('slack: could not update a settled request', {
        key,
        channel: m.channel,
        ts: m.ts,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
}

/**
 * The message posted for `key` (the live message) now shows `reply`: chat.update in place, and the copy is
 * remembered with its new content, so that a later settle keeps the last figures.
 */
export async function updateRequests(
  api: webApi.WebClient,
  store: Store,
  key: string,
  reply: Reply,
  log: Logger,
): Promise<void> {
  const open = slackOpenRequests(store, log);
  // The live message is one Slack message: its first page is what it shows.
  const page = replyToBlockKitMessages(reply)[0]!;
  for (const m of await open.take(key)) {
    try {
      await api.chat.update({ channel: m.channel, ts: m.ts, text: page.text, blocks: page.blocks });
      await open.remember(key, { channel: m.channel, ts: m.ts, ...page });
    } catch (e) {
      log.warn('slack: could not update a live message', {
        key,
        channel: m.channel,
        ts: m.ts,
        error: e instanceof Error ? e.message : String(e),
      });
      await open.remember(key, m);
    }
  }
}
