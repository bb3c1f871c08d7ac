/** @module Direct messages to the bot as command lines (`confirmer ROY`, `/quorum`), through the same turn pipeline. */
import type { Message } from 'discord.js';
import type { Command } from '../../core/command.ts';
import type { Reply } from '../../core/reply.ts';
import { routeOf, type ChatChannels, type DoorHost } from '../../core/door.ts';
import { messageToLine } from '../../core/message-line.ts';
import { rememberActions } from './actions.ts';
import { forChannel } from './embeds.ts';
import { actorOf } from './interactions.ts';
import { errorText, sendReply } from './send.ts';

/** The command line a DM stands for: the core's shared message rule, as a direct message. */
export function directMessageLine(content: string, commands: readonly Command[]): string | undefined {
  return messageToLine(content.replace(/^\/+(?=\/)/, ''), { commands, direct: true });
}

/** A DM from a person: not the bot's own messages, not other bots, nothing outside direct messages. */
export const isDirectMessageToBot = (message: Message): boolean =>
  !(message.author.bot || message.author.system || message.guildId || message.author.id === message.client.user?.id);

/** Answers a DM; ignores the bot's own messages, other bots, and anything outside direct messages. */
export async function handleDirectMessage(
  root: DoorHost,
  message: Message,
  channels: ChatChannels = {},
): Promise<void> {
  if (!isDirectMessageToBot(message)) return;
  try {
    const line = directMessageLine(message.content, root.commands);
    if (!line) return;
    // A DM has no server: the body is the one the writer belongs to (routeOf refuses when several or none).
    const route = routeOf(root, { account: message.author.id }, channels);
    const host = route.host ?? root;
    const answer = async (reply: Reply) => {
      await rememberActions(host.store, reply.actions);
      const channel = message.channel;
      await sendReply(
        reply,
        (m, k) => {
          const options = forChannel(m);
          if (k === 0) return message.reply(options);
          if (!channel.isSendable()) throw new Error('DM channel not sendable');
          return channel.send(options);
        },
        host.logger,
      );
    };
    if (!route.host) return await answer(route.refusal);
    await host.run({ actor: actorOf(host, message.author), input: line, answer });
  } catch (e) {
    root.logger.error('discord direct message failed', { user: message.author.id, error: errorText(e) });
  }
}
