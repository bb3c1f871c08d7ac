/**
 * Fake Slack for end-to-end tests (and benchmarks) of a real @slack/bolt app on 127.0.0.1.
 *
 * Two halves:
 * - `startFakeSlack()`: an HTTP server that plays the Slack side the app *calls*: the Web API
 *   (`POST /api/{method}`, give `apiUrl` to Bolt as `clientOptions.slackApiUrl`), the external file
 *   upload URL and `response_url` sinks. Everything received is recorded and can be awaited.
 * - Signed request helpers (`postSlashCommand`, `postInteraction`, `postEvent`, ...): they play the
 *   Slack side that *calls the app*, signing requests the way Slack does so Bolt's HTTPReceiver
 *   accepts (or rejects) them.
 *
 * See /work/shared/loopback-testing.md for what Bolt was observed to do against such fakes.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

// ---------------------------------------------------------------------------
// Recorded traffic
// ---------------------------------------------------------------------------

/** A Web API call received on `POST /api/{method}`. */
export interface ApiCall {
  kind: 'api';
  method: string;
  /** Parsed body; form values holding JSON objects/arrays (`blocks`, `attachments`, ...) are decoded. */
  body: Record<string, unknown>;
  rawBody: string;
  contentType: string | undefined;
  /** Token from `Authorization: Bearer ...` (falls back to a `token` body field). */
  token: string | undefined;
  /** HTTP status the fake answered with (not 200 when a failure was injected). */
  status: number;
  /** Slack error the fake answered with (`{ ok: false, error }`), if any. */
  slackError?: string;
  at: number;
}

/** A POST received on a `response_url` sink (what Bolt's `respond()` sends). */
export interface ResponseUrlPost {
  kind: 'response';
  id: string;
  body: unknown;
  status: number;
  at: number;
}

/** File bytes received on an upload URL handed out by `files.getUploadURLExternal`. */
export interface FileUpload {
  kind: 'upload';
  fileId: string;
  filename: string | undefined;
  bytes: Buffer;
  token: string | undefined;
  status: number;
  at: number;
}

export type Received = ApiCall | ResponseUrlPost | FileUpload;

/** Failure-injection target for `response_url` sinks (API methods all contain a dot). */
export const RESPONSE_URL = 'response_url';
/** Failure-injection target for the external file upload URL. */
export const FILE_UPLOAD = 'file_upload';

/**
 * How an injected failure answers:
 * - a number: that HTTP status (e.g. 500), body `{ ok: false, error: 'fake_http_<status>' }`;
 * - a string: HTTP 200 with `{ ok: false, error: <string> }` (a Slack API error such as 'channel_not_found');
 * - an object for full control (e.g. `{ status: 429, headers: { 'retry-after': '1' } }`).
 */
export type Failure =
  | number
  | string
  | { status?: number; error?: string; body?: unknown; headers?: Record<string, string> };

/** Builds the `ok: true` answer for a method; overrides the built-in one (see `setResponse`). */
export type ResponseBuilder = (call: ApiCall) => Record<string, unknown>;

export interface FakeSlackOptions {
  /** Identity answered by `auth.test` and put on posted messages. */
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** The app's OAuth credentials `oauth.v2.access` checks (default: any). */
  oauth?: { clientId: string; clientSecret: string };
}

