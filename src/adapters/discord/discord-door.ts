/**
 * @module The Discord door: a discord.js Client with the minimum intents (Guilds, DirectMessages), wired to the
 * core. It turns interactions and DMs into commands, renders replies, and delivers what the bot starts itself;
 * a request it posts (`opens`) is remembered and edited with the outcome when any door settles it (`closes`).
 */
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions, type RESTOptions } from 'discord.js';
import type { ChatChannels, Door, DoorHost } from '../../core/door.ts';
import type { Outgoing } from '../../core/reply.ts';
import { createCommandIndex } from './commands.ts';
import { createDelivery } from './deliver.ts';
import { claimDiscordEvent, type DiscordEventKind } from './claims.ts';
import { handleDirectMessage, isDirectMessageToBot } from './direct-messages.ts';
import { NO_MENTIONS } from './embeds.ts';
import { handleInteraction } from './interactions.ts';
import { inviteUrl } from './invite.ts';
import { settleRequests, updateRequests } from './open-requests.ts';
import { errorText } from './send.ts';
import type { DiscordSettings } from './settings.ts';

export interface DiscordDoorOptions {
  /** discord.js WebSocket options (tests pass `noIdentifyThrottle`). */
  readonly ws?: ClientOptions['ws'];
  /** REST options merged over the defaults (tests: `{ retries: 0, timeout: 2000 }`). */
  readonly rest?: Partial<RESTOptions>;
  /** Acknowledge an interaction not answered after this delay (default 1,500 ms; Discord allows 3 s). */
  readonly deferAfterMs?: number;
  /** Give up logging in after this delay (default 60 s). */
  readonly readyTimeoutMs?: number;
}

export interface DiscordDoor extends Door {
  readonly name: 'discord';
  readonly client: Client;
  /** Resolves once every interaction and DM received so far is fully handled (answered, outbox delivered). */
  idle(): Promise<void>;
  /** One body's view of this door (several bodies, one Discord bot): posts to that body's channels and keeps its requests. */
  forBody(host: DoorHost, channels: ChatChannels): Door;
}

/** The error `startDiscordDoor` rejects with: a French sentence, never the token. */
export class DiscordStartError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'DiscordStartError';
  }
}

function startError(e: unknown, token: string): DiscordStartError {
  const code = (e as { code?: unknown })?.code;
  if (code === 'TokenInvalid') {
    return new DiscordStartError(
      'Discord a refusé le jeton du bot (DISCORD_TOKEN invalide ou révoqué) : régénérez-le dans le portail développeur, onglet Bot.',
      'discord.token-refused',
    );
  }
  if (code === 'DisallowedIntents') {
    return new DiscordStartError('Discord refuse les intents demandés par le bot.', 'discord.intents');
  }
  const detail = errorText(e).split(token).join('[secret]');
  return new DiscordStartError(`Connexion à Discord impossible : ${detail}`, 'discord.login-failed');
}

function readyWithin(client: Client, ms: number): { ready: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = () => resolve();
    client.once(Events.ClientReady, onReady);
    timer = setTimeout(() => reject(new Error(`pas de session prête après ${ms} ms`)), ms);
  });
  ready.catch(() => undefined); // awaited by the caller; this only keeps an early timeout from going unhandled
  return {
    ready,
    cancel() {
      clearTimeout(timer);
      if (onReady) client.off(Events.ClientReady, onReady);
    },
  };
}

