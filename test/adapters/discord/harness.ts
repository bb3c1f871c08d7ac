/** The project's Discord door logged in to the fake Discord on 127.0.0.1, on the sample config with the fake's channel ids. */
import { readFileSync } from 'node:fs';
import { parseDoorSettings } from '../../../src/app/settings.ts';
import type { DiscordSettings } from '../../../src/adapters/discord/settings.ts';
import type { Config } from '../../../src/core/config.ts';
import type { DoorHost } from '../../../src/core/door.ts';
import {
  startDiscordDoor,
  type DiscordDoor,
  type DiscordDoorOptions,
} from '../../../src/adapters/discord/discord-door.ts';
import { messageProblems } from '../../../src/adapters/discord/limits.ts';
import {
  noIdentifyThrottle,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type RecordedRequest,
  type SentInteraction,
} from '../../helpers/fake-discord.ts';
import { createTestBot, SAMPLE_CONFIG, type TestBot } from '../../helpers/test-bot.ts';

/** Discord ids of the sample config. */
export const IDS = {
  VARLET: '300000000000000001',
  PARSIS: '300000000000000002',
  PAYEN: '300000000000000003',
  ROY: '300000000000000004',
  SECRETARIAT: '300000000000000010',
  MAIRIE: '300000000000000020',
  STRANGER: '399999999999999999',
} as const;

export const TOKEN = 'test-token-XYZ.abc.123';

export interface Harness {
  fake: FakeDiscord;
  bot: TestBot;
  door: DiscordDoor;
  /** The message an interaction finally got: the callback's data, or the edit after a deferral. */
  answer(sent: SentInteraction, timeoutMs?: number): Promise<{ callback: RecordedRequest; message: any }>;
  /** Every request body the bot sent that carries message content. */
  messageBodies(): any[];
  close(): Promise<void>;
}

export function sampleYaml(fake: FakeDiscord): string {
  return readFileSync(SAMPLE_CONFIG, 'utf8')
    .replace('secretariatChannel: "400000000000000001"', `secretariatChannel: "${fake.secretariatChannelId}"`)
    .replace('delegatesChannel: "400000000000000002"', `delegatesChannel: "${fake.delegatesChannelId}"`);
}

export const testEnv = (fake: FakeDiscord) => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_URL: fake.apiUrl,
});
/** The door's settings as the app parses them from `testEnv` and the config. */
export const testSettings = (fake: FakeDiscord, config: Config): DiscordSettings =>
  parseDoorSettings(testEnv(fake), config).discord!;
export const testOptions: DiscordDoorOptions = { ws: noIdentifyThrottle, rest: { retries: 0, timeout: 2000 } };

export interface HarnessOptions {
  fake?: FakeDiscordOptions;
  door?: DiscordDoorOptions;
  bot?: Parameters<typeof createTestBot>[0];
  /** Replaces parts of what the bot offers the door (e.g. a turn runner with an extra command). */
  wrap?: (host: DoorHost) => DoorHost;
  /** Edits the sample config (with the fake's channel ids) before the bot reads it, e.g. to map more accounts. */
  yaml?: (yaml: string) => string;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord(opts.fake);
  const yaml = sampleYaml(fake);
  const bot = await createTestBot({ yaml: opts.yaml ? opts.yaml(yaml) : yaml, ...opts.bot });
  let door: DiscordDoor;
  try {
    const host = bot.hub.hostFor('discord');
    door = await startDiscordDoor(opts.wrap ? opts.wrap(host) : host, testSettings(fake, bot.config), {
      ...testOptions,
      ...opts.door,
    });
  } catch (e) {
    await bot.close();
    await fake.close();
    throw e;
  }
  bot.hub.addDoor(door);
  const callbackOf = (s: SentInteraction) => (r: RecordedRequest) =>
    r.method === 'POST' && r.path === `/interactions/${s.id}/${s.token}/callback`;
  return {
    fake,
    bot,
    door,
    async answer(sent, timeoutMs = 3000) {
      const callback = await fake.waitForRequest(callbackOf(sent), timeoutMs);
      if (callback.body.type !== 5 && callback.body.type !== 6) return { callback, message: callback.body.data };
      const edit = await fake.waitForRequest(
        (r) => r.path.startsWith(`/webhooks/${fake.applicationId}/${sent.token}`) && r.method !== 'DELETE',
        timeoutMs,
      );
      return { callback, message: edit.body };
    },
    messageBodies() {
      return fake.requests
        .map((r) => (r.path.endsWith('/callback') ? r.body?.data : r.body))
        .filter((b) => b && typeof b === 'object' && ('embeds' in b || 'content' in b));
    },
    async close() {
      await bot.close(); // stops the door too
      await fake.close();
    },
  };
}

/** Fails with the list of problems when a message body breaks a Discord limit (snake_case REST body). */
export function expectValidMessage(body: any): void {
  const problems = messageProblems({
    content: body?.content,
    embeds: body?.embeds,
    components: body?.components,
    files: body?.attachments,
  });
  if (problems.length)
    throw new Error(`invalid Discord message: ${problems.join('; ')}\n${JSON.stringify(body).slice(0, 500)}`);
}

/** All the text of a message body (content, titles, descriptions, fields, footers). */
export function bodyText(body: any): string {
  const embeds = (body?.embeds ?? []) as any[];
  return [
    body?.content ?? '',
    ...embeds.flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]),
      e.footer?.text,
    ]),
  ]
    .filter(Boolean)
    .join('\n');
}
