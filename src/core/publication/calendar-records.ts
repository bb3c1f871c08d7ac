/**
 * @module What the calendar feed stores: each subscriber's secret link (only its hash: the link is shown
 * once, when made) and each event's SEQUENCE, raised when the event's date, time, place or status changes.
 * Part of `Records` (see records.ts), over the Store port's get/set.
 */
import type { Store } from '../ports.ts';

/** A delegate or staff member's private feed: the hash of their current secret (older secrets are revoked). */
export interface CalendarLink {
  readonly owner: string;
  readonly tokenHash: string;
  readonly createdAt: string;
}

/** The last published version of a calendar event: what it looked like, and its SEQUENCE. */
export interface EventRevision {
  readonly fingerprint: string;
  readonly sequence: number;
  /** When this revision was first published (the event's DTSTAMP, so an unchanged feed keeps its ETag). */
  readonly since: string;
}

export interface CalendarRecords {
  /** Replaces the owner's link (the previous one stops working). */
  setCalendarLink(link: CalendarLink): Promise<void>;
  /** The owner of a token hash, if the link is current. */
  calendarLinkByHash(tokenHash: string): Promise<CalendarLink | undefined>;
  /** Each event's revision: SEQUENCE kept while its fingerprint is unchanged, raised by one when it changes. */
  eventRevisions(fingerprints: ReadonlyMap<string, string>, now: string): Promise<ReadonlyMap<string, EventRevision>>;
}

type WithLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

const LINKS = 'calendar:links';
const REVISIONS = 'calendar:revisions';

export function createCalendarRecords(store: Store, withLock: WithLock): CalendarRecords {
  return {
    setCalendarLink(link) {
      return withLock(LINKS, async () => {
        const all = (await store.get<Record<string, CalendarLink>>(LINKS)) ?? {};
        await store.set(LINKS, { ...all, [link.owner]: link });
      });
    },
    async calendarLinkByHash(tokenHash) {
      const all = (await store.get<Record<string, CalendarLink>>(LINKS)) ?? {};
      return Object.values(all).find((l) => l.tokenHash === tokenHash);
    },
    eventRevisions(fingerprints, now) {
      return withLock(REVISIONS, async () => {
        const all = (await store.get<Record<string, EventRevision>>(REVISIONS)) ?? {};
        const next: Record<string, EventRevision> = { ...all };
        let changed = false;
        for (const [uid, fingerprint] of fingerprints) {
          const prev = all[uid];
          if (!prev) next[uid] = { fingerprint, sequence: 0, since: now };
          else if (prev.fingerprint !== fingerprint) next[uid] = { fingerprint, sequence: prev.sequence + 1, since: now };
          else continue;
          changed = true;
        }
        if (changed) await store.set(REVISIONS, next);
        return new Map([...fingerprints.keys()].map((uid) => [uid, next[uid]!]));
      });
    },
  };
}
