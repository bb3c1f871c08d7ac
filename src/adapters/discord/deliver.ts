/** @module Delivers messages the bot starts itself: the secretariat and delegates channels, or a delegate's DMs. */
import { DiscordAPIError, type Client } from 'discord.js';
import type { ChatChannels, DoorHost } from '../../core/door.ts';
import type { Outgoing, Recipient } from '../../core/reply.ts';
import { rememberActions } from './actions.ts';
import { forChannel } from './embeds.ts';
import { discordOpenRequests, type OpenRequest } from './open-requests.ts';
import { createHash } from 'node:crypto';
import { errorText, sendReply } from './send.ts';

type Nonce = { readonly nonce?: string; readonly enforceNonce?: boolean };

interface Target {
  send(options: ReturnType<typeof forChannel> & Nonce): Promise<{ readonly id: string; readonly channelId: string }>;
}

/**
 * Discord drops a second message with the same nonce (enforce_nonce, for a few minutes): a retry after an
 * ambiguous failure is not shown twice. At most 25 characters, derived from the message key and its page.
 */
export function nonceFor(key: string, page: number): string {
  return createHash('sha256').update(`${key}#${page}`).digest('base64url').slice(0, 25);
}

/** Discord errors meaning this door cannot reach the delegate: Unknown User, Cannot send messages to this user (DMs closed). */
const UNREACHABLE_USER_CODES = new Set<number | string>([10013, 50007]);

const unreachableUser = (e: unknown) => e instanceof DiscordAPIError && UNREACHABLE_USER_CODES.has(e.code);

/** A failed REST call, in French for the secretariat (/rappels shows it); never contains the token. */
export function discordFailureText(e: unknown): string {
  if (e instanceof DiscordAPIError) return `Discord a refusé l'envoi (HTTP ${e.status}, code ${e.code} : ${e.message})`;
  const status = (e as { status?: unknown })?.status;
  if (typeof status === 'number') return `Discord a répondu HTTP ${status}`;
  return `envoi Discord impossible (${errorText(e)})`;
}

async function channelTarget(client: Client, id: string | undefined): Promise<Target | undefined> {
  if (!id) return undefined;
  // A configured channel Discord does not give (unknown, no access, 500) is a failure, not an unreachable recipient.
  const channel = client.channels.cache.get(id) ?? (await client.channels.fetch(id));
  return channel?.isSendable() ? channel : undefined;
}

async function targetFor(
  client: Client,
  host: DoorHost,
  channels: ChatChannels,
  to: Recipient,
): Promise<Target | undefined> {
  switch (to.kind) {
    case 'secretariat':
      return channelTarget(client, channels.secretariatChannel);
    case 'delegates':
      return channelTarget(client, channels.delegatesChannel);
    case 'delegate': {
      const id = host.accountOf(to.id);
      if (!id) return undefined;
      return client.users.fetch(id).catch((e: unknown) => {
        if (unreachableUser(e)) return undefined;
        throw e;
      });
    }
  }
}

/**
 * Resolves false when this door cannot reach the recipient (no channel configured, no Discord id, DMs closed);
 * throws when Discord fails (HTTP 500, refused request), so the hub retries and records the failure.
 */
export function createDelivery(
  client: Client,
  host: DoorHost,
  channels: ChatChannels,
): (message: Outgoing) => Promise<boolean> {
  return async (message) => {
    try {
      const target = await targetFor(client, host, channels, message.to);
      if (!target) return false;
      await rememberActions(host.store, message.reply.actions);
      let last: OpenRequest | undefined;
      await sendReply(
        message.reply,
        async (m, page) => {
          const nonce: Nonce = message.key ? { nonce: nonceFor(message.key, page), enforceNonce: true } : {};
          const sent = await target.send({ ...forChannel(m), ...nonce });
          last = {
            channelId: sent.channelId,
            messageId: sent.id,
            ...(m.content ? { content: m.content } : {}),
            embeds: m.embeds,
          };
        },
        host.logger,
      );
      // The buttons are on the last message: that is the copy to update once the request is settled.
      if (message.reply.opens && last)
        await discordOpenRequests(host.store, host.logger).remember(message.reply.opens, last);
      return true;
    } catch (e) {
      host.logger.warn('discord delivery failed', {
        to: message.to.kind,
        title: message.reply.title,
        error: errorText(e),
      });
      if (unreachableUser(e)) return false;
      throw new Error(discordFailureText(e), { cause: e });
    }
  };
}
