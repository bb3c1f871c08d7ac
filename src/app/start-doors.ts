/**
 * @module Starts the chat doors the settings ask for (src/app/settings.ts), each with what the bot offers it
 * (`bot.hostFor`). Chat libraries are imported only when their door starts.
 * Each door starts, fails and retries on its own: when another chat door runs, a Discord that cannot be
 * reached at start is retried in the background with back-off (the reminders and Slack keep going meanwhile),
 * and joins the bot once it is ready. Alone, it still fails the start (the service manager restarts it).
 */
import type { Bot, Door } from './build.ts';
import type { Deployment } from './deployment.ts';
import type { DoorSettings } from './settings.ts';
import type { HttpRoute } from './start-web.ts';

export interface StartDoorsExtra {
  /** Extra GET routes for the Slack HTTP receiver (the public page on the same port). */
  readonly slackRoutes?: HttpRoute[];
  /** Aborted when the process stops: ends the background retries (and stops a door started meanwhile). */
  readonly signal?: AbortSignal;
  /** Back-off of the background retries (default: 5 s doubling up to 5 min). */
  readonly retry?: { readonly firstMs: number; readonly maxMs: number };
}

const DEFAULT_RETRY = { firstMs: 5_000, maxMs: 300_000 };

/** A refusal (bad token, intents) does not heal by retrying: only an unreachable platform is retried. */
const isRefusal = (e: unknown) =>
  ['discord.token-refused', 'discord.intents'].includes(String((e as { code?: unknown })?.code));

/** Where the doors go: one bot, or a deployment of several bodies (each gets its view of the shared doors). */
export type DoorTarget = Pick<Bot, 'hostFor' | 'logger'> & { addDoor(door: Door): void };

export async function startChatDoors(
  bot: DoorTarget | Deployment,
  settings: DoorSettings,
  extra: StartDoorsExtra = {},
): Promise<Door[]> {
  const started: Door[] = [];
  if (settings.slack) {
    const { startSlackDoor } = await import('../adapters/slack/slack-door.ts');
    started.push(
      await startSlackDoor(
        bot.hostFor('slack'),
        settings.slack,
        extra.slackRoutes ? { customRoutes: extra.slackRoutes } : {},
      ),
    );
  }
  if (settings.discord) {
    const { startDiscordDoor } = await import('../adapters/discord/discord-door.ts');
    const discord = settings.discord;
    const start = () => startDiscordDoor(bot.hostFor('discord'), discord);
    if (started.length === 0) started.push(await start());
    else {
      try {
        started.push(await start());
      } catch (e) {
        if (!isRefusal(e)) retryInBackground(bot, 'discord', start, extra);
        else
          bot.logger.error('discord door not started; the other doors keep running', {
            error: e instanceof Error ? e.message : String(e),
          });
      }
    }
  }
  for (const door of started) bot.addDoor(door);
  return started;
}

function retryInBackground(bot: DoorTarget, name: string, start: () => Promise<Door>, extra: StartDoorsExtra): void {
  const { firstMs, maxMs } = extra.retry ?? DEFAULT_RETRY;
  let delay = firstMs;
  let timer: NodeJS.Timeout | undefined;
  extra.signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const attempt = async () => {
    if (extra.signal?.aborted) return;
    try {
      const door = await start();
      if (extra.signal?.aborted) {
        await door.stop();
        return;
      }
      bot.addDoor(door);
      bot.logger.info(`${name} door started after a retry`);
    } catch (e) {
      if (isRefusal(e)) {
        bot.logger.error(`${name} door refused; no more retries`, {
          error: e instanceof Error ? e.message : String(e),
        });
        return;
      }
      delay = Math.min(delay * 2, maxMs);
      schedule();
    }
  };
  const schedule = () => {
    bot.logger.warn(`${name} door unreachable; the other doors keep running, retrying`, { retryInMs: delay });
    timer = setTimeout(() => void attempt(), delay);
    timer.unref();
  };
  schedule();
}
