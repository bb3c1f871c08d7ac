/** @module Clocks: the system clock, and a settable one for tests and `SEANCE_NOW` demos. */
import type { Clock } from '../core/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** Real waiting, for the core's retries (the core itself keeps no timers). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface FakeClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function createFakeClock(start: Date | string): FakeClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