/** What `oauth.v2.access` hands out for one code (see `grantInstall`); `auth.test` then answers for its token. */
export interface InstallGrant {
  teamId: string;
  teamName?: string;
  botToken: string;
  botUserId: string;
  botId: string;
  scope?: string;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT/api/`, for Bolt's `clientOptions.slackApiUrl`. */
  readonly apiUrl: string;
  readonly port: number;
  /** Web API calls, in arrival order (failed ones included). */
  readonly calls: ApiCall[];
  /** `response_url` posts, in arrival order. */
  readonly responses: ResponseUrlPost[];
  /** External file uploads, in arrival order. */
  readonly uploads: FileUpload[];
  /** Everything above, in arrival order. */
  readonly received: Received[];
  /** Calls to one Web API method. */
  callsTo(method: string): ApiCall[];
  /** A `response_url` on this server: `http://127.0.0.1:PORT/response/{id}` (an id is generated if omitted). */
  responseUrl(id?: string): string;
  /** Makes the next `times` requests to `method` (or RESPONSE_URL / FILE_UPLOAD) fail. */
  failNext(method: string, times?: number, failure?: Failure): void;
  /**
   * While `failure(call)` returns a failure, calls to `method` get it (an outage driven by the test's clock);
   * checked before `failNext`. `undefined` removes it.
   */
  failWhile(method: string, failure: ((call: ApiCall) => Failure | undefined) | undefined): void;
  /**
   * The next `times` calls to `method` are recorded (status 0) and never answered: the platform hangs. With
   * `accepted`, a chat.postMessage is kept in `messages` first (Slack took it, the answer was lost).
   */
  hangNext(method: string, times?: number, opts?: { accepted?: boolean }): void;
  /** Messages posted (accepted) per channel, with their metadata, as `conversations.history` answers them. */
  readonly messages: { channel: string; ts: string; text: string; metadata?: unknown }[];
  /** Replaces the `ok: true` answer for a method until `reset()`. */
  setResponse(method: string, response: Record<string, unknown> | ResponseBuilder): void;
  /** First received item (already received or future) matching `predicate`; rejects after `timeoutMs`. */
  waitFor<T extends Received>(predicate: (item: Received) => item is T, timeoutMs?: number): Promise<T>;
  waitFor(predicate: (item: Received) => boolean, timeoutMs?: number): Promise<Received>;
  /** First call to `method` matching `predicate`. */
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** First post to the `response_url` sink `id` (any sink if omitted). */
  waitForResponse(id?: string, timeoutMs?: number): Promise<ResponseUrlPost>;
  /**
   * Makes `code` exchangeable once by `oauth.v2.access` (Slack's OAuth redirect): a bot token for a workspace.
   * An unknown or reused code answers `invalid_code`, wrong client credentials `invalid_client_id`.
   */
  grantInstall(code: string, grant: InstallGrant): void;
  /** Forgets records, injected failures and response overrides; restarts the ts/id counters. */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Fake server
// ---------------------------------------------------------------------------

const DEFAULT_WAIT_MS = 2000;
const TS_BASE_SECONDS = 1_700_000_000;

interface PendingFailure {
  remaining: number;
  failure: Failure;
}

interface Waiter {
  predicate: (item: Received) => boolean;
  resolve: (item: Received) => void;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'UFAKEBOT';
  const botId = options.botId ?? 'BFAKEBOT';
  const teamId = options.teamId ?? 'TFAKE';

  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const uploads: FileUpload[] = [];
  const received: Received[] = [];
  const failures = new Map<string, PendingFailure>();
  const overrides = new Map<string, ResponseBuilder>();
  const uploadNames = new Map<string, string | undefined>();
  const waiters = new Set<Waiter>();
  const outages = new Map<string, (call: ApiCall) => Failure | undefined>();
  const hangs = new Map<string, { times: number; accepted: boolean }>();
  const messages: FakeSlack['messages'] = [];
  const grants = new Map<string, InstallGrant>();
  const granted = new Map<string, InstallGrant>();
  let tsCounter = 0;
  let idCounter = 0;

  const nextTs = (): string => {
    tsCounter += 100;
    const seconds = TS_BASE_SECONDS + Math.floor(tsCounter / 1_000_000);
    return `${seconds}.${String(tsCounter % 1_000_000).padStart(6, '0')}`;
  };
  const nextId = (): number => ++idCounter;

  const record = (item: Received): void => {
    received.push(item);
    if (item.kind === 'api') calls.push(item);
    else if (item.kind === 'response') responses.push(item);
    else uploads.push(item);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(item)) {
        waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  };

  /** Consumes one injected failure for `target`, if any. */
  const takeFailure = (target: string): Failure | undefined => {
    const pending = failures.get(target);
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) failures.delete(target);
    return pending.failure;
  };

