/**
 * @module The process-level guard: an error no listener caught (a library's async handler, a malformed
 * payload, a bug in one door) is logged — through the scrubbing logger, so never with a token — and the
 * process keeps serving the other requests, doors and reminders. Without it, Node ends the process (exit 1)
 * on the first unhandled rejection or uncaught exception.
 */
import type { Logger } from '../core/ports.ts';

const detail = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** Installs the guard; returns the function that removes it. */
export function installProcessGuard(logger: Logger): () => void {
  const onRejection = (reason: unknown) =>
    logger.error('unhandled rejection (kept running)', { error: detail(reason) });
  const onException = (error: unknown) => logger.error('uncaught exception (kept running)', { error: detail(error) });
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
