/**
 * A fake Discord (REST API + gateway) on 127.0.0.1 for end-to-end tests of a real discord.js Client.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents, rest: { api: fake.apiUrl, retries: 0, timeout: 2000 } });
 *   await client.login('any-token');
 *   const { id } = fake.sendCommand({ name: 'seance', subcommand: 'ouvrir', userId: '42' });
 *   const req = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`));
 *
 * One HTTP server serves the REST API under /api/v10 and the gateway (WebSocket) under /gateway.
 * Every REST request is recorded in `requests` (path relative to /api/v10, percent-decoded). Dispatch
 * helpers send complete payloads: discord.js throws on missing fields such as `entitlements`.
 * See /work/shared/loopback-testing.md for the observed behaviour of discord.js this is built on.
 *
 * Client side: DMs need `GatewayIntentBits.DirectMessages` + `Partials.Channel`; guild messages need
 * `GuildMessages` (and `MessageContent` to read text not mentioning the bot), as enforced here.
 * Wait for `clientReady`/`shardReady`/`shardResume` before `client.destroy()`: destroying between
 * IDENTIFY and READY makes discord.js 14.28 reconnect forever.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';

/** Discord payloads are loose JSON; `any` keeps test assertions short. */
type Json = any;

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  /** Defaults to the application id, as for real bots. */
  botUserId?: string;
  /** Answer `GET /gateway/bot` with 401, so `client.login()` rejects with TokenInvalid. */
  rejectToken?: boolean;
  /** Gateway HELLO heartbeat interval (default 1000 ms). */
  heartbeatIntervalMs?: number;
  guildName?: string;
  /**
   * Send each dispatch to every identified session, as Discord does for several processes logged in with one
   * token on one shard (replicas); default: only the latest session.
   */
  everySession?: boolean;
}

export interface RecordedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Path relative to `/api/v10`, percent-decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; for multipart requests the parsed `payload_json`; `undefined` when empty. */
  body: Json;
  /** Files of a multipart request (empty otherwise). */
  files: RecordedFile[];
  headers: IncomingHttpHeaders;
  /** Status the fake answered with. */
  status: number;
}

export type RawOption = { name: string; type: number; value?: unknown; focused?: boolean; options?: RawOption[] };
/** Options as `{ name: value }` (string → 3, integer → 4, other number → 10, boolean → 5) or raw. */
export type OptionsInput = Record<string, string | number | boolean> | RawOption[];

interface WhereInput {
  userId: string;
  username?: string;
  /** Guild id (default: the fake's guild). Ignored when `dm` is true. */
  guildId?: string;
  /** Send from a DM with the bot instead of the guild. */
  dm?: boolean;
  /** Default: the secretariat channel in a guild, the user's DM channel in DMs. */
  channelId?: string;
  /** Member role ids (guild only). */
  roles?: string[];
  /** Member permission bitfield (guild only); default: an ordinary member's permissions. */
  permissions?: string;
  locale?: string;
}

export interface CommandInput extends WhereInput {
  name: string;
  options?: OptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
  commandId?: string;
}

export interface AutocompleteInput extends CommandInput {
  /** Name of the focused option, unless a raw option already has `focused: true`. */
  focused?: string;
}

export interface ButtonInput extends WhereInput {
  customId: string;
  /** The message the button is on; default: the last message the bot posted in the channel. */
  message?: Json;
}

export interface MessageInput {
  content: string;
  authorId: string;
  username?: string;
  /** Default: the secretariat channel, or the author's DM channel when `dm`. */
  channelId?: string;
  dm?: boolean;
  bot?: boolean;
  guildId?: string;
  /** Extra raw fields merged into the MESSAGE_CREATE payload (attachments, mentions...). */
  extra?: Json;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: Json;
}

