/**
 * @module A small JSON-lines logger on stderr that scrubs secrets: values of keys that look like
 * tokens or secrets, and any string that looks like a Slack/Discord token, never reach the log.
 */
import type { Logger } from '../core/ports.ts';

const SECRET_KEY = /token|secret|password|authorization/i;
const TOKEN_SHAPES = [
  /xox[abposr]-[A-Za-z0-9-]+/g, // Slack bot/user tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, // Discord bot tokens
];

export function scrub(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const secret of secrets) if (secret.length >= 6) s = s.split(secret).join('[secret]');
    for (const re of TOKEN_SHAPES) s = s.replace(re, '[secret]');
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[secret]' : scrub(v, secrets);
    return out;
  }
  return value;
}

export interface LoggerOptions {
  readonly write?: (line: string) => void;
  /** Exact secret values to mask wherever they appear (the tokens read from the environment). */
  readonly secrets?: readonly string[];
  readonly quiet?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = opts.secrets ?? [];
  const log = (level: string) => (msg: string, data?: Record<string, unknown>) => {
    if (opts.quiet && level === 'info') return;
    write(JSON.stringify(scrub({ time: new Date().toISOString(), level, msg, ...data }, secrets)));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** The environment's secrets, to hand to `createLogger`. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([k, v]) => SECRET_KEY.test(k) && v)
    .map(([, v]) => v as string);
}
