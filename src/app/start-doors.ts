/**
 * @module Starts the chat doors the settings ask for (src/app/settings.ts), each with what the bot offers it
 * (`bot.hostFor`). Chat libraries are imported only when their door starts.
 */
import type { Bot, Door } from './build.ts';
import type { DoorSettings } from './settings.ts';
import type { HttpRoute } from './start-web.ts';

/** `slackRoutes`: extra GET routes for the Slack HTTP receiver (the public page on the same port). */
export async function startChatDoors(bot: Bot, settings: DoorSettings, extra: { readonly slackRoutes?: HttpRoute[] } = {}): Promise<Door[]> {
  const started: Door[] = [];
  if (settings.slack) {
    const { startSlackDoor } = await import('../adapters/slack/slack-door.ts');
    started.push(await startSlackDoor(bot.hostFor('slack'), settings.slack, extra.slackRoutes ? { customRoutes: extra.slackRoutes } : {}));
  }
  if (settings.discord) {
    const { startDiscordDoor } = await import('../adapters/discord/discord-door.ts');
    started.push(await startDiscordDoor(bot.hostFor('discord'), settings.discord));
  }
  for (const door of started) bot.addDoor(door);
  return started;
}