  const builtIn = (call: ApiCall): Record<string, unknown> => {
    const body = call.body;
    switch (call.method) {
      case 'auth.test': {
        const installed = call.token ? granted.get(call.token) : undefined;
        if (installed)
          return {
            url: `https://${installed.teamId.toLowerCase()}.slack.com/`,
            team: installed.teamName ?? installed.teamId,
            user: 'seance',
            team_id: installed.teamId,
            user_id: installed.botUserId,
            bot_id: installed.botId,
            is_enterprise_install: false,
          };
        return {
          url: 'https://fake.slack.com/',
          team: 'Fake Team',
          user: 'fakebot',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        };
      }
      case 'chat.postMessage': {
        const ts = nextTs();
        const channel = String(body.channel ?? '');
        messages.push({
          channel,
          ts,
          text: String(body.text ?? ''),
          ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
        });
        return { channel, ts, message: botMessage(body, ts) };
      }
      case 'conversations.history': {
        // Newest first, like Slack; metadata only when asked for (include_all_metadata).
        const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
        const limit = Number(body.limit ?? 100) || 100;
        const found = messages
          .filter((m) => m.channel === String(body.channel ?? ''))
          .reverse()
          .slice(0, limit);
        return {
          messages: found.map((m) => ({
            type: 'message',
            user: botUserId,
            bot_id: botId,
            ts: m.ts,
            text: m.text,
            ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
          })),
          has_more: false,
        };
      }
      case 'chat.update': {
        const ts = String(body.ts ?? '');
        return { channel: String(body.channel ?? ''), ts, text: body.text ?? '', message: botMessage(body, ts) };
      }
      case 'chat.postEphemeral':
        return { message_ts: nextTs() };
      case 'conversations.open': {
        const users = typeof body.users === 'string' ? body.users.split(',') : [];
        const id = typeof body.channel === 'string' ? body.channel : `D${users[0] ?? 'UNKNOWN'}`;
        return { channel: { id } };
      }
      case 'users.info': {
        const id = String(body.user ?? 'UNKNOWN');
        const name = `user-${id.toLowerCase()}`;
        return {
          user: {
            id,
            team_id: teamId,
            name,
            real_name: `User ${id}`,
            tz: 'Europe/Paris',
            is_bot: false,
            deleted: false,
            profile: { display_name: name, real_name: `User ${id}` },
          },
        };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `FFAKE${nextId()}`;
        uploadNames.set(fileId, typeof body.filename === 'string' ? body.filename : undefined);
        return { upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as Array<Record<string, unknown>>) : [];
        return {
          files: files.map((file) => {
            const id = String(file.id ?? '');
            return { id, title: file.title ?? uploadNames.get(id), name: uploadNames.get(id) };
          }),
        };
      }
      default:
        return {};
    }
  };

  const botMessage = (body: Record<string, unknown>, ts: string): Record<string, unknown> => ({
    type: 'message',
    user: botUserId,
    bot_id: botId,
    team: teamId,
    ts,
    text: body.text ?? '',
    ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
    ...(body.thread_ts !== undefined ? { thread_ts: body.thread_ts } : {}),
  });

