/**
 * @module Replay protection for the Slack door: a signed request runs once. Bolt checks the signature and
 * refuses requests older than 5 minutes, but a captured request replayed within those 5 minutes passes (the
 * same `/rappel ajouter` sent 3 times made 3 reminders). Each request's timestamp + signature, and each event's
 * `event_id` (Slack's retries, `x-slack-retry-num`, carry a new signature), is claimed in the Store, so every
 * replica sharing the store sees it; a second arrival is acknowledged and dropped. In Socket Mode there is no
 * signature: each envelope (slash command, button click, event) is claimed by its `envelope_id`, so the same
 * envelope delivered twice (a reconnection, two open connections) runs once.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger, Store } from '../../core/ports.ts';

/** A little over Slack's 5-minute signature window: after it, Bolt refuses the request as too old anyway. */
export const SIGNED_REQUEST_TTL_MS = 6 * 60_000;
/** Slack retries an event for about an hour (immediately, after 1 minute, after 5 minutes…). */
export const EVENT_TTL_MS = 60 * 60_000;
/** A Socket Mode envelope is redelivered within minutes (unacked, or on another connection): an hour is ample. */
export const ENVELOPE_TTL_MS = 60 * 60_000;

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** For the HTTP receiver's `customPropertiesExtractor`: what identifies this signed request. */
export function signedRequestOf(req: IncomingMessage): { signedRequest?: string } {
  const ts = header(req, 'x-slack-request-timestamp');
  const sig = header(req, 'x-slack-signature');
  if (!ts || !sig) return {};
  return { signedRequest: createHash('sha256').update(`${ts}:${sig}`).digest('hex').slice(0, 40) };
}

/** For the Socket Mode receiver's `customPropertiesExtractor`: the envelope's id. */
export function envelopeOf(args: { envelope_id?: unknown }): { envelopeId?: string } {
  return typeof args.envelope_id === 'string' ? { envelopeId: args.envelope_id } : {};
}

/** Global middleware: claims the request (and its event) before any listener runs. */
export function replayGuard(store: Store, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, body, next } = args;
    const ack = (args as { ack?: () => Promise<void> }).ack;
    const owner = randomUUID();
    const keys: [string, number][] = [];
    const signed = (context as { signedRequest?: unknown }).signedRequest;
    if (typeof signed === 'string') keys.push([`slack:request:${signed}`, SIGNED_REQUEST_TTL_MS]);
    const envelope = (context as { envelopeId?: unknown }).envelopeId;
    if (typeof envelope === 'string') keys.push([`slack:envelope:${envelope}`, ENVELOPE_TTL_MS]);
    const eventId = (body as { event_id?: unknown } | null)?.event_id;
    if (typeof eventId === 'string') keys.push([`slack:event:${eventId}`, EVENT_TTL_MS]);
    for (const [key, ttl] of keys) {
      let fresh: boolean;
      try {
        fresh = await store.claim(key, owner, ttl);
      } catch (e) {
        // The command itself needs the store and will answer the cause; do not drop a first request here.
        log.warn('slack: could not record the request against replays', {
          error: e instanceof Error ? e.message : String(e),
        });
        break;
      }
      if (!fresh) {
        log.warn('slack: request already handled, ignored (replay or retry)', {
          kind: key.split(':')[1],
          retryNum: context.retryNum,
        });
        await ack?.();
        return;
      }
    }
    await next();
  };
}
