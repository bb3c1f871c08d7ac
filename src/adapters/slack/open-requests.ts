/**
 * @module Slack's pending requests (see src/core/open-requests.ts): what a copy keeps, and how a decision
 * updates it (chat.update without the buttons). Never throws: logs.
 */
import type { webApi } from '@slack/bolt';
import type { Logger, Store } from '../../core/ports.ts';
import { createOpenRequests } from '../../core/open-requests.ts';
import { settledMessage, type SlackMessage } from './block-kit.ts';

/** A posted request: where it is, and what it showed (to keep it when the buttons go). */
export interface OpenRequest extends SlackMessage {
  readonly channel: string;
  readonly ts: string;
}

/** The store of this door's pending requests. */
export const slackOpenRequests = (store: Store, log: Logger) => createOpenRequests<OpenRequest>('slack', store, log);

/** Updates every remembered copy with the outcome and without buttons, then forgets the key. */
export async function settleRequests(api: webApi.WebClient, store: Store, key: string, outcome: string, log: Logger): Promise<void> {
  for (const m of await slackOpenRequests(store, log).take(key)) {
    const updated = settledMessage(m, outcome);
    try {
      await api.chat.update({ channel: m.channel, ts: m.ts, text: updated.text, blocks: updated.blocks });
    } catch (e) {
      log.warn('slack: could not update a settled request', { key, channel: m.channel, ts: m.ts, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
