/**
 * @module The Slack door: a Bolt app (HTTP on `/slack/events`, or Socket Mode with SLACK_APP_TOKEN) over the core.
 * It never calls Slack while starting (no `auth.test` in the constructor), keeps running while Slack is
 * unreachable, and delivers the bot's own messages (outbox) to the secretariat, the delegates or one delegate.
 * A request it posts (`opens`) is remembered, and updated with the outcome when any door settles it (`closes`).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type CustomRoute } from '@slack/bolt';
import type { ChatChannels, Door, DoorHost } from '../../core/door.ts';
import type { Logger } from '../../core/ports.ts';
import type { Outgoing, Recipient } from '../../core/reply.ts';
import { replyToBlockKitMessages } from './block-kit.ts';
import { boltLogger, scrubbingLogger } from './slack-logger.ts';
import { registerListeners, uploadAttachments } from './slack-listeners.ts';
import { envelopeOf, replayGuard, signedRequestOf } from './replay.ts';
import { DEPLOYMENT_SCOPE, slackInstallations } from './installations.ts';
import { INSTALL_PATH, oauthReceiverOptions, registerUninstall } from './oauth.ts';
import { answerEmptyPayloads } from './empty-payload.ts';
import { settleRequests, slackOpenRequests, updateRequests, type OpenRequest } from './open-requests.ts';
import type { SlackSettings } from './settings.ts';

export const SLACK_ENDPOINT = '/slack/events';
/** How often the door tries to reach Slack again after a failed start-up check. */
export const DEFAULT_PROBE_INTERVAL_MS = 60_000;

export interface SlackDoorOptions {
  /** Overrides the settings' port (0: any free port). */
  readonly port?: number;
  /** Interface to listen on (default: all). */
  readonly host?: string;
  /** Answer the HTTP request only after the listener finished (tests); never in production, acks must be fast. */
  readonly processBeforeResponse?: boolean;
  /** Web API retries (default: three within about 10 s; tests use `{ retries: 0 }`). */
  readonly retryConfig?: webApi.RetryOptions;
  readonly probeIntervalMs?: number;
  /** Bolt's own log level (default: warnings). */
  readonly logLevel?: LogLevel;
  /** How long a command may run before Slack is acked empty and answered later (default ACK_BUDGET_MS). */
  readonly ackBudgetMs?: number;
  /** Extra GET routes served by the HTTP receiver on the same port (the public page). */
  readonly customRoutes?: CustomRoute[];
  /**
   * OAuth mode: the workspace (team id) this door posts the bot's own messages to (reminders, convocations) when
   * the body names none (`slack.team`, handed in by `forBody`). Default: the only installed workspace.
   */
  readonly deliveryTeam?: () => string | undefined;
}

export interface SlackIdentity {
  readonly userId?: string;
  readonly botId?: string;
  readonly team?: string;
}

export interface SlackDoor extends Door {
  readonly mode: 'http' | 'socket';
  /** The port actually listened on (HTTP mode). */
  readonly port?: number;
  readonly app: App;
  /** The bot's identity once Slack answered `auth.test`. */
  identity(): SlackIdentity | undefined;
  /** Settles when the first check that Slack is reachable ended: true when it answered. */
  readonly reachable: Promise<boolean>;
  /**
   * One body's view of this door (several bodies, one Slack app): posts to that body's channels and keeps its
   * requests. `space`: the body's workspace (team id), for a token per workspace.
   */
  forBody(host: DoorHost, channels: ChatChannels, space?: string): Door;
}

interface DeliveryClients {
  readonly api: webApi.WebClient;
  readonly keyed: webApi.WebClient;
}

/** Slack errors meaning this door cannot reach the delegate (account gone, not visible): not a failure of Slack. */
const UNREACHABLE_USER_ERRORS = new Set(['user_not_found', 'user_disabled', 'user_not_visible', 'cannot_dm_bot']);

function platformErrorOf(e: unknown): string | undefined {
  const err = e as { code?: string; data?: { error?: string } };
  return err?.code === webApi.ErrorCode.PlatformError ? err.data?.error : undefined;
}

/** What the Web API throws once its retries after a 429 ran out (a plain Error wrapped as a request error). */
const RATE_LIMIT = /rate limit was exceeded.*retry-after: (\d+)/i;

