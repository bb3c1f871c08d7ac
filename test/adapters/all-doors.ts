/**
 * @module Test helper: one bot (sample config, fake clock, memory store) behind every door at once: the real Slack
 * door (Bolt, HTTP on 127.0.0.1) against the fake Slack, the real Discord door (discord.js) against the fake Discord,
 * and a recorder door. Reminder retries never wait: the sleeps the scheduler asks for are only recorded.
 */
import { createBot, type Door, type Bot } from '../../src/app/build.ts';
import { parseConfig } from '../../src/app/load-config.ts';
import { parseDoorSettings } from '../../src/app/settings.ts';
import { startDiscordDoor, type DiscordDoor } from '../../src/adapters/discord/discord-door.ts';
import { startSlackDoor, type SlackDoor } from '../../src/adapters/slack/slack-door.ts';
import type { AppConfig } from '../../src/app/accounts.ts';
import type { Logger, Store } from '../../src/core/ports.ts';
import type { Outgoing } from '../../src/core/reply.ts';
import { createFakeClock, type FakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.ts';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.ts';
import { sampleYaml, testOptions, testSettings } from './discord/harness.ts';
import { BOT_TOKEN, BOT_USER, SIGNING_SECRET, type LogLine } from './slack/slack-harness.ts';

export interface AllDoors {
  readonly hub: Bot;
  readonly config: AppConfig;
  readonly clock: FakeClock;
  readonly store: Store;
  readonly slack: { readonly fake: FakeSlack; readonly door: SlackDoor; readonly url: string };
  readonly discord: { readonly fake: FakeDiscord; readonly door: DiscordDoor };
  /** What the recorder door was handed, in order. */
  readonly recorded: Outgoing[];
  /** The waits the reminder scheduler asked for between tries (none is actually waited). */
  readonly sleeps: number[];
  readonly logs: LogLine[];
  /** A new bot on the same store, clock and running doors, as after a restart; its scheduler is stopped by `close()`. */
  restart(): Bot;
  close(): Promise<void>;
}

/** Starts everything; `now` is the fake clock's start (ISO). Close it in afterAll. */
/** `advanceClock`: the scheduler's waits move the fake clock on (an outage measured in the bot's time, never waited). */
export async function startAllDoors(now: string, opts: { readonly advanceClock?: boolean } = {}): Promise<AllDoors> {
  const logs: LogLine[] = [];
  const logger: Logger = {
    info: (msg, data) => logs.push({ level: 'info', msg, data }),
    warn: (msg, data) => logs.push({ level: 'warn', msg, data }),
    error: (msg, data) => logs.push({ level: 'error', msg, data }),
  };
  const sleeps: number[] = [];
  let clockRef: FakeClock | undefined;
  const reminders = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
      if (opts.advanceClock && clockRef) clockRef.set(new Date(clockRef.now().getTime() + ms));
    },
  };
  const recorded: Outgoing[] = [];
  const recorder: Door = {
    name: 'console',
    deliver: async (m) => {
      recorded.push(m);
      return true;
    },
    stop: async () => undefined,
  };

  const closers: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    const slackFake = await startFakeSlack({ botUserId: BOT_USER });
    closers.push(() => slackFake.close());
    const discordFake = await startFakeDiscord();
    closers.push(() => discordFake.close());

    // The sample config, with the fake Discord's channel ids (its snowflakes are generated at start).
    const config = parseConfig(sampleYaml(discordFake), 'somme-numerique.yaml');
    const store = await openStore('memory:');
    const clock = createFakeClock(now);
    clockRef = clock;
    const hub = createBot({ config, store, clock, logger, reminders });
    closers.push(() => hub.stop()); // stops the scheduler, every door added below, and the store
    hub.addDoor(recorder);

    const slackEnv = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackFake.apiUrl,
    };
    const slackDoor = await startSlackDoor(hub.hostFor('slack'), parseDoorSettings(slackEnv, config).slack!, {
      port: 0,
      host: '127.0.0.1',
      processBeforeResponse: true,
      retryConfig: { retries: 0 },
    });
    hub.addDoor(slackDoor);
    if (!(await slackDoor.reachable)) throw new Error('test: the Slack door did not reach the fake Slack');
    const discordDoor = await startDiscordDoor(hub.hostFor('discord'), testSettings(discordFake, config), testOptions);
    hub.addDoor(discordDoor);

    const restarted: Bot[] = [];
    return {
      hub,
      config,
      clock,
      store,
      recorded,
      sleeps,
      logs,
      slack: { fake: slackFake, door: slackDoor, url: `http://127.0.0.1:${slackDoor.port}/slack/events` },
      discord: { fake: discordFake, door: discordDoor },
      restart() {
        const again = createBot({ config, store, clock, logger, reminders });
        for (const door of hub.doors()) again.addDoor(door);
        restarted.push(again);
        return again;
      },
      async close() {
        // Only the restarted schedulers: their doors and store are the first bot's, closed with it.
        for (const again of restarted) await again.reminders.stop();
        await closeAll();
      },
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
