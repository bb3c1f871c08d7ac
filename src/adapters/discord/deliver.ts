/** @module Delivers messages the bot starts itself: the secretariat and delegates channels, or a delegate's DMs. */
import type { Client } from 'discord.js';
import type { Seance } from '../../app/build.ts';
import type { Outgoing, Recipient } from '../../core/reply.ts';
import { rememberActions } from './actions.ts';
import { forChannel } from './embeds.ts';
import { errorText, sendReply } from './send.ts';

interface Target {
  send(options: ReturnType<typeof forChannel>): Promise<unknown>;
}

async function channelTarget(client: Client, id: string | undefined): Promise<Target | undefined> {
  if (!id) return undefined;
  const channel = client.channels.cache.get(id) ?? (await client.channels.fetch(id).catch(() => null));
  return channel?.isSendable() ? channel : undefined;
}

async function targetFor(client: Client, seance: Seance, to: Recipient): Promise<Target | undefined> {
  switch (to.kind) {
    case 'secretariat':
      return channelTarget(client, seance.config.discord.secretariatChannel);
    case 'delegates':
      return channelTarget(client, seance.config.discord.delegatesChannel);
    case 'delegate': {
      const id = seance.config.roster.find((d) => d.id === to.id)?.discordId;
      return id ? client.users.fetch(id).catch(() => undefined) : undefined;
    }
  }
}

/** Resolves false when this door cannot reach the recipient (no channel configured, no Discord id, DMs closed). */
export function createDelivery(client: Client, seance: Seance): (message: Outgoing) => Promise<boolean> {
  return async (message) => {
    const target = await targetFor(client, seance, message.to);
    if (!target) return false;
    try {
      await rememberActions(seance.store, message.reply.actions);
      await sendReply(message.reply, (m) => target.send(forChannel(m)), seance.logger);
      return true;
    } catch (e) {
      seance.logger.warn('discord delivery failed', { to: message.to.kind, title: message.reply.title, error: errorText(e) });
      return false;
    }
  };
}
