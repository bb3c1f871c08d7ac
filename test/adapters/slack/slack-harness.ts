/**
 * @module Test helper: the real Slack door (real Bolt, HTTP on 127.0.0.1) on an in-process bot, against the fake
 * Slack Web API, with signed requests playing the Slack users of the sample config.
 */
import { createBot, type Bot } from '../../../src/app/build.ts';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { parseDoorSettings } from '../../../src/app/settings.ts';
import { startSlackDoor, type SlackDoor, type SlackDoorOptions } from '../../../src/adapters/slack/slack-door.ts';
import type { Actor, Command } from '../../../src/core/command.ts';
import type { Logger, Store } from '../../../src/core/ports.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { createFakeClock } from '../../../src/infra/clock.ts';
import { openStore } from '../../../src/infra/keyv-store.ts';
import {
  blockActionPayload,
  postEvent,
  postInteraction,
  postSlashCommand,
  startFakeSlack,
  type ApiCall,
  type FakeSlack,
  type ResponseUrlPost,
  type SignedRequestOptions,
  type SlackHttpResult,
} from '../../helpers/fake-slack.ts';
import { SAMPLE_CONFIG } from '../../helpers/test-bot.ts';

export const BOT_TOKEN = 'xoxb-1234567890-0987654321-SeanceTestBotToken';
export const SIGNING_SECRET = 'seance-test-signing-secret-8f3a9c';
export const APP_TOKEN = 'xapp-1-A0TEST-1234-SeanceTestAppToken';
export const BOT_USER = 'UFAKEBOT';

/** Slack user ids of the sample config (config/somme-numerique.yaml). */
export const USERS = {
  varlet: 'U0VARLET01',
  parsis: 'U0PARSIS01',
  payen: 'U0PAYEN001',
  roy: 'U0ROY00001',
  secretary: 'U0SECRET01',
  mairie: 'U0MAIRIE01',
  stranger: 'U0STRANGER',
} as const;
export const SECRETARIAT = 'C0SECRETAR';

export interface LogLine {
  level: string;
  msg: string;
  data?: Record<string, unknown>;
}

export interface SlackHarness {
  readonly hub: Bot;
  readonly fake: FakeSlack;
  readonly door: SlackDoor;
  readonly url: string;
  readonly logs: LogLine[];
  /** Runs a line as the secretary straight through the dispatcher (to look at state), as text. */
  peek(line: string): Promise<string>;
  /**
   * A signed slash command; resolves after Bolt answered, with its answers: the ack's body first (a command
   * answers in its ack when it is done within the budget), then what reached the response_url.
   */
  command(
    user: string,
    line: string,
    opts?: SignedRequestOptions & { channel?: string },
  ): Promise<{ http: SlackHttpResult; responses: ResponseUrlPost[] }>;
  /** A signed button click on a message the bot posted. */
  click(
    user: string,
    button: { action_id: string; value: string },
    message: ApiCall,
    ts?: string,
  ): Promise<{ http: SlackHttpResult; responses: ResponseUrlPost[] }>;
  /** A signed message event (a DM by default). */
  message(user: string | undefined, text: string, extra?: Record<string, unknown>): Promise<SlackHttpResult>;
  close(): Promise<void>;
}

export interface HarnessOptions extends SlackDoorOptions {
  readonly commands?: readonly Command[];
  readonly env?: NodeJS.ProcessEnv;
  /** Give this API URL to the door instead of the fake's (e.g. a closed port). */
  readonly apiUrl?: string;
  readonly now?: string;
  /** Wraps the bot's store (e.g. to slow its writes down). */
  readonly wrapStore?: (store: Store) => Store;
  /** Runs on the fake before the door starts (e.g. to answer `apps.connections.open`). */
  readonly prepare?: (fake: FakeSlack) => void;
}

export const secretaryActor: Actor = { name: 'Test (secrétariat)', role: 'secretary', door: 'test' };

let tsCounter = 0;
const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

export async function startSlackHarness(opts: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlack({ botUserId: BOT_USER });
  opts.prepare?.(fake);
  const logs: LogLine[] = [];
  const logger: Logger = {
    info: (msg, data) => logs.push({ level: 'info', msg, data }),
    warn: (msg, data) => logs.push({ level: 'warn', msg, data }),
    error: (msg, data) => logs.push({ level: 'error', msg, data }),
  };
  const hub = createBot({
    config: loadConfigFile(SAMPLE_CONFIG),
    store: (opts.wrapStore ?? ((s) => s))(await openStore('memory:')),
    clock: createFakeClock(opts.now ?? '2026-11-29T10:00:00Z'),
    logger,
    commands: opts.commands,
  });
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: opts.apiUrl ?? fake.apiUrl,
    ...opts.env,
  };
  const door = await startSlackDoor(hub.hostFor('slack'), parseDoorSettings(env, hub.config).slack!, {
    port: 0,
    host: '127.0.0.1',
    processBeforeResponse: true,
    retryConfig: { retries: 0 },
    ...opts,
  });
  hub.addDoor(door);
  await door.reachable;
  const url = `http://127.0.0.1:${door.port}/slack/events`;
  const responsesTo = (id: string) => fake.responses.filter((r) => r.id === id);
  // The answer carried by the HTTP ack, shown as the first response (same shape as a response_url post).
  const ackAnswer = (id: string, http: SlackHttpResult): ResponseUrlPost[] =>
    http.json && typeof http.json === 'object'
      ? [{ kind: 'response', id, body: http.json, status: http.status, at: Date.now() }]
      : [];
  let n = 0;

  return {
    hub,
    fake,
    door,
    url,
    logs,
    peek: async (line) => replyToText(await hub.dispatcher.runLine(line, secretaryActor)),
    async command(user, line, o = {}) {
      const [name = '', ...rest] = line.split(' ');
      const id = `cmd${++n}`;
      const http = await postSlashCommand(
        url,
        SIGNING_SECRET,
        {
          command: name,
          text: rest.join(' '),
          user_id: user,
          channel_id: o.channel ?? 'C0GENERAL',
          response_url: fake.responseUrl(id),
        },
        o,
      );
      return { http, responses: [...ackAnswer(id, http), ...responsesTo(id)] };
    },
    async click(user, button, message, ts = '1700000000.000100') {
      const id = `click${++n}`;
      const http = await postInteraction(
        url,
        SIGNING_SECRET,
        blockActionPayload({
          ...button,
          user_id: user,
          channel_id: String(message.body.channel),
          message_ts: ts,
          message_blocks: message.body.blocks as unknown[],
          message_user: BOT_USER,
          response_url: fake.responseUrl(id),
        }),
      );
      return { http, responses: responsesTo(id) };
    },
    message(user, text, extra = {}) {
      return postEvent(
        url,
        SIGNING_SECRET,
        {
          type: 'message',
          channel: `D${user ?? 'X'}`,
          channel_type: 'im',
          text,
          ts: nextTs(),
          ...(user ? { user } : {}),
          ...extra,
        },
        { bot_user_id: BOT_USER },
      );
    },
    async close() {
      await hub.stop();
      await fake.close();
    },
  };
}
