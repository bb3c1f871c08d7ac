/**
 * @module The one cron ticker: a single node-cron task, every minute in the body's time zone, that calls the
 * reminder scheduler's `tick()`. No per-reminder timers; the scheduler decides what is due from the clock.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../core/ports.ts';

export const EVERY_MINUTE = '* * * * *';

export interface TickerOptions {
  readonly tick: () => Promise<unknown>;
  readonly timezone: string;
  readonly logger: Logger;
  /** Default: every minute. */
  readonly expression?: string;
}

export interface Ticker {
  readonly task: ScheduledTask;
  /** Runs the tick the way the cron task does (errors are logged, never thrown). */
  runOnce(): Promise<void>;
  /** Stops and destroys the cron task, then waits for a tick in progress. */
  stop(): Promise<void>;
}

export function startTicker(opts: TickerOptions): Ticker {
  const { logger } = opts;
  let running: Promise<void> = Promise.resolve();
  const runOnce = () => {
    running = (async () => {
      try {
        await opts.tick();
      } catch (e) {
        logger.error('reminder tick failed', { error: e instanceof Error ? e.stack : String(e) });
      }
    })();
    return running;
  };
  const task = cron.createTask(opts.expression ?? EVERY_MINUTE, () => runOnce(), {
    name: 'seance-reminders',
    timezone: opts.timezone,
    noOverlap: true,
    logger: {
      info: () => undefined,
      debug: () => undefined,
      warn: (message) => logger.warn('cron', { message }),
      error: (message, err) => logger.error('cron', { message: String(message), error: err?.message }),
    },
  });
  void Promise.resolve(task.start()).catch((e) => logger.error('cron task did not start', { error: String(e) }));
  return {
    task,
    runOnce,
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
