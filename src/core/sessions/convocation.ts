/**
 * @module Convocation delays in jours francs: neither the sending day nor the meeting day counts, weekends
 * and holidays do. So N jours francs need sending on meeting − (N + 1) days at the latest.
 */
import { addDays, daysBetween, type IsoDate } from '../text/dates.ts';

export function latestConvocationDate(meeting: IsoDate, joursFrancs: number): IsoDate {
  return addDays(meeting, -(joursFrancs + 1));
}

/** Whole days strictly between sending and meeting. */
export function joursFrancsBetween(sent: IsoDate, meeting: IsoDate): number {
  return Math.max(0, daysBetween(sent, meeting) - 1);
}