/** Internal addresses (the API URL, a proxy) never reach user-visible text such as /rappels. */
export function withoutUrls(s: string): string {
  return s.replace(/\s*\(url: [^)]*\)/gi, '').replace(/\b(?:https?|wss?):\/\/[^\s),]+/gi, '[adresse masquée]');
}

const rateLimited = (seconds: unknown) =>
  `limite de débit de Slack atteinte${typeof seconds === 'number' || typeof seconds === 'string' ? ` (réessai possible dans ${seconds} s)` : ''}`;

/** A failed Web API call, in French for the secretariat (/rappels shows it); never contains the token or an URL. */
export function slackFailureText(e: unknown): string {
  const err = e as { code?: string; statusCode?: number; retryAfter?: number; original?: Error; message?: string };
  switch (err?.code) {
    case webApi.ErrorCode.HTTPError:
      return err.statusCode === 429 ? rateLimited(undefined) : `Slack a répondu HTTP ${err.statusCode}`;
    case webApi.ErrorCode.PlatformError:
      return `Slack a refusé l'envoi (${platformErrorOf(e)})`;
    case webApi.ErrorCode.RateLimitedError:
      return rateLimited(err.retryAfter);
    case webApi.ErrorCode.RequestError: {
      const detail = err.original?.message ?? 'erreur réseau';
      const limited = RATE_LIMIT.exec(detail);
      return limited ? rateLimited(limited[1]) : `Slack injoignable (${withoutUrls(detail)})`;
    }
    default:
      return `envoi Slack impossible (${withoutUrls(e instanceof Error ? e.message : String(e))})`;
  }
}