  /** Slack's code exchange: client credentials in the form (or HTTP Basic), a code used once. */
  const oauthAccess = (call: ApiCall, req: http.IncomingMessage): Record<string, unknown> => {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = String(call.body.client_id ?? basicId ?? '');
    const clientSecret = String(call.body.client_secret ?? basicSecret ?? '');
    if (options.oauth && (clientId !== options.oauth.clientId || clientSecret !== options.oauth.clientSecret))
      return { error: 'invalid_client_id' };
    const code = String(call.body.code ?? '');
    const grant = grants.get(code);
    if (!grant) return { error: 'invalid_code' };
    grants.delete(code);
    granted.set(grant.botToken, grant);
    return {
      app_id: 'AFAKEAPP',
      authed_user: { id: 'UINSTALLER' },
      scope: grant.scope ?? 'commands,chat:write',
      token_type: 'bot',
      access_token: grant.botToken,
      bot_user_id: grant.botUserId,
      team: { id: grant.teamId, name: grant.teamName ?? grant.teamId },
      enterprise: null,
      is_enterprise_install: false,
    };
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, method: string) => {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    let body: Record<string, unknown>;
    try {
      body = await parseApiBody(raw, contentType);
    } catch {
      return sendJson(res, 200, { ok: false, error: 'invalid_form_data' });
    }
    const token = bearer(req) ?? (typeof body.token === 'string' ? body.token : undefined);
    const call: ApiCall = {
      kind: 'api',
      method,
      body,
      rawBody: raw.toString('utf8'),
      contentType,
      token,
      status: 200,
      at: Date.now(),
    };
    const hang = hangs.get(method);
    if (hang && hang.times > 0) {
      hangs.set(method, { ...hang, times: hang.times - 1 });
      if (hang.accepted) builtIn(call);
      call.status = 0;
      record(call);
      return; // never answered: the caller waits until its timeout, or until it is killed
    }
    const failure = outages.get(method)?.(call) ?? takeFailure(method);
    if (failure !== undefined) {
      const answer = failureAnswer(failure);
      call.status = answer.status;
      if (answer.status === 200) call.slackError = answer.error;
      record(call);
      return sendJson(res, answer.status, answer.body, answer.headers);
    }
    if (method === 'oauth.v2.access') {
      const answer = oauthAccess(call, req);
      if ('error' in answer) call.slackError = String(answer.error);
      record(call);
      return sendJson(res, 200, 'error' in answer ? { ok: false, error: answer.error } : { ok: true, ...answer });
    }
    const override = overrides.get(method);
    const payload = override ? override(call) : builtIn(call);
    record(call);
    sendJson(res, 200, { ok: true, ...payload });
  };

  const handleResponseUrl = async (req: http.IncomingMessage, res: http.ServerResponse, id: string) => {
    const raw = await readBody(req);
    const failure = takeFailure(RESPONSE_URL);
    const answer = failure === undefined ? undefined : failureAnswer(failure);
    record({ kind: 'response', id, body: parseLoose(raw), status: answer?.status ?? 200, at: Date.now() });
    if (answer) return sendJson(res, answer.status, answer.body, answer.headers);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  };

