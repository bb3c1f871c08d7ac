/** @module The door contract run against the real Discord door (discord.js logged in to the fake Discord on 127.0.0.1). */
import { Events } from 'discord.js';
import { readFileSync } from 'node:fs';
import { createBot } from '../../src/app/build.ts';
import { parseConfig } from '../../src/app/load-config.ts';
import { parseDoorSettings } from '../../src/app/settings.ts';
import { discordName } from '../../src/adapters/discord/commands.ts';
import { startDiscordDoor } from '../../src/adapters/discord/discord-door.ts';
import { messageProblems } from '../../src/adapters/discord/limits.ts';
import { knownPhraseTester, splitArgs, tokenize, findSubcommand } from '../../src/core/args.ts';
import { usage, type Command } from '../../src/core/command.ts';
import type { Config } from '../../src/core/config.ts';
import type { Logger } from '../../src/core/ports.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';
import {
  noIdentifyThrottle,
  startFakeDiscord,
  type OptionsInput,
  type RecordedRequest,
} from '../helpers/fake-discord.ts';
import { SAMPLE_CONFIG } from '../helpers/test-bot.ts';
import { runDoorContract, type DoorHarness, type MakeHarness, type UserKey } from './door-contract.ts';

/** Discord ids of the sample config: the secretariat, Mme ROY, and someone it does not know. */
const USER: Record<UserKey, string> = {
  secretary: '300000000000000010',
  delegate: '300000000000000004',
  reader: '399999999999999999',
};

type Json = any;

/** A slash invocation for a declared command line, its words split as the core splits them; undefined when it would not split. */
function slashFor(
  line: string,
  commands: readonly Command[],
  config: Config,
): { name: string; subcommand?: string; options: OptionsInput } | undefined {
  const tokens = tokenize(line.trim());
  const name = (tokens.shift() ?? '').replace(/^\//, '');
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) return undefined;
  let target = cmd;
  let sub: Command | undefined;
  if (cmd.subcommands) {
    sub = findSubcommand(cmd, tokens[0]) ?? findSubcommand(cmd, cmd.defaultSubcommand);
    if (!sub) return undefined;
    if (findSubcommand(cmd, tokens[0])) tokens.shift();
    target = sub;
  }
  try {
    const raw = splitArgs(target.args ?? [], tokens, usage(target, sub ? cmd : undefined), {
      delegate: knownPhraseTester(
        config.roster.flatMap((d) => d.keys),
        true,
      ),
      service: knownPhraseTester(
        config.catalogue.services.flatMap((s) => s.keys),
        false,
      ),
    });
    const options: Record<string, string | number> = {};
    for (const [arg, value] of Object.entries(raw)) {
      const spec = target.args!.find((a) => a.name === arg)!;
      options[discordName(arg)] = spec.kind === 'integer' && /^\d+$/.test(value) ? Number(value) : value;
    }
    return { name: discordName(cmd.name), ...(sub ? { subcommand: discordName(sub.name) } : {}), options };
  } catch {
    return undefined; // the user would not get past Discord's form; as a DM the core answers the same error
  }
}

/** What a user reads of a message body: Markdown escapes removed. */
function readable(body: Json): string {
  const embeds = (body?.embeds ?? []) as Json[];
  return [
    body?.content,
    ...embeds.flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f: Json) => [f.name, f.value]),
      e.footer?.text,
    ]),
  ]
    .filter(Boolean)
    .join('\n')
    .replace(/\\([^\w\s])/g, '$1');
}

/** A request that carries a message the door sent to a user, and that message. */
function answerBody(r: RecordedRequest): Json | undefined {
  if (r.method === 'POST' && r.path.endsWith('/callback'))
    return [4, 7].includes(r.body?.type) ? r.body.data : undefined;
  if (r.path.startsWith('/webhooks/') && (r.method === 'POST' || r.method === 'PATCH')) return r.body;
  if (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) return r.body;
  return undefined;
}

const makeDiscordHarness: MakeHarness = async ({ commands }) => {
  const fake = await startFakeDiscord();
  const yaml = readFileSync(SAMPLE_CONFIG, 'utf8')
    .replace('secretariatChannel: "400000000000000001"', `secretariatChannel: "${fake.secretariatChannelId}"`)
    .replace('delegatesChannel: "400000000000000002"', `delegatesChannel: "${fake.delegatesChannelId}"`);
  const config = parseConfig(yaml, SAMPLE_CONFIG);
  const logs: string[] = [];
  const logger: Logger = { info: () => undefined, warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const hub = createBot({
    config,
    store: await openStore('memory:'),
    clock: createFakeClock('2026-11-29T10:00:00Z'),
    logger,
    commands,
  });
  const settings = parseDoorSettings(
    { DISCORD_TOKEN: 'test-token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl },
    config,
  );
  const door = await startDiscordDoor(hub.hostFor('discord'), settings.discord!, {
    ws: noIdentifyThrottle,
    rest: { retries: 0, timeout: 2000 },
  });
  hub.addDoor(door);
  const answers = () => fake.requests.map(answerBody).filter((b) => b !== undefined);
  let last: Json[] = [];

  /** Resolves once the client received the event `matches` recognises and the door finished handling it. */
  const handled = async (
    matches: (e: Json) => boolean,
    event: typeof Events.InteractionCreate | typeof Events.MessageCreate,
    send: () => void,
  ) => {
    const seen = new Promise<void>((resolve) => {
      const on = (e: Json) => {
        if (!matches(e)) return;
        door.client.off(event, on);
        resolve();
      };
      door.client.on(event, on);
    });
    send();
    await seen;
    await door.idle();
  };

  return {
    hub,
    async send(line, as) {
      const from = fake.requests.length;
      const slash = slashFor(line, commands, config);
      if (slash) {
        let id = '';
        await handled(
          (i) => i.id === id,
          Events.InteractionCreate,
          () => {
            id = fake.sendCommand({ ...slash, userId: USER[as] }).id;
          },
        );
      } else {
        // Discord only offers registered commands; anything else reaches the bot as a direct message.
        let id = '';
        await handled(
          (m) => m.id === id,
          Events.MessageCreate,
          () => {
            id = fake.sendMessage({ content: line, authorId: USER[as], dm: true }).id;
          },
        );
      }
      last = fake.requests
        .slice(from)
        .map(answerBody)
        .filter((b) => b !== undefined);
    },
    lastReplyText: () => last.map(readable).join('\n'),
    replyCount: () => answers().length,
    limitViolations: () =>
      answers().flatMap((b) => [
        ...messageProblems({ content: b.content, embeds: b.embeds, components: b.components, files: b.attachments }),
        ...(b.allowed_mentions?.parse?.length === 0 ? [] : ['mentions are not disabled']),
      ]),
    async sendOwnMessage(text) {
      for (const authorId of [fake.botUserId, '388888888888888888']) {
        let id = '';
        await handled(
          (m) => m.id === id,
          Events.MessageCreate,
          () => {
            id = fake.sendMessage({ content: text, authorId, dm: true, bot: true }).id;
          },
        );
      }
    },
    async close() {
      await hub.stop();
      await fake.close();
      if (logs.some((m) => m === 'discord interaction failed' || m === 'discord direct message failed')) {
        throw new Error(`the Discord door logged failures: ${logs.join(', ')}`);
      }
    },
  } satisfies DoorHarness;
};

runDoorContract('discord', makeDiscordHarness);
