/**
 * @module Which doors run: Slack when its tokens are set, Discord likewise, the console when no chat door
 * is configured or `--console` is given. Chat libraries are imported only when their door starts.
 */
import type { Door, Seance } from './build.ts';

export interface DoorPlan {
  readonly slack: boolean;
  readonly discord: boolean;
  readonly console: boolean;
}

export function planDoors(env: NodeJS.ProcessEnv, forceConsole: boolean): DoorPlan {
  const slack = Boolean(env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET);
  const discord = Boolean(env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID);
  return { slack, discord, console: forceConsole || (!slack && !discord) };
}

export async function startChatDoors(seance: Seance, plan: DoorPlan, env: NodeJS.ProcessEnv): Promise<Door[]> {
  const started: Door[] = [];
  if (plan.slack) {
    const { startSlackDoor } = await import('../adapters/slack/slack-door.ts');
    started.push(await startSlackDoor(seance, env));
  }
  if (plan.discord) {
    const { startDiscordDoor } = await import('../adapters/discord/discord-door.ts');
    started.push(await startDiscordDoor(seance, env));
  }
  for (const door of started) seance.addDoor(door);
  return started;
}