  const handleUpload = async (req: http.IncomingMessage, res: http.ServerResponse, fileId: string) => {
    const raw = await readBody(req);
    const bytes = await extractUploadBytes(raw, req.headers['content-type']);
    const failure = takeFailure(FILE_UPLOAD);
    const answer = failure === undefined ? undefined : failureAnswer(failure);
    const status = answer?.status ?? 200;
    record({
      kind: 'upload',
      fileId,
      filename: uploadNames.get(fileId),
      bytes,
      token: bearer(req),
      status,
      at: Date.now(),
    });
    if (answer) return sendJson(res, answer.status, answer.body, answer.headers);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.length}`);
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const [, section, rest] = /^\/([^/]+)\/(.+)$/.exec(path) ?? [];
    let handled: Promise<void> | undefined;
    if (req.method === 'POST' && rest !== undefined) {
      const name = decodeURIComponent(rest);
      if (section === 'api') handled = handleApi(req, res, name);
      else if (section === 'response') handled = handleResponseUrl(req, res, name);
      else if (section === 'upload') handled = handleUpload(req, res, name);
    }
    if (!handled) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`fake slack: no route for ${req.method} ${path}`);
      return;
    }
    handled.catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake slack: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  function waitFor(predicate: (item: Received) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<Received> {
    const already = received.find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise<Received>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`fake slack: nothing matched within ${timeoutMs} ms. ${describeReceived(received)}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  const fake: FakeSlack = {
    baseUrl,
    apiUrl: `${baseUrl}/api/`,
    port,
    calls,
    responses,
    uploads,
    received,
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl: (id) => `${baseUrl}/response/${encodeURIComponent(id ?? `r${nextId()}`)}`,
    messages,
    failWhile(method, failure) {
      if (failure) outages.set(method, failure);
      else outages.delete(method);
    },
    hangNext(method, times = 1, opts = {}) {
      hangs.set(method, { times, accepted: opts.accepted ?? false });
    },
    failNext(method, times = 1, failure = 500) {
      if (times > 0) failures.set(method, { remaining: times, failure });
    },
    grantInstall(code, grant) {
      grants.set(code, grant);
    },
    setResponse(method, response) {
      overrides.set(method, typeof response === 'function' ? response : () => response);
    },
    waitFor: waitFor as FakeSlack['waitFor'],
    waitForCall: (method, predicate = () => true, timeoutMs) =>
      waitFor(
        (item) => item.kind === 'api' && item.method === method && predicate(item),
        timeoutMs,
      ) as Promise<ApiCall>,
    waitForResponse: (id, timeoutMs) =>
      waitFor(
        (item) => item.kind === 'response' && (id === undefined || item.id === id),
        timeoutMs,
      ) as Promise<ResponseUrlPost>,
    reset() {
      calls.length = 0;
      responses.length = 0;
      uploads.length = 0;
      received.length = 0;
      failures.clear();
      overrides.clear();
      outages.clear();
      hangs.clear();
      messages.length = 0;
      uploadNames.clear();
      tsCounter = 0;
      idCounter = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return fake;
}

function describeReceived(received: Received[]): string {
  if (received.length === 0) return 'Received nothing.';
  const lines = received.map((item) => {
    const detail =
      item.kind === 'api'
        ? `api ${item.method} [${item.status}${item.slackError ? ` ${item.slackError}` : ''}] ${JSON.stringify(item.body)}`
        : item.kind === 'response'
          ? `response ${item.id} [${item.status}] ${JSON.stringify(item.body)}`
          : `upload ${item.fileId} [${item.status}] ${item.bytes.length} bytes`;
    return `  - ${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail}`;
  });
  return `Received ${received.length}:\n${lines.join('\n')}`;
}

function failureAnswer(failure: Failure): {
  status: number;
  error: string;
  body: unknown;
  headers: Record<string, string> | undefined;
} {
  if (typeof failure === 'number') {
    return {
      status: failure,
      error: `fake_http_${failure}`,
      body: { ok: false, error: `fake_http_${failure}` },
      headers: undefined,
    };
  }
  if (typeof failure === 'string') {
    return { status: 200, error: failure, body: { ok: false, error: failure }, headers: undefined };
  }
  const status = failure.status ?? 200;
  const error = failure.error ?? (status === 200 ? 'fake_error' : `fake_http_${status}`);
  return { status, error, body: failure.body ?? { ok: false, error }, headers: failure.headers };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function bearer(req: http.IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON if it parses, else the text. */
function parseLoose(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Keys whose string values are never decoded as JSON, even if they look like it. */
const LITERAL_KEYS = new Set(['text', 'markdown_text', 'token']);

/** Decodes a form value that holds a JSON object or array (how the Web API client sends `blocks` etc.). */
function decodeFormValue(key: string, value: string): unknown {
  if (LITERAL_KEYS.has(key)) return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function parseApiBody(raw: Buffer, contentType: string | undefined): Promise<Record<string, unknown>> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (raw.length === 0) return {};
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed };
  }
  if (type === 'multipart/form-data') {
    const form = await parseMultipart(raw, contentType ?? '');
    const body: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      body[key] = typeof value === 'string' ? decodeFormValue(key, value) : Buffer.from(await value.arrayBuffer());
    }
    return body;
  }
  // The Web API client's default: application/x-www-form-urlencoded.
  const parsed = parseQueryString(raw.toString('utf8'));
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') body[key] = decodeFormValue(key, value);
    else if (Array.isArray(value)) body[key] = value.map((item) => decodeFormValue(key, item));
  }
  return body;
}

/** Parses a multipart/form-data body with the platform's own parser. */
function parseMultipart(raw: Buffer, contentType: string): Promise<FormData> {
  return new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
}

/** The Web API client uploads the file as multipart field `body`; accept raw bytes too. */
async function extractUploadBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await parseMultipart(raw, contentType);
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const text = form.get('body') ?? form.get('file');
  return typeof text === 'string' ? Buffer.from(text) : raw;
}

