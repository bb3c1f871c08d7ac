/**
 * @module Which doors run: Slack when its tokens are set, Discord likewise, the console when no chat door
 * is configured or `--console` is given. Chat libraries are imported only when their door starts.
 */
import type { Door, Seance } from './build.ts';
import type { HttpRoute } from './start-web.ts';

export interface DoorPlan {
  readonly slack: boolean;
  readonly discord: boolean;
  readonly console: boolean;
}

export function planDoors(env: NodeJS.ProcessEnv, forceConsole: boolean): DoorPlan {
  const slack = Boolean(env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET);
  const discord = Boolean(env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID);
  // With WEB_PORT set the public page runs: the process is a server even without a chat door.
  const web = Boolean(env.WEB_PORT?.trim());
  return { slack, discord, console: forceConsole || (!slack && !discord && !web) };
}

export async function startChatDoors(seance: Seance, plan: DoorPlan, env: NodeJS.ProcessEnv, extra: { readonly slackRoutes?: HttpRoute[] } = {}): Promise<Door[]> {
  const started: Door[] = [];
  if (plan.slack) {
    const { startSlackDoor } = await import('../adapters/slack/slack-door.ts');
    started.push(await startSlackDoor(seance, env, extra.slackRoutes ? { customRoutes: extra.slackRoutes } : {}));
  }
  if (plan.discord) {
    const { startDiscordDoor } = await import('../adapters/discord/discord-door.ts');
    started.push(await startDiscordDoor(seance, env));
  }
  for (const door of started) seance.addDoor(door);
  return started;
}
