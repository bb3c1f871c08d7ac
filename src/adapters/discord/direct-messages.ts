/** @module Direct messages to the bot as command lines (`confirmer ROY`, `/quorum`), through the same turn pipeline. */
import type { Message } from 'discord.js';
import type { Command } from '../../core/command.ts';
import type { DoorHost } from '../../core/door.ts';
import { messageToLine } from '../../core/message-line.ts';
import { rememberActions } from './actions.ts';
import { forChannel } from './embeds.ts';
import { actorOf } from './interactions.ts';
import { errorText, sendReply } from './send.ts';

/** The command line a DM stands for: the core's shared message rule, as a direct message. */
export function directMessageLine(content: string, commands: readonly Command[]): string | undefined {
  return messageToLine(content.replace(/^\/+(?=\/)/, ''), { commands, direct: true });
}

/** Answers a DM; ignores the bot's own messages, other bots, and anything outside direct messages. */
export async function handleDirectMessage(host: DoorHost, message: Message): Promise<void> {
  if (message.author.bot || message.author.system || message.guildId || message.author.id === message.client.user?.id)
    return;
  try {
    const line = directMessageLine(message.content, host.commands);
    if (!line) return;
    await host.run({
      actor: actorOf(host, message.author),
      input: line,
      answer: async (reply) => {
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
      },
    });
  } catch (e) {
    host.logger.error('discord direct message failed', { user: message.author.id, error: errorText(e) });
  }
}
