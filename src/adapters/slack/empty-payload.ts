/**
 * @module A signed request whose body parses to nothing (`payload=null`, a JSON `null`, a bare number) is
 * answered 400 at once. Bolt's HTTPReceiver reads `body.ssl_check` of the parsed body inside its own async
 * closure: on `null` it throws there, nothing answers, and the connection hangs until the server's timeout
 * (the process guard keeps the process up, but cannot reach the response). The body is read here first;
 * Bolt reuses the buffered body (`rawBody`), so every other request goes through Bolt unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../core/ports.ts';

type Buffered = Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const FORM = 'application/x-www-form-urlencoded';

/**
 * False when the body surely parses to an object: a form without a `payload` field (slash commands) is read by
 * Bolt as its fields. Keys are compared decoded, as Bolt's parser does (`payl%6Fad` is `payload`).
 */
function mayParseToNothing(req: Buffered): boolean {
  if (req.headers['content-type'] !== FORM) return true;
  for (const part of req.rawBody.toString().split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key === 'payload' || (key.includes('%') && decodedKey(key) === 'payload')) return true;
  }
  return false;
}

function decodedKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return 'payload'; // undecodable: let the full parse decide
  }
}

/** True when Bolt would parse the body to something it cannot read fields of (null, a number, a string). */
function parsesToNothing(req: Buffered): boolean {
  // Every body used to be parsed twice (here, then by Bolt): a form that cannot parse to nothing is left to Bolt.
  if (!mayParseToNothing(req)) return false;
  try {
    const body: unknown = HTTPModuleFunctions.parseHTTPRequestBody(req);
    return body === null || typeof body !== 'object';
  } catch {
    return false; // unparsable: Bolt verifies the signature, then answers 400 itself
  }
}

function signedBy(signingSecret: string, req: IncomingMessage, raw: string): boolean {
  const signature = one(req.headers['x-slack-signature']);
  const timestamp = Number(one(req.headers['x-slack-request-timestamp']));
  if (!signature || !Number.isFinite(timestamp)) return false;
  return isValidSlackRequest({
    signingSecret,
    body: raw,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/** Wraps the receiver's request listener for `endpoint`; unsigned requests are left to Bolt (401). */
export function answerEmptyPayloads(
  receiver: HTTPReceiver,
  endpoint: string,
  signingSecret: string,
  log: Logger,
): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== endpoint) return inner(req, res);
    void (async () => {
      let buffered: Buffered;
      try {
        buffered = (await HTTPModuleFunctions.bufferIncomingMessage(
          req,
          HTTPModuleFunctions.defaultBodyLimit,
        )) as Buffered;
      } catch (e) {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(e) && (e as { statusCode?: number }).statusCode === 413;
        answer(res, tooLarge ? 413 : 400);
        return;
      }
      if (parsesToNothing(buffered) && signedBy(signingSecret, req, buffered.rawBody.toString())) {
        log.warn('slack: signed request with an empty payload, answered 400', { path });
        answer(res, 400);
        return;
      }
      inner(buffered, res);
    })().catch((e: unknown) => {
      log.error('slack: request handling failed', { error: e instanceof Error ? e.message : String(e) });
      answer(res, 500);
    });
  };
}
