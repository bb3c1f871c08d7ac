/**
 * @module The Slack door's logging: the project logger with the door's secrets scrubbed from every line, and a
 * bridge that gives Bolt and the Web API client that same logger (they log request details at debug level).
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports.ts';
import { scrub } from '../../infra/logger.ts';

/** Wraps `logger` so neither a message nor its data can carry one of `secrets` or a token-shaped string. */
export function scrubbingLogger(logger: Logger, secrets: readonly string[]): Logger {
  const clean = (msg: string, data?: Record<string, unknown>): [string, Record<string, unknown> | undefined] => [
    scrub(msg, secrets) as string,
    data === undefined ? undefined : (scrub(data, secrets) as Record<string, unknown>),
  ];
  return {
    info: (msg, data) => logger.info(...clean(msg, data)),
    warn: (msg, data) => logger.warn(...clean(msg, data)),
    error: (msg, data) => logger.error(...clean(msg, data)),
  };
}

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

function describe(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

/** Bolt's logger interface over ours; by default only Bolt's warnings and errors reach our log. */
export function boltLogger(logger: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  let current = level;
  let name = 'slack';
  const on = (l: LogLevel) => ORDER.indexOf(l) >= ORDER.indexOf(current);
  return {
    debug: (...m: unknown[]) => {
      if (on(LogLevel.DEBUG)) logger.info(`${name}: ${describe(m)}`);
    },
    info: (...m: unknown[]) => {
      if (on(LogLevel.INFO)) logger.info(`${name}: ${describe(m)}`);
    },
    warn: (...m: unknown[]) => {
      if (on(LogLevel.WARN)) logger.warn(`${name}: ${describe(m)}`);
    },
    error: (...m: unknown[]) => {
      if (on(LogLevel.ERROR)) logger.error(`${name}: ${describe(m)}`);
    },
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n: string) => {
      name = n;
    },
  };
}
