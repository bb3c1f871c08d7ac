/** @module The one node-cron ticker: every minute in Paris time, calls tick(), logs failures, stops cleanly. */
import { afterEach, describe, expect, it } from 'vitest';
import cron from 'node-cron';
import type { Logger } from '../../../src/core/ports.ts';
import { EVERY_MINUTE, startTicker, type Ticker } from '../../../src/infra/ticker.ts';

const logs: string[] = [];
const logger: Logger = { info: () => undefined, warn: (m) => logs.push(m), error: (m) => logs.push(m) };
let ticker: Ticker | undefined;
afterEach(async () => {
  await ticker?.stop();
  ticker = undefined;
  logs.length = 0;
});

describe('the ticker', () => {
  it("is one cron task running every minute in the body's time zone", () => {
    ticker = startTicker({ tick: async () => undefined, timezone: 'Europe/Paris', logger });
    expect(ticker.task.getPattern()).toBe(EVERY_MINUTE);
    const next = ticker.task.getNextRun()!;
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(next.getUTCSeconds()).toBe(0);
    expect([...cron.getTasks().values()].filter((t) => t.name === 'seance-reminders')).toHaveLength(1);
  });

  it('calls tick, and logs a failing tick instead of throwing', async () => {
    let calls = 0;
    ticker = startTicker({
      tick: async () => {
        calls++;
        if (calls === 2) throw new Error('store down');
      },
      timezone: 'Europe/Paris',
      logger,
    });
    await ticker.runOnce();
    await ticker.runOnce();
    expect(calls).toBe(2);
    expect(logs).toContain('reminder tick failed');
  });

  it('stop() removes the cron task so the process can exit', async () => {
    const t = startTicker({ tick: async () => undefined, timezone: 'Europe/Paris', logger });
    await t.stop();
    expect([...cron.getTasks().values()].filter((x) => x.name === 'seance-reminders')).toHaveLength(0);
  });
});
