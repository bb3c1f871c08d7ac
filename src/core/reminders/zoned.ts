/**
 * @module `fromZoned` with a per-day memo: on a day without a DST change the offset is constant, so the
 * instant is the wall time minus that offset; change days go through `fromZoned` and its documented rules.
 * Loading 100,000 stored reminders then costs a few Intl calls per distinct day, not per reminder.
 */
import { fromZoned, offsetMinutes, type IsoDate, type WallTime } from '../text/dates.ts';

const dayOffsets = new Map<string, number | null>();

/** The offset in force all day long, or null on a day the offset changes. */
function steadyOffset(date: IsoDate, timeZone: string): number | null {
  const key = `${timeZone}|${date}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = fromZoned(date, '00:00', timeZone).getTime();
    const end = fromZoned(date, '23:59', timeZone).getTime();
    const a = offsetMinutes(start, timeZone);
    offset = a === offsetMinutes(end, timeZone) && end - start === (23 * 60 + 59) * 60_000 ? a : null;
    if (dayOffsets.size > 10_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset;
}

export function zonedInstant(date: IsoDate, time: WallTime, timeZone: string): Date {
  const offset = steadyOffset(date, timeZone);
  if (offset === null) return fromZoned(date, time, timeZone);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - offset * 60_000);
}
