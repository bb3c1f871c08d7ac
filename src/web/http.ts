/**
 * @module Sending a response: security headers on every answer (a CSP that allows no script at all, no
 * framing, no referrer so a private feed link never leaks), a strong ETag with 304 answers, HEAD support.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** No script, inline or not: the pages are plain server-rendered HTML with one stylesheet. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

export interface Body {
  readonly status?: number;
  readonly type: string;
  readonly body: string | Buffer;
  /** Cache-Control; pages revalidate with their ETag by default. */
  readonly cache?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A validator computed from what the body says, when its bytes vary with each build (see `weakEtagOf`). */
  readonly etag?: string;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * A weak ETag from what a response says rather than its bytes: for a document whose bytes change with each build
 * (a DOCX carries its creation time) but whose content does not, so a restart does not make every copy stale.
 */
export function weakEtagOf(content: string): string {
  return `W/${etagOf(content)}`;
}

/** True when the client's If-None-Match names this ETag (a list, or *): the weak comparison (RFC 9110, 13.1.2). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const ours = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === ours || tag === '*';
  });
}

/** An already built response: its bytes and ETag computed once (the stylesheet, cached pages). */
export interface Prepared extends Body {
  readonly bytes: Buffer;
  readonly etag: string;
}

export function prepare(b: Body): Prepared {
  const bytes = typeof b.body === 'string' ? Buffer.from(b.body, 'utf8') : b.body;
  return { ...b, bytes, etag: b.etag ?? etagOf(bytes) };
}

export function send(req: IncomingMessage, res: ServerResponse, b: Body | Prepared): void {
  const p = 'etag' in b && 'bytes' in b ? b : prepare(b);
  const status = p.status ?? 200;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': p.type,
    'Cache-Control': p.cache ?? 'no-cache',
    ...p.headers,
  };
  if (status === 200) headers['ETag'] = p.etag;
  if (status === 200 && notModified(req, p.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = String(p.bytes.length);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : p.bytes);
}