export interface FakeDiscord {
  apiUrl: string;
  gatewayUrl: string;
  applicationId: string;
  guildId: string;
  botUserId: string;
  secretariatChannelId: string;
  delegatesChannelId: string;
  secretariatRoleId: string;
  requests: RecordedRequest[];
  /** Raw payloads received on the gateway (IDENTIFY, HEARTBEAT, RESUME...). */
  gatewayReceived: { op: number; d: Json }[];
  /** Messages `sendMessage` did not dispatch because the client lacks the intent (as Discord would). */
  undelivered: { t: string; d: Json; reason: string }[];
  /** WebSocket connections opened since start (or reset). */
  readonly connections: number;
  readonly identifies: number;
  readonly resumes: number;
  /** Intents of the last IDENTIFY, or null. */
  readonly intents: number | null;
  /** Emits 'request' (RecordedRequest), 'connection', 'identify', 'resume', 'close' (code). */
  events: EventEmitter;

  failNext(pattern: RegExp, times?: number, status?: number, body?: Json): void;
  sendDispatch(t: string, d: Json): number;
  sendRaw(t: string, d: Json): number;
  sendCommand(input: CommandInput): SentInteraction;
  sendAutocomplete(input: AutocompleteInput): SentInteraction;
  sendButton(input: ButtonInput): SentInteraction;
  sendMessage(input: MessageInput): Json;
  /** Close the client's socket; 4000 (default) makes discord.js RESUME, 1000 makes it IDENTIFY again. */
  dropConnection(code?: number): Promise<void>;
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves once `identifies` (default: current + 1) IDENTIFY payloads were received. */
  waitForIdentify(count?: number, timeoutMs?: number): Promise<void>;
  waitForResume(count?: number, timeoutMs?: number): Promise<void>;
  /** The fake DM channel between the bot and a user (created on first use). */
  dmChannelFor(userId: string): Json;
  user(id: string, username?: string): Json;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Client option `ws: noIdentifyThrottle` skips discord.js's identify throttle, which otherwise waits
 * 5 s between two IDENTIFYs (e.g. re-identifying after `dropConnection(1000)`).
 */
export const noIdentifyThrottle = {
  buildIdentifyThrottler: () => ({ waitForIdentify: async (): Promise<void> => {} }),
};

const DISCORD_EPOCH = 1420070400000n;
const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_DIRECT_MESSAGES = 1 << 12;
const INTENT_MESSAGE_CONTENT = 1 << 15;
const P = (bit: number) => 1n << BigInt(bit);
/** View channel, send messages, embed links, attach files, read history, add reactions, use commands. */
const MEMBER_PERMISSIONS = [10, 11, 14, 15, 16, 6, 31].reduce((acc, b) => acc | P(b), 0n).toString();
/** Every permission bit except Administrator (bit 3). */
const APP_PERMISSIONS = ((P(51) - 1n) & ~P(3)).toString();

let lastTs = 0n;
let inc = 0n;
function snowflake(): string {
  const ts = BigInt(Date.now()) - DISCORD_EPOCH;
  if (ts === lastTs) inc += 1n;
  else {
    lastTs = ts;
    inc = 0n;
  }
  return ((ts << 22n) + (inc & 0x3fffffn)).toString();
}

const json = (res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) => {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = opts.applicationId ?? '1100000000000000001';
  const botUserId = opts.botUserId ?? applicationId;
  const guildId = opts.guildId ?? '1100000000000000100';
  const secretariatChannelId = snowflake();
  const delegatesChannelId = snowflake();
  const secretariatRoleId = snowflake();
  const heartbeatInterval = opts.heartbeatIntervalMs ?? 1000;
  const events = new EventEmitter();
  events.setMaxListeners(100);

  // ---------- state ----------
  const users = new Map<string, Json>();
  const channels = new Map<string, Json>();
  const dmByUser = new Map<string, string>();
  const messages = new Map<string, Json>();
  const interactions = new Map<
    string,
    { id: string; channelId: string; guildId: string | null; original?: Json; acknowledged?: boolean }
  >();
  const failures: { pattern: RegExp; remaining: number; status: number; body?: Json }[] = [];
  const sockets = new Set<WebSocket>();
  const sessions = new Map<string, { seq: number }>();
  let current: { ws: WebSocket; sessionId: string } | null = null;
  /** Every identified (or resumed) connection and its session, for `everySession`. */
  const live = new Map<WebSocket, string>();
  let counters = { connections: 0, identifies: 0, resumes: 0 };
  let intents: number | null = null;

  const user = (id: string, username?: string): Json => {
    let u = users.get(id);
    if (!u) {
      u = {
        id,
        username: username ?? `user${id.slice(-4)}`,
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: false,
        system: false,
        public_flags: 0,
        flags: 0,
        banner: null,
        accent_color: null,
        avatar_decoration_data: null,
      };
      users.set(id, u);
    } else if (username) u.username = username;
    return u;
  };
  const botUser = user(botUserId, 'seance-bot');
  botUser.bot = true;

  const textChannel = (id: string, name: string, position: number): Json => ({
    id,
    type: 0,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  });
  channels.set(secretariatChannelId, textChannel(secretariatChannelId, 'secretariat', 0));
  channels.set(delegatesChannelId, textChannel(delegatesChannelId, 'delegates', 1));

  const dmChannelFor = (userId: string): Json => {
    let id = dmByUser.get(userId);
    if (!id) {
      id = snowflake();
      dmByUser.set(userId, id);
      channels.set(id, { id, type: 1, recipients: [user(userId)], last_message_id: null, flags: 0 });
    }
    return channels.get(id);
  };

  const member = (u: Json, roles: string[] = [], permissions?: string): Json => ({
    user: u,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions !== undefined ? { permissions } : {}),
  });