// ---------------------------------------------------------------------------
// Signed requests to a Bolt HTTP endpoint
// ---------------------------------------------------------------------------

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{ts}:{rawBody}`). */
export function signSlackBody(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = nowSeconds(),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

export interface SignedRequestOptions {
  /** Request timestamp in seconds (default: now). `now - 360` is refused by Bolt as too old. */
  timestamp?: number;
  /** Sign with a wrong secret. */
  badSignature?: boolean;
  /** Send neither signature header. */
  omitHeaders?: boolean;
  /** Override the content type (Bolt answers 400 to `...; charset=utf-8`). */
  contentType?: string;
  /** Extra headers, e.g. `x-slack-retry-num`. */
  headers?: Record<string, string>;
  /** Agent to use (default: the shared keep-alive `slackAgent`). */
  agent?: http.Agent;
  /** Abort after this many ms (default 10 000). */
  timeoutMs?: number;
}

export interface SlackHttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Response text ('' when Bolt acks with no body). */
  body: string;
  /** The body parsed as JSON when the response is `application/json`. */
  json: unknown;
}

/** Shared keep-alive agent for signed requests; reuse it in benchmarks, destroy it with `closeSlackAgent()`. */
export const slackAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function closeSlackAgent(): void {
  slackAgent.destroy();
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** POSTs `rawBody` signed with `signingSecret` (the primitive behind the other helpers). */
export function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  opts: SignedRequestOptions = {},
): Promise<SlackHttpResult> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const signature = opts.omitHeaders
    ? {}
    : signSlackBody(opts.badSignature ? `${signingSecret}-wrong` : signingSecret, rawBody, timestamp);
  const payload = Buffer.from(rawBody, 'utf8');
  const target = new URL(url);
  return new Promise<SlackHttpResult>((resolve, reject) => {
    const req = http.request(
      {
        method: 'POST',
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        agent: opts.agent ?? slackAgent,
        timeout: opts.timeoutMs ?? 10_000,
        headers: {
          'content-type': opts.contentType ?? contentType,
          'content-length': String(payload.length),
          ...signature,
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if ((res.headers['content-type'] ?? '').includes('json') && body !== '') {
            try {
              json = JSON.parse(body);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`signed POST to ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export interface SlashCommandInput {
  command: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  api_app_id?: string;
  response_url: string;
  trigger_id?: string;
  /** Any other field Slack sends. */
  [field: string]: string | undefined;
}

/** The form body Slack sends for a slash command (defaults filled in). */
export function slashCommandBody(input: SlashCommandInput): string {
  const fields: Record<string, string> = {
    token: 'fake-verification-token',
    team_id: 'TFAKE',
    team_domain: 'fake',
    channel_id: 'C0FAKE',
    channel_name: 'general',
    user_name: `user-${input.user_id.toLowerCase()}`,
    api_app_id: 'AFAKEAPP',
    is_enterprise_install: 'false',
    trigger_id: `${nowSeconds()}.fake.trigger`,
  };
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) fields[key] = value;
  }
  return new URLSearchParams(fields).toString();
}

/**
 * A slash command's answer: the body of the HTTP ack when the bot answered in it (a command done within its
 * ack budget), else the first post to its response_url `id` (a slow command, answered later).
 */
export async function commandAnswer(
  fake: FakeSlack,
  res: SlackHttpResult,
  id: string,
  timeoutMs = 5000,
): Promise<unknown> {
  if (res.json && typeof res.json === 'object') return res.json;
  return (await fake.waitForResponse(id, timeoutMs)).body;
}

/** Sends a signed slash command (`application/x-www-form-urlencoded`, no charset: Bolt refuses it). */
export function postSlashCommand(
  url: string,
  signingSecret: string,
  input: SlashCommandInput,
  opts?: SignedRequestOptions,
): Promise<SlackHttpResult> {
  return postSigned(url, signingSecret, slashCommandBody(input), 'application/x-www-form-urlencoded', opts);
}

