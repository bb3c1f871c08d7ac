/**
 * @module Starts the chat doors the settings ask for (src/app/settings.ts), each with what the bot offers it
 * (`bot.hostFor`). Chat libraries are imported only when their door starts.
 */
import type { Bot, Door } from './build.ts';
import type { DoorSettings } from './settings.ts';

export async function startChatDoors(bot: Bot, settings: DoorSettings): Promise<Door[]> {
  const started: Door[] = [];
  if (settings.slack) {
    const { startSlackDoor } = await import('../adapters/slack/slack-door.ts');
    started.push(await startSlackDoor(bot.hostFor('slack'), settings.slack));
  }
  if (settings.discord) {
    const { startDiscordDoor } = await import('../adapters/discord/discord-door.ts');
    started.push(await startDiscordDoor(bot.hostFor('discord'), settings.discord));
  }
  for (const door of started) bot.addDoor(door);
  return started;
}