/** Starts the door on the settings the app parsed (src/app/settings.ts checks that they are complete). */
export async function startDiscordDoor(
  host: DoorHost,
  settings: DiscordSettings,
  opts: DiscordDoorOptions = {},
): Promise<DiscordDoor> {
  const { token, applicationId, channels } = settings;
  const { logger } = host;
  const client = new Client({
    // No privileged intent: interactions need none, and DM content is readable with DirectMessages alone.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { ...(settings.apiUrl ? { api: settings.apiUrl } : {}), ...opts.rest },
    ...(opts.ws ? { ws: opts.ws } : {}),
  });

  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const deps = { host, channels, index: createCommandIndex(host.commands), deferAfterMs: opts.deferAfterMs ?? 1500 };
  // Replicas: every process receives every event; the one that claims it answers (claims.ts).
  const claimed = (kind: DiscordEventKind, id: string) => claimDiscordEvent(host.store, kind, id, logger);
  client.on(Events.InteractionCreate, (interaction) =>
    track(
      claimed('interaction', interaction.id).then((mine) => (mine ? handleInteraction(deps, interaction) : undefined)),
    ),
  );
  client.on(Events.MessageCreate, (message) =>
    track(
      isDirectMessageToBot(message)
        ? claimed('message', message.id).then((mine) =>
            mine ? handleDirectMessage(host, message, channels) : undefined,
          )
        : Promise.resolve(),
    ),
  );
  client.on(Events.Error, (e) => logger.error('discord client error', { error: errorText(e) }));
  client.on(Events.Warn, (msg) => logger.warn('discord warning', { detail: msg }));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn('discord gateway disconnected', { shard, code: event.code }),
  );
  client.on(Events.ShardReconnecting, (shard) => logger.info('discord gateway reconnecting', { shard }));
  client.on(Events.ShardResume, (shard, replayed) => logger.info('discord gateway resumed', { shard, replayed }));
  client.on(Events.ShardError, (e, shard) => logger.warn('discord gateway error', { shard, error: errorText(e) }));
  client.on(Events.Invalidated, () => logger.error('discord session invalidated'));

  // discord.js builds structures inside its async gateway handler: a malformed payload throws there and
  // surfaces only as an unhandled rejection, which would end the process. Log it and carry on.
  const guard = (reason: unknown) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    logger.error('unhandled rejection (skipped; a malformed Discord payload?)', {
      error: detail.split(token).join('[secret]'),
    });
  };
  process.on('unhandledRejection', guard);

  const { ready, cancel } = readyWithin(client, opts.readyTimeoutMs ?? 60_000);
  try {
    await Promise.all([client.login(token), ready]);
  } catch (e) {
    cancel();
    process.off('unhandledRejection', guard);
    await client.destroy().catch(() => undefined);
    const err = startError(e, token);
    logger.error('discord door could not start', { code: err.code, error: err.message });
    throw err;
  }
  cancel();

  if (client.application && client.application.id !== applicationId) {
    logger.warn("DISCORD_APPLICATION_ID differs from the bot's application", {
      configured: applicationId,
      actual: client.application.id,
    });
  }
  for (const [what, id] of [
    ['secretariatChannel', channels.secretariatChannel],
    ['delegatesChannel', channels.delegatesChannel],
  ] as const) {
    if (!id) logger.warn(`discord.${what} is not set in the config: messages for it are not posted on Discord`);
  }
  const invite = inviteUrl(applicationId);
  logger.info('discord door ready', { bot: client.user?.tag, guilds: client.guilds.cache.size, invite });
  if (client.guilds.cache.size === 0) logger.warn('the Discord bot is in no server yet: invite it', { invite });

  let stopped = false;
  /** Delivery and edits for one body: its channels, its delegates' accounts, its remembered requests. */
  const viewFor = (h: DoorHost, ch: ChatChannels): Door => {
    const deliver = createDelivery(client, h, ch);
    return {
      name: 'discord',
      deliver: (message: Outgoing) => (stopped ? Promise.resolve(false) : deliver(message)),
      settle: (key, outcome) => (stopped ? Promise.resolve() : settleRequests(client, h.store, key, outcome, h.logger)),
      update: (key, reply) => (stopped ? Promise.resolve() : updateRequests(client, h.store, key, reply, h.logger)),
      stop: async () => undefined, // the shared door stops once, with the deployment
    };
  };
  return {
    ...viewFor(host, channels),
    name: 'discord',
    client,
    forBody: viewFor,
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Let answers in flight finish (briefly) before the connection goes.
      await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, 2000).unref())]);
      await client.destroy().catch(() => undefined);
      process.off('unhandledRejection', guard);
      logger.info('discord door stopped');
    },
  };
}
