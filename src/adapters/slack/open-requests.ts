/**
 * @module Where the Slack door posted a request still pending (a reply that `opens` a key), kept in the store as
 * `slack:open:<key>`, so that a decision taken anywhere (`closes`) updates every copy. Never throws: logs.
 */
import type { webApi } from '@slack/bolt';
import type { Logger, Store } from '../../core/ports.ts';
import { settledMessage, type SlackMessage } from './block-kit.ts';

/** A posted request: where it is, and what it showed (to keep it when the buttons go). */
export interface OpenRequest extends SlackMessage {
  readonly channel: string;
  readonly ts: string;
}

const storeKey = (key: string) => `slack:open:${key}`;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function rememberRequest(store: Store, key: string, posted: OpenRequest, log: Logger): Promise<void> {
  try {
    const open = (await store.get<OpenRequest[]>(storeKey(key))) ?? [];
    await store.set(storeKey(key), [...open, posted]);
  } catch (e) {
    log.warn('slack: could not remember a pending request', { key, error: errorText(e) });
  }
}

/** Forgets one copy: the message a click already updated with the decision. */
export async function forgetRequest(store: Store, key: string, channel: string | undefined, ts: string | undefined, log: Logger): Promise<void> {
  try {
    const open = (await store.get<OpenRequest[]>(storeKey(key))) ?? [];
    const left = open.filter((m) => m.channel !== channel || m.ts !== ts);
    if (left.length === open.length) return;
    if (left.length) await store.set(storeKey(key), left);
    else await store.delete(storeKey(key));
  } catch (e) {
    log.warn('slack: could not forget a decided request', { key, error: errorText(e) });
  }
}

/** Updates every remembered copy with the outcome and without buttons, then forgets the key. */
export async function settleRequests(api: webApi.WebClient, store: Store, key: string, outcome: string, log: Logger): Promise<void> {
  const open = (await store.get<OpenRequest[]>(storeKey(key))) ?? [];
  if (open.length === 0) return;
  await store.delete(storeKey(key));
  for (const m of open) {
    const updated = settledMessage(m, outcome);
    try {
      await api.chat.update({ channel: m.channel, ts: m.ts, text: updated.text, blocks: updated.blocks });
    } catch (e) {
      log.warn('slack: could not update a settled request', { key, channel: m.channel, ts: m.ts, error: errorText(e) });
    }
  }
}
