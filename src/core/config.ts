/** @module The loaded configuration of one body, as the core sees it (built by src/app/load-config.ts). */
import type {
  ActorRole,
  BodyProfile,
  Catalogue,
  Delegate,
  MemberBody,
  Person,
  Session,
  SessionRecord,
} from './model.ts';

export type Permission =
  | 'proxy.record'
  | 'attendance.record'
  | 'session.plan'
  | 'journal.read'
  | 'reminder.manage'
  | 'vote.record';

export const defaultPermissions: Record<Permission, readonly ActorRole[]> = {
  'proxy.record': ['secretary'],
  'attendance.record': ['secretary'],
  'session.plan': ['secretary'],
  'journal.read': ['secretary', 'president'],
  'reminder.manage': ['secretary'],
  'vote.record': ['secretary'],
};

export interface ConfigWarning {
  /** Where in the file, e.g. "sessions[0].attendance.excuse[23]". */
  readonly path: string;
  readonly message: string;
  readonly suggestion: string;
  /** An error breaks a legal rule (the record is disregarded); a warning is a gap to check. Default warning. */
  readonly severity?: 'error' | 'warning';
}

export interface SeminarConfig {
  readonly title: string;
  /** MM-DD, every year. */
  readonly day: string;
  readonly place?: string;
  readonly leadDays: readonly number[];
  readonly time: string;
  readonly to: readonly ('delegates' | 'secretariat')[];
}

export interface Config {
  readonly file: string;
  readonly body: BodyProfile;
  readonly members: readonly MemberBody[];
  readonly roster: readonly Delegate[];
  readonly staff: readonly Person[];
  readonly contacts: readonly Person[];
  readonly permissions: Readonly<Record<Permission, readonly ActorRole[]>>;
  readonly sessions: readonly Session[];
  /** Attendance and proxies the config records (the minutes of a past session). */
  readonly seedRecords: Readonly<Record<string, SessionRecord>>;
  readonly catalogue: Catalogue;
  readonly reminders: {
    readonly graceHours: number;
    readonly seminar?: SeminarConfig;
    /** When the secretariat hears that quorum is at risk and non-answering delegates get a reminder (default J-2 at 09:00). */
    readonly quorumAlert?: { readonly daysBefore: number; readonly time: string };
  };
  /** Inconsistencies found while loading (a misspelt name resolved to its near twin...). */
  readonly loadWarnings: readonly ConfigWarning[];
  /**
   * The public page's address as visitors reach it (SEANCE_PUBLIC_URL, no trailing slash), set by the app from
   * its settings, not the YAML. Absent: the bot gives no link to the page and says how to set it.
   */
  readonly publicUrl?: string;
}

/** How a delegate is named everywhere (« M. PAYEN », « Mme ROY »): the one place that says so. */
export function delegateName(d: Delegate): string {
  return `${d.civility} ${d.lastName}`;
}