/** Sends a signed interaction (`payload=<json>` form body), e.g. one built by `blockActionPayload()`. */
export function postInteraction(
  url: string,
  signingSecret: string,
  payload: object,
  opts?: SignedRequestOptions,
): Promise<SlackHttpResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(url, signingSecret, body, 'application/x-www-form-urlencoded', opts);
}

export interface ButtonClickInput {
  action_id: string;
  value?: string;
  block_id?: string;
  user_id: string;
  user_name?: string;
  team_id?: string;
  api_app_id?: string;
  channel_id?: string;
  /** The message holding the button. */
  message_ts?: string;
  message_text?: string;
  message_blocks?: unknown[];
  /** The bot user who posted that message. */
  message_user?: string;
  response_url: string;
  trigger_id?: string;
}

/** A realistic `block_actions` payload for a button click in a channel message. */
export function blockActionPayload(input: ButtonClickInput): Record<string, unknown> {
  const teamId = input.team_id ?? 'TFAKE';
  const channelId = input.channel_id ?? 'C0FAKE';
  const messageTs = input.message_ts ?? '1700000000.000100';
  const userName = input.user_name ?? `user-${input.user_id.toLowerCase()}`;
  return {
    type: 'block_actions',
    user: { id: input.user_id, username: userName, name: userName, team_id: teamId },
    api_app_id: input.api_app_id ?? 'AFAKEAPP',
    token: 'fake-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: input.trigger_id ?? `${nowSeconds()}.fake.trigger`,
    team: { id: teamId, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'general' },
    message: {
      type: 'message',
      user: input.message_user ?? 'UFAKEBOT',
      ts: messageTs,
      text: input.message_text ?? '',
      blocks: input.message_blocks ?? [],
    },
    state: { values: {} },
    response_url: input.response_url,
    actions: [
      {
        action_id: input.action_id,
        block_id: input.block_id ?? 'fake_block',
        text: { type: 'plain_text', text: input.action_id, emoji: true },
        ...(input.value !== undefined ? { value: input.value } : {}),
        type: 'button',
        action_ts: `${nowSeconds()}.000001`,
      },
    ],
  };
}

export interface EventEnvelopeOptions {
  team_id?: string;
  api_app_id?: string;
  event_id?: string;
  event_time?: number;
  /** The app's bot user, put in `authorizations`. */
  bot_user_id?: string;
}

let eventCounter = 0;

/** Wraps an event in the `event_callback` envelope Slack sends. */
export function eventEnvelope(
  event: Record<string, unknown>,
  opts: EventEnvelopeOptions = {},
): Record<string, unknown> {
  const teamId = opts.team_id ?? 'TFAKE';
  const eventTime = opts.event_time ?? nowSeconds();
  eventCounter += 1;
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    api_app_id: opts.api_app_id ?? 'AFAKEAPP',
    event: { event_ts: event.ts ?? `${eventTime}.000000`, ...event },
    type: 'event_callback',
    event_id: opts.event_id ?? `EvFAKE${eventCounter}`,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: opts.bot_user_id ?? 'UFAKEBOT',
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `fake-context-${eventCounter}`,
  };
}

/** Sends a signed Events API request (JSON `event_callback` envelope around `event`). */
export function postEvent(
  url: string,
  signingSecret: string,
  event: Record<string, unknown>,
  opts: SignedRequestOptions & EventEnvelopeOptions = {},
): Promise<SlackHttpResult> {
  return postSigned(url, signingSecret, JSON.stringify(eventEnvelope(event, opts)), 'application/json', opts);
}

/** Sends Slack's signed `url_verification` request; Bolt answers `{ challenge }`. */
export function urlVerification(
  url: string,
  signingSecret: string,
  challenge: string,
  opts?: SignedRequestOptions,
): Promise<SlackHttpResult> {
  const body = JSON.stringify({ token: 'fake-verification-token', challenge, type: 'url_verification' });
  return postSigned(url, signingSecret, body, 'application/json', opts);
}
