/**
 * @module What the calendar feed stores: each subscriber's secret link (only its hash: the link is shown
 * once, when made) and each event's SEQUENCE, raised when the event's date, time, place or status changes.
 * Part of `Records` (see records.ts). Both are compare-and-set updates of the Store port, so replicas
 * sharing a store never lose a link nor give two revisions the same SEQUENCE.
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

export const CALENDAR_KEYS = { links: 'calendar:links', revisions: 'calendar:revisions' } as const;

export function createCalendarRecords(store: Store): CalendarRecords {
  return {
    async setCalendarLink(link) {
      await store.update<Record<string, CalendarLink>>(CALENDAR_KEYS.links, (current) => ({
        value: { ...current?.value, [link.owner]: link },
      }));
    },
    async calendarLinkByHash(tokenHash) {
      const all = (await store.get<Record<string, CalendarLink>>(CALENDAR_KEYS.links)) ?? {};
      return Object.values(all).find((l) => l.tokenHash === tokenHash);
    },
    async eventRevisions(fingerprints, now) {
      let latest: Record<string, EventRevision> = {};
      const stored = await store.update<Record<string, EventRevision>>(CALENDAR_KEYS.revisions, (current) => {
        const all = current?.value ?? {};
        const next: Record<string, EventRevision> = { ...all };
        let changed = false;
        for (const [uid, fingerprint] of fingerprints) {
          const prev = all[uid];
          if (prev?.fingerprint === fingerprint) continue;
          next[uid] = { fingerprint, sequence: prev ? prev.sequence + 1 : 0, since: now };
          changed = true;
        }
        latest = next;
        return changed ? { value: next } : undefined; // an unchanged feed writes nothing
      });
      const revisions = stored?.value ?? latest;
      return new Map([...fingerprints.keys()].map((uid) => [uid, revisions[uid] ?? latest[uid]!]));
    },
  };
}