/** Starts the door on the settings the app parsed (src/app/settings.ts checks that they are complete). */
export async function startSlackDoor(
  host: DoorHost,
  settings: SlackSettings,
  opts: SlackDoorOptions = {},
): Promise<SlackDoor> {
  const { botToken, signingSecret, appToken, channels, oauth } = settings;
  const secrets = [botToken, signingSecret, appToken, oauth?.clientSecret, oauth?.stateSecret];
  // Installed workspaces' tokens are not known here: the scrubber also masks any token-shaped string.
  const log = scrubbingLogger(
    host.logger,
    secrets.filter((x): x is string => Boolean(x)),
  );
  const bolt = boltLogger(log, opts.logLevel ?? LogLevel.WARN);
  const slackApiUrl = settings.apiUrl;
  const retryConfig = opts.retryConfig ?? { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 8000 };
  const clientOptions: webApi.WebClientOptions = {
    logger: bolt,
    retryConfig,
    timeout: 15_000,
    ...(slackApiUrl ? { slackApiUrl } : {}),
  };
  const clients = new Map<string, DeliveryClients>();
  const clientsFor = (token: string): DeliveryClients => {
    let c = clients.get(token);
    if (!c) {
      c = {
        api: new webApi.WebClient(token, clientOptions),
        // Keyed posts (reminders) are retried by the outbox, which first looks for them in the history: the client's
        // own retries (a slow API timing out, a 429 waited in-process) could post copies nobody checks for.
        keyed: new webApi.WebClient(token, {
          ...clientOptions,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        }),
      };
      clients.set(token, c);
    }
    return c;
  };
  const installations = oauth ? slackInstallations(host.store.forBody(DEPLOYMENT_SCOPE)) : undefined;
  /** Who posts the bot's own messages: the one token, or the installation of the delivery team (OAuth). */
  async function deliveryClients(wanted: string | undefined): Promise<DeliveryClients | undefined> {
    if (botToken) return clientsFor(botToken);
    const installed = wanted ? [wanted] : await installations!.installed();
    const [team, other] = installed;
    if (!team || other) {
      log.warn('slack: no workspace to post to (OAuth: none installed, or several and none chosen)', {
        installed: installed.length,
      });
      return undefined;
    }
    const token = team.startsWith('enterprise:')
      ? await installations!.botTokenFor('', team.slice('enterprise:'.length))
      : await installations!.botTokenFor(team);
    if (!token) log.warn('slack: the workspace to post to has no installation', { team });
    return token ? clientsFor(token) : undefined;
  }
  const probeClient = botToken
    ? new webApi.WebClient(botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 5000 })
    : undefined;

  let identity: SlackIdentity | undefined;
  // `authorize` instead of `token`: Bolt would otherwise call auth.test in its constructor and crash when offline.
  // In OAuth mode Bolt authorizes each request with its team's installation (installations.ts).
  const authorize = botToken
    ? async () => ({ botToken, botId: identity?.botId, botUserId: identity?.userId })
    : undefined;
  const mode = appToken ? 'socket' : 'http';
  const receiver = appToken
    ? new SocketModeReceiver({
        appToken,
        logger: bolt,
        customPropertiesExtractor: envelopeOf,
        installerOptions: { clientOptions: { retryConfig, ...(slackApiUrl ? { slackApiUrl } : {}) } },
      })
    : new HTTPReceiver({
        signingSecret: signingSecret!,
        endpoints: SLACK_ENDPOINT,
        processBeforeResponse: opts.processBeforeResponse ?? false,
        logger: bolt,
        customRoutes: opts.customRoutes ?? [],
        customPropertiesExtractor: signedRequestOf,
        ...(oauth && installations ? oauthReceiverOptions(oauth, installations, clientOptions, log) : {}),
      });
  if (receiver instanceof HTTPReceiver) answerEmptyPayloads(receiver, SLACK_ENDPOINT, signingSecret!, log);
  // convoStore: false: Bolt's default conversation store (unused here) runs on every request and, for each
  // conversation it has nothing for, builds an Error with its stack (≈ 40 µs per command, bench/NOTES.md).
  const app = new App({
    ...(authorize ? { authorize } : {}),
    receiver,
    logger: bolt,
    clientOptions,
    convoStore: false,
  });
  app.use(replayGuard(host.store, log));
  if (installations) registerUninstall(app, installations, log);
  registerListeners(app, { host, log, channels, botUserId: () => identity?.userId, ackBudgetMs: opts.ackBudgetMs });

  const apiLabel = slackApiUrl ?? 'https://slack.com/api/';
  let probeTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const probeEvery = opts.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  // Who the bot is, asked after start (never in the constructor); retried while Slack cannot be reached.
  async function probe(): Promise<boolean> {
    if (!probeClient) return true; // OAuth: each installation was checked when it was made
    try {
      const r = await probeClient.auth.test();
      identity = { userId: r.user_id, botId: r.bot_id, team: r.team };
      log.info('slack: connected', { team: r.team, botUserId: r.user_id, api: apiLabel });
      return true;
    } catch (e) {
      if (stopped) return false;
      if ((e as { code?: string }).code === webApi.ErrorCode.PlatformError) {
        // Slack answered: retrying will not help until the token is fixed.
        log.error('slack: Slack refused the bot token; check SLACK_BOT_TOKEN', {
          error: (e as { data?: { error?: string } }).data?.error,
        });
        return false;
      }
      log.warn('slack: Slack is unreachable; the door keeps running and will retry', {
        api: apiLabel,
        retryInSeconds: Math.round(probeEvery / 1000),
        error: e instanceof Error ? e.message : String(e),
      });
      probeTimer = setTimeout(() => void probe(), probeEvery);
      probeTimer.unref();
      return false;
    }
  }

  let port: number | undefined;
  let socketRetry: NodeJS.Timeout | undefined;
  if (mode === 'http') {
    const server = (await app.start({
      port: opts.port ?? settings.port,
      ...(opts.host ? { host: opts.host } : {}),
    })) as Server;
    port = (server.address() as AddressInfo).port;
    log.info('slack: listening', { mode, port, endpoint: SLACK_ENDPOINT, ...(oauth ? { install: INSTALL_PATH } : {}) });
  } else {
    const connect = async (): Promise<void> => {
      try {
        await app.start();
        log.info('slack: connected in Socket Mode');
      } catch (e) {
        if (stopped) return;
        log.warn('slack: Socket Mode could not connect; retrying', {
          retryInSeconds: Math.round(probeEvery / 1000),
          error: e instanceof Error ? e.message : String(e),
        });
        socketRetry = setTimeout(() => void connect(), probeEvery); // keeps the process alive on purpose
      }
    };
    void connect();
  }
  const reachable = probe();

  async function channelFor(
    api: webApi.WebClient,
    host: DoorHost,
    channels: ChatChannels,
    to: Recipient,
  ): Promise<string | undefined> {
    if (to.kind === 'secretariat') return channels.secretariatChannel;
    if (to.kind === 'delegates') return channels.delegatesChannel;
    const slackId = host.accountOf(to.id);
    if (!slackId) return undefined;
    try {
      const opened = await api.conversations.open({ users: slackId });
      return opened.channel?.id;
    } catch (e) {
      const error = platformErrorOf(e);
      if (!error || !UNREACHABLE_USER_ERRORS.has(error)) throw e;
      log.warn('slack: cannot send a direct message to this delegate', { delegate: to.id, error });
      return undefined;
    }
  }

  /** Delivery and edits for one body: its channels, its delegates' accounts, its remembered requests. */
  /**
   * Delivery and edits for one body: its channels, its delegates' accounts, its remembered requests. `space`: the
   * body's workspace (team id), whose installation's token posts in OAuth mode.
   */
  function viewFor(host: DoorHost, channels: ChatChannels, space?: string): Door {
    const clients = () => deliveryClients(space ?? opts.deliveryTeam?.());
    return {
      name: 'slack',
      // False only when this door cannot reach the recipient; a Slack failure throws, so the hub retries and records it.
      async deliver(message: Outgoing): Promise<boolean> {
        let channel: string | undefined;
        let last: OpenRequest | undefined;
        const c = await clients();
        if (!c) return false;
        const { api, keyed: keyedClient } = c;
        try {
          channel = await channelFor(api, host, channels, message.to);
          if (!channel) return false;
          if (message.key && message.recheck && (await alreadyPosted(api, channel, message.key, log))) return true;
          const metadata = message.key
            ? { event_type: REMINDER_EVENT, event_payload: { key: message.key } }
            : undefined;
          for (const page of replyToBlockKitMessages(message.reply)) {
            const posted = await (metadata ? keyedClient : api).chat.postMessage({
              channel,
              text: page.text,
              blocks: page.blocks,
              ...(metadata ? { metadata } : {}),
            });
            if (posted.ts) last = { channel: posted.channel ?? channel, ts: posted.ts, ...page };
          }
        } catch (e) {
          log.warn('slack: delivery failed', {
            to: message.to.kind,
            error: e instanceof Error ? e.message : String(e),
          });
          throw new Error(slackFailureText(e), { cause: e });
        }
        // After the text, best effort: failing here and retrying would post the text twice (the text names the file).
        if (message.reply.opens && last) await slackOpenRequests(host.store, log).remember(message.reply.opens, last);
        await uploadAttachments(api, channel, message.reply, log);
        return true;
      },
      async settle(key, outcome) {
        const c = await clients();
        if (c) await settleRequests(c.api, host.store, key, outcome, log);
      },
      async update(key, reply) {
        const c = await clients();
        if (c) await updateRequests(c.api, host.store, key, reply, log);
      },
      stop: async () => undefined, // the shared door stops once, with the deployment
    };
  }

  return {
    ...viewFor(host, channels),
    name: 'slack',
    mode,
    port,
    app,
    reachable,
    identity: () => identity,
    forBody: viewFor,
    async stop() {
      stopped = true;
      clearTimeout(probeTimer);
      clearTimeout(socketRetry);
      await app
        .stop()
        .catch((e: unknown) => log.warn('slack: stop failed', { error: e instanceof Error ? e.message : String(e) }));
    },
  };
}

/** The Slack message metadata type of what the bot posts with a key (reminders): found again in the history. */
export const REMINDER_EVENT = 'seance_reminder';

/**
 * After an ambiguous failure (timeout, 5xx, a process killed mid-post) the message may be in the channel
 * already: the recent history, with metadata, says. When the history cannot be read, post (at least once).
 */
async function alreadyPosted(api: webApi.WebClient, channel: string, key: string, log: Logger): Promise<boolean> {
  try {
    const history = await api.conversations.history({ channel, limit: 50, include_all_metadata: true });
    return (history.messages ?? []).some((m) => {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
      return meta?.event_type === REMINDER_EVENT && meta.event_payload?.key === key;
    });
  } catch (e) {
    log.warn('slack: could not read the history before posting again', {
      error: e instanceof Error ? e.message : String(e),
    });
    return false;
  }
}