  const role = (id: string, name: string, position: number, permissions: string): Json => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0,
  });

  const guildObject = (): Json => ({
    id: guildId,
    name: opts.guildName ?? 'Assemblée de test',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '1100000000000000999',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      role(guildId, '@everyone', 0, MEMBER_PERMISSIONS),
      role(secretariatRoleId, 'Secrétariat', 1, MEMBER_PERMISSIONS),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'fr',
    nsfw_level: 0,
    max_video_channel_users: 25,
    max_members: 500000,
    // GUILD_CREATE-only fields
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    large: false,
    unavailable: false,
    member_count: 1,
    voice_states: [],
    members: [member(botUser, [])],
    channels: [...channels.values()].filter((c) => c.guild_id === guildId),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  });

  const message = (channelId: string, fields: Json): Json => {
    const channel = channels.get(channelId);
    const msg = {
      id: snowflake(),
      channel_id: channelId,
      ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author: botUser,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      mention_channels: [],
      attachments: [],
      embeds: [],
      components: [],
      reactions: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...fields,
    };
    messages.set(msg.id, msg);
    if (channel) channel.last_message_id = msg.id;
    return msg;
  };

  /** Keep only the message fields a create/edit body may carry. */
  const messageFields = (body: Json, files: RecordedFile[]): Json => {
    const out: Json = {};
    if (!body || typeof body !== 'object') return out;
    for (const k of ['content', 'embeds', 'components', 'flags', 'tts', 'poll'] as const) {
      if (body[k] !== undefined) out[k] = body[k];
    }
    if (files.length > 0 || Array.isArray(body.attachments)) {
      out.attachments = files.map((f, i) => ({
        id: snowflake(),
        filename: f.filename,
        size: f.data.length,
        url: `https://cdn.invalid/attachments/${i}/${f.filename}`,
        proxy_url: `https://cdn.invalid/attachments/${i}/${f.filename}`,
        content_type: f.contentType,
      }));
    }
    return out;
  };

  // ---------- REST ----------
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      json(res, 500, { message: String(err), code: 0 });
    });
  });

  async function readBody(req: IncomingMessage): Promise<{ body: Json; files: RecordedFile[] }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (raw.length === 0) return { body: undefined, files: [] };
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // undici's Response parses multipart bodies for us.
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      let body: Json;
      const files: RecordedFile[] = [];
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
        } else {
          files.push({
            field,
            filename: value.name,
            contentType: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
      return { body, files };
    }
    const text = raw.toString('utf8');
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      return { body: text, files: [] };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
    const query = Object.fromEntries(url.searchParams);
    const { body, files } = await readBody(req);
    const record: RecordedRequest = { method, path, query, body, files, headers: req.headers, status: 0 };

    const send = (status: number, payload?: Json, headers?: Record<string, string>) => {
      record.status = status;
      fake.requests.push(record);
      json(res, status, payload, headers);
      events.emit('request', record);
    };

    const key = `${method} ${path}`;
    const failure = failures.find((f) => f.remaining > 0 && f.pattern.test(key));
    if (failure) {
      failure.remaining -= 1;
      if (failure.status === 429) {
        return send(429, failure.body ?? { message: 'You are being rate limited.', retry_after: 0.05, global: false }, {
          'retry-after': '0.05',
          'x-ratelimit-scope': 'user',
        });
      }
      return send(failure.status, failure.body ?? { message: 'Fake failure', code: 0 });
    }

    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      if (opts.rejectToken) return send(401, { message: '401: Unauthorized', code: 0 });
      return send(200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/gateway') return send(200, { url: gatewayUrl });

    // Interactions
    if (method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const [, id, token] = m as [string, string, string];
      const info = interactions.get(token);
      const type = body?.type as number;
      // As Discord: an interaction is answered once; a second callback (a second process, a retry) is refused.
      if (info?.acknowledged) return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      if (info) info.acknowledged = true;
      let resource: Json = { type };
      if (info && (type === 4 || type === 5 || type === 7)) {
        const fields = messageFields(body?.data, files);
        if (type === 7 && info.original) {
          Object.assign(info.original, fields, { edited_timestamp: new Date().toISOString() });
        } else {
          info.original = message(info.channelId, {
            ...fields,
            webhook_id: applicationId,
            application_id: applicationId,
            type: 20,
            ...(type === 5 ? { flags: ((fields.flags as number) ?? 0) | 128 } : {}),
          });
        }
        resource = { type, message: info.original };
      }
      if (query.with_response !== 'true') return send(204);
      return send(200, {
        interaction: {
          id,
          type: 2,
          activity_instance_id: null,
          response_message_id: resource.message?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: Boolean(((body?.data?.flags as number) ?? 0) & 64),
        },
        resource,
      });
    }

    // Webhooks (interaction follow-ups and original response)
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      const [, , token, messageId] = m as [string, string, string, string | undefined];
      const info = interactions.get(token);
      const channelId = info?.channelId ?? secretariatChannelId;
      const target = messageId === '@original' ? info?.original : messageId ? messages.get(messageId) : undefined;
      if (method === 'POST' && !messageId) {
        return send(200, message(channelId, { ...messageFields(body, files), webhook_id: applicationId, type: 0 }));
      }
      if (method === 'PATCH' && messageId) {
        const fields = messageFields(body, files);
        if (target) {
          Object.assign(target, fields, { edited_timestamp: new Date().toISOString() });
          target.flags = (target.flags ?? 0) & ~128;
          return send(200, target);
        }
        const created = message(channelId, { ...fields, webhook_id: applicationId, type: 20 });
        if (info && messageId === '@original') info.original = created;
        return send(200, created);
      }
      if (method === 'GET' && messageId) {
        return target ? send(200, target) : send(404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'DELETE' && messageId) return send(204);
    }

    // Channels and messages
    if ((m = path.match(/^\/channels\/(\d+)\/messages(?:\/(\d+))?$/))) {
      const [, channelId, messageId] = m as [string, string, string | undefined];
      if (method === 'POST' && !messageId) {
        const ref = body?.message_reference;
        return send(
          200,
          message(channelId, { ...messageFields(body, files), ...(ref ? { message_reference: ref, type: 19 } : {}) }),
        );
      }
      const target = messageId ? messages.get(messageId) : undefined;
      if (method === 'PATCH' && messageId) {
        const edited = target ?? message(channelId, { id: messageId });
        Object.assign(edited, messageFields(body, files), { edited_timestamp: new Date().toISOString() });
        return send(200, edited);
      }
      if (method === 'GET' && messageId) {
        return target ? send(200, target) : send(404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'GET') {
        const list = [...messages.values()].filter((x) => x.channel_id === channelId).reverse();
        return send(200, list.slice(0, Number(query.limit ?? 50)));
      }
      if (method === 'DELETE' && messageId) {
        messages.delete(messageId);
        return send(204);
      }
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/.+$/))) return send(204);
    if ((m = path.match(/^\/channels\/(\d+)\/typing$/)) && method === 'POST') return send(204);
    if (method === 'GET' && (m = path.match(/^\/channels\/(\d+)$/))) {
      const c = channels.get(m[1] as string);
      return c ? send(200, c) : send(404, { message: 'Unknown Channel', code: 10003 });
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      return send(200, dmChannelFor(String(body?.recipient_id)));
    }
    if (method === 'GET' && (m = path.match(/^\/users\/(@me|\d+)$/))) {
      return send(200, m[1] === '@me' ? botUser : user(m[1] as string));
    }

    // Guilds
    if (method === 'GET' && path === `/guilds/${guildId}`) return send(200, guildObject());
    if (method === 'GET' && path === `/guilds/${guildId}/channels`) return send(200, guildObject().channels);
    if (method === 'GET' && (m = path.match(/^\/guilds\/(\d+)\/members\/(\d+)$/)) && m[1] === guildId) {
      return send(200, member(user(m[2] as string)));
    }

    // Application commands
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const [, appId, gId] = m as [string, string, string | undefined];
      const toCommand = (c: Json): Json => ({
        id: snowflake(),
        application_id: appId,
        ...(gId ? { guild_id: gId } : {}),
        version: snowflake(),
        type: 1,
        default_member_permissions: null,
        dm_permission: true,
        nsfw: false,
        description_localizations: null,
        name_localizations: null,
        options: [],
        ...c,
      });
      if (method === 'PUT') return send(200, (Array.isArray(body) ? body : []).map(toCommand));
      if (method === 'POST') return send(201, toCommand(body));
      if (method === 'GET') return send(200, []);
    }

    return send(404, { message: 'Unknown', code: 0 });
  }

  // ---------- gateway ----------
  const wss = new WebSocketServer({ server, path: '/gateway', perMessageDeflate: false });
  const sendOp = (ws: WebSocket, payload: Json) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  };

  wss.on('connection', (ws) => {
    sockets.add(ws);
    counters.connections += 1;
    events.emit('connection');
    ws.on('close', (code) => {
      sockets.delete(ws);
      live.delete(ws);
      if (current?.ws === ws) current = null;
      events.emit('close', code);
    });
    ws.on('message', (data) => {
      let payload: Json;
      try {
        payload = JSON.parse(data.toString());
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      fake.gatewayReceived.push({ op: payload.op, d: payload.d });
      switch (payload.op) {
        case 1: // HEARTBEAT
          sendOp(ws, { op: 11 });
          break;
        case 2: {
          // IDENTIFY
          counters.identifies += 1;
          intents = Number(payload.d?.intents ?? 0);
          const sessionId = randomBytes(16).toString('hex');
          const session = { seq: 0 };
          sessions.set(sessionId, session);
          current = { ws, sessionId };
          live.set(ws, sessionId);
          sendOp(ws, {
            op: 0,
            t: 'READY',
            s: ++session.seq,
            d: {
              v: 10,
              user: { ...botUser, verified: true, mfa_enabled: false },
              application: { id: applicationId, flags: 0 },
              guilds: [{ id: guildId, unavailable: true }],
              session_id: sessionId,
              session_type: 'normal',
              resume_gateway_url: gatewayUrl,
              shard: [0, 1],
              private_channels: [],
              presences: [],
              relationships: [],
              user_settings: {},
              geo_ordered_rtc_regions: [],
            },
          });
          // Real Discord sends GUILD_CREATE for the GUILDS intent (1 << 0).
          if (intents & 1) sendOp(ws, { op: 0, t: 'GUILD_CREATE', s: ++session.seq, d: guildObject() });
          events.emit('identify', payload.d);
          break;
        }
        case 6: {
          // RESUME: no replay, just RESUMED; an unknown session gets INVALID_SESSION (not resumable).
          counters.resumes += 1;
          const sessionId = String(payload.d?.session_id);
          const session = sessions.get(sessionId);
          if (!session) {
            sendOp(ws, { op: 9, d: false });
          } else {
            current = { ws, sessionId };
            live.set(ws, sessionId);
            sendOp(ws, { op: 0, t: 'RESUMED', s: ++session.seq, d: {} });
          }
          events.emit('resume', payload.d);
          break;
        }
        default:
          break; // presence updates, guild member requests... are recorded and ignored
      }
    });
    sendOp(ws, { op: 10, d: { heartbeat_interval: heartbeatInterval } });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const apiUrl = `http://127.0.0.1:${port}/api`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  function sendDispatch(t: string, d: Json): number {
    if (!current || current.ws.readyState !== WebSocket.OPEN) {
      throw new Error(`fake-discord: no open gateway session to send ${t} (is the client logged in?)`);
    }
    const targets = opts.everySession ? [...live] : [[current.ws, current.sessionId] as const];
    let s = 0;
    for (const [ws, sessionId] of targets) {
      const session = sessions.get(sessionId) as { seq: number };
      s = ++session.seq;
      sendOp(ws, { op: 0, t, s, d });
    }
    return s;
  }

  // ---------- interaction payloads ----------
  const toOptions = (input: OptionsInput | undefined): RawOption[] => {
    if (!input) return [];
    if (Array.isArray(input)) return input;
    return Object.entries(input).map(([name, value]) => ({
      name,
      value,
      type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10,
    }));
  };

  const commandData = (input: CommandInput, focused?: string): Json => {
    let options = toOptions(input.options).map((o) => (focused && o.name === focused ? { ...o, focused: true } : o));
    if (input.subcommand) options = [{ type: 1, name: input.subcommand, options }];
    if (input.subcommandGroup) options = [{ type: 2, name: input.subcommandGroup, options }];
    return {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: 1,
      options,
      ...(input.dm ? {} : { guild_id: input.guildId ?? guildId }),
    };
  };

  function interaction(type: number, where: WhereInput, data: Json, extra: Json = {}): SentInteraction {
    const id = snowflake();
    const token = `itoken-${id}-${randomBytes(6).toString('hex')}`;
    const u = user(where.userId, where.username);
    const gId = where.dm ? null : (where.guildId ?? guildId);
    const channel = where.dm
      ? dmChannelFor(where.userId)
      : (channels.get(where.channelId ?? secretariatChannelId) ??
        textChannel(where.channelId as string, `channel-${where.channelId}`, 99));
    const payload: Json = {
      id,
      application_id: applicationId,
      type,
      data,
      token,
      version: 1,
      channel: { ...channel, ...(gId ? { permissions: APP_PERMISSIONS } : {}) },
      channel_id: channel.id,
      app_permissions: APP_PERMISSIONS,
      locale: where.locale ?? 'fr',
      entitlements: [],
      authorizing_integration_owners: gId ? { '0': gId } : { '1': where.userId },
      context: gId ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
      ...extra,
    };
    if (gId) {
      payload.guild_id = gId;
      payload.guild = { id: gId, locale: 'fr', features: [] };
      payload.guild_locale = 'fr';
      payload.member = member(u, where.roles ?? [], where.permissions ?? MEMBER_PERMISSIONS);
    } else {
      payload.user = u;
    }
    interactions.set(token, { id, channelId: channel.id, guildId: gId });
    sendDispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }

  const fake: FakeDiscord = {
    apiUrl,
    gatewayUrl,
    applicationId,
    guildId,
    botUserId,
    secretariatChannelId,
    delegatesChannelId,
    secretariatRoleId,
    requests: [],
    gatewayReceived: [],
    undelivered: [],
    get connections() {
      return counters.connections;
    },
    get identifies() {
      return counters.identifies;
    },
    get resumes() {
      return counters.resumes;
    },
    get intents() {
      return intents;
    },
    events,

    failNext(pattern, times = 1, status = 500, body) {
      failures.push({ pattern, remaining: times, status, body });
    },
    sendDispatch,
    sendRaw: sendDispatch,

    sendCommand(input) {
      return interaction(2, input, commandData(input));
    },

    sendAutocomplete(input) {
      const data = commandData(input, input.focused);
      return interaction(4, input, data);
    },

    sendButton(input) {
      const channelId = input.dm ? dmChannelFor(input.userId).id : (input.channelId ?? secretariatChannelId);
      const msg =
        input.message ??
        [...messages.values()].reverse().find((x) => x.channel_id === channelId && x.author?.id === botUserId) ??
        message(channelId, { content: '', components: [] });
      const { id, token, payload } = interaction(
        3,
        { ...input, channelId },
        { custom_id: input.customId, component_type: 2 },
        { message: msg },
      );
      const info = interactions.get(token);
      if (info) info.original = msg;
      return { id, token, payload };
    },

    sendMessage(input) {
      const author = { ...user(input.authorId, input.username), bot: Boolean(input.bot) };
      const gId = input.dm ? null : (input.guildId ?? guildId);
      const channelId = input.dm
        ? (input.channelId ?? dmChannelFor(input.authorId).id)
        : (input.channelId ?? secretariatChannelId);
      const mentions = [...input.content.matchAll(/<@!?(\d+)>/g)].map((m) => user(m[1] as string));
      const msg = message(channelId, {
        author,
        content: input.content,
        mentions,
        ...(gId ? { guild_id: gId, member: { ...member(author), user: undefined } } : {}),
        // discord.js needs channel_type to build an uncached DM channel from Partials.Channel.
        channel_type: input.dm ? 1 : 0,
        nonce: snowflake(),
        ...input.extra,
      });
      if (!gId) delete msg.guild_id;
      // Like Discord: no MESSAGE_CREATE without GUILD_MESSAGES (guild) / DIRECT_MESSAGES (DM), and without
      // MESSAGE_CONTENT a guild message arrives blank unless it mentions the bot or is the bot's own.
      const granted = intents ?? 0;
      const needed = gId ? INTENT_GUILD_MESSAGES : INTENT_DIRECT_MESSAGES;
      if ((granted & needed) === 0) {
        fake.undelivered.push({ t: 'MESSAGE_CREATE', d: msg, reason: `intent ${needed} not identified` });
        return msg;
      }
      const readable =
        !gId || granted & INTENT_MESSAGE_CONTENT || author.id === botUserId || mentions.some((u) => u.id === botUserId);
      sendDispatch(
        'MESSAGE_CREATE',
        readable ? msg : { ...msg, content: '', embeds: [], attachments: [], components: [], poll: undefined },
      );
      return msg;
    },

    async dropConnection(code = 4000) {
      const ws = current?.ws;
      if (!ws) throw new Error('fake-discord: no gateway connection to drop');
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      if (code === 1006) ws.terminate();
      else ws.close(code, 'fake-discord dropConnection');
      await closed;
    },

    waitForRequest(predicate, timeoutMs = 2000) {
      const matches = (r: RecordedRequest) => {
        try {
          return predicate(r);
        } catch {
          return false; // e.g. `r.body.content` on a request without a body
        }
      };
      const found = fake.requests.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onRequest = (r: RecordedRequest) => {
          if (!matches(r)) return;
          clearTimeout(timer);
          events.off('request', onRequest);
          resolve(r);
        };
        const timer = setTimeout(() => {
          events.off('request', onRequest);
          const seen = fake.requests.map((r) => `  ${r.method} ${r.path} → ${r.status}`).join('\n') || '  (none)';
          reject(new Error(`fake-discord: no matching request within ${timeoutMs} ms. Received:\n${seen}`));
        }, timeoutMs);
        events.on('request', onRequest);
      });
    },

    waitForIdentify(count = counters.identifies + 1, timeoutMs = 10_000) {
      return waitCounter('identify', () => counters.identifies >= count, timeoutMs);
    },
    waitForResume(count = counters.resumes + 1, timeoutMs = 10_000) {
      return waitCounter('resume', () => counters.resumes >= count, timeoutMs);
    },

    dmChannelFor,
    user,

    reset() {
      fake.requests.length = 0;
      fake.gatewayReceived.length = 0;
      fake.undelivered.length = 0;
      failures.length = 0;
      counters = { connections: 0, identifies: 0, resumes: 0 };
    },

    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      events.removeAllListeners();
    },
  };

  function waitCounter(event: string, done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        events.off(event, check);
        resolve();
      };
      const timer = setTimeout(() => {
        events.off(event, check);
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${event}`));
      }, timeoutMs);
      events.on(event, check);
    });
  }

  return fake;
}
