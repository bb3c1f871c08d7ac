/** @module The domain model the config is loaded into. Plain data: the core's functions read it, never mutate it. */
import type { IsoDate, WallTime } from './text/dates.ts';
import type { LiveRecord } from './sessions/live.ts';
import type { Ballot, MajorityRule, Tally } from './votes/model.ts';

export type BodyKind = 'commune' | 'epci' | 'syndicat-mixte-ferme' | 'syndicat-mixte-ouvert' | 'syndicat-intercommunal';
export type Role = 'president' | 'secretary' | 'delegate';
export type ActorRole = Role | 'mairie' | 'reader';

/** A share of a base: "more than half" (1/2, strict) is the CGCT majority; "at least one third" is 1/3. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
  /** true: the count must exceed the share (majority); false: reach it (at least one third). */
  readonly strict: boolean;
}

export interface QuorumRule {
  /** Heads (délégués), weighted votes (voix), or both conditions together. */
  readonly count: 'heads' | 'votes' | 'heads-and-votes';
  /** CGCT default: present only; many statutes: present or represented by proxy. */
  readonly base: 'present' | 'present-or-represented';
  readonly fraction: Fraction;
  /** Where the rule comes from, quoted in every answer. */
  readonly source: string;
  /** L2121-17 al. 2: a session convened again after one without quorum deliberates without quorum. */
  readonly secondConvocationDays: number;
  readonly secondConvocationSource: string;
}

/** A matter a remote session may not decide (L5211-11-1), recognised in agenda titles. */
export interface RemoteExclusion {
  readonly label: string;
  /** Folded words (no accents, lower case) that all appear in a title naming this matter. */
  readonly words: readonly string[];
  /** Folded words that rule the matter out ("vice president" is not the president). */
  readonly unless?: readonly string[];
}

/**
 * The legal profile of a body: every rule with its source. Defaults come from the CGCT for its kind
 * (src/core/assembly/profile.ts); the statutes override any of them in the config.
 */
export interface BodyProfile {
  readonly name: string;
  readonly kind: BodyKind;
  readonly assemblyName: string; // "Comité syndical"
  readonly timezone: string;
  readonly vatPercent: number;
  /** Commune: its population; EPCI or syndicat: that of its largest member commune (L5211-1 al. 2). */
  readonly population?: number;
  readonly quorum: QuorumRule;
  readonly maxProxiesPerHolder: number;
  readonly proxyRuleSource: string;
  /** L2121-20: a proxy is valid for at most three consecutive sessions (except illness). */
  readonly proxyMaxSessions: number;
  readonly substitutes: boolean;
  readonly substitutesSource: string;
  /** Whether members may sit remotely at all (never for a commune since 1 August 2022). */
  readonly remoteAllowed: boolean;
  readonly remoteCountsAsPresent: boolean;
  readonly remoteSource: string;
  readonly remoteExclusions: readonly RemoteExclusion[];
  /** Convocation delay in jours francs. */
  readonly convocationDays: number;
  readonly convocationSource: string;
  /** Who convenes and signs: the maire for a commune, the président otherwise. */
  readonly convener: 'maire' | 'president';
  readonly convenerSource: string;
  /** A note explicative de synthèse goes with the convocation (L2121-12). */
  readonly synthesisNote: boolean;
  readonly synthesisNoteSource: string;
  /** Members in office (seats minus vacancies) when the roster does not list every seat. */
  readonly seatsInOffice?: number;
  /** Total votes as stated by the minutes, when they state one (104 for Somme Numérique). */
  readonly statedTotalVotes?: number;
  /** Majority needed to adopt a deliberation; default: absolute majority of votes cast (CGCT L2121-20). */
  readonly majority?: MajorityRule;
}

export interface MemberBody {
  readonly id: string;
  readonly name: string;
  /** Statutes' composition: delegates it designates and votes each holds. */
  readonly delegates?: number;
  readonly votesEach?: number;
}

export interface Delegate {
  readonly id: string;
  readonly civility: 'M.' | 'Mme';
  readonly lastName: string;
  readonly firstName?: string;
  readonly member: string;
  readonly votes: number;
  readonly role: Role;
  readonly inOffice: boolean;
  /** The suppléant who sits when this titulaire cannot (L5211-6, L5212-7 or the statutes). */
  readonly substitute?: string;
  /** Every spelling that names this delegate (display name, aliases). */
  readonly keys: readonly string[];
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: 'secretary' | 'mairie';
  /** For a mairie contact: the member body, or null for a non-member commune. */
  readonly member?: string | null;
  readonly organisation?: string;
}

export type AgendaKind = 'procedure' | 'information' | 'deliberation';

export interface AgendaItem {
  readonly kind: AgendaKind;
  readonly title: string;
  /** The result as free text (« Le comité syndical prend acte »), when no vote gives it. */
  readonly outcome?: string;
  /** The deliberation's number as the minutes give it (« 1 », « 2024-37 »). */
  readonly deliberation?: string;
  /** The vote as the minutes record it (unanimity, figures): its result is computed, in words and figures. */
  readonly vote?: Tally;
  readonly secret?: boolean;
}

export interface Session {
  readonly id: string; // the ISO date
  readonly title: string;
  readonly date: IsoDate;
  readonly time: WallTime;
  readonly place: string;
  readonly remote: boolean;
  readonly convokedOn?: IsoDate;
  readonly president?: string;
  readonly secretary?: string;
  readonly closedAt?: WallTime;
  readonly agenda: readonly AgendaItem[];
  readonly origin: 'config' | 'chat';
  readonly cancelled?: boolean;
  /** Dates this session was moved from (/seance deplacer), oldest first: an old date still finds it. */
  readonly movedFrom?: readonly IsoDate[];
  readonly prefecture?: string;
  /** Convened in urgency: one jour franc (L2121-11, L2121-12); the assembly rules on the urgency first. */
  readonly urgency?: boolean;
  /** A delay set for this session by the statutes or règlement intérieur, in jours francs. */
  readonly convocationDays?: number;
  /** Date of the session without quorum this one is convened again after (L2121-17 al. 2). */
  readonly secondConvocationOf?: IsoDate;
}

/** `suppleant`: the titulaire is absent and their suppléant sits in their place, with their voix. */
export type AttendanceStatus = 'salle' | 'distance' | 'excuse' | 'absent' | 'suppleant';

export interface Proxy {
  readonly giver: string;
  readonly holder: string;
  readonly status: 'pending' | 'confirmed';
  readonly declaredBy: string;
  readonly declaredAt: string;
  readonly confirmedBy?: string;
  readonly confirmedAt?: string;
  /** Consecutive sessions the proxy covers, this one first (L2121-20: three at most, except illness). */
  readonly sessions?: number;
}

export interface JournalEntry {
  readonly at: string;
  readonly actor: string;
  readonly door: string;
  readonly action: string;
  /** What changed, « avant → après » when there was a before. */
  readonly detail: string;
  /** The reason given by `/seance rectifier` when this change corrected a closed session. */
  readonly rectification?: string;
}

/** Where a session is in its life; 'annulee' and the time-derived states are computed, the rest recorded. */
export type LifecycleState = 'planifiee' | 'convoquee' | 'ouverte' | 'levee' | 'arretee' | 'annulee';

/** How the convocation went out: sent by the bot (reminder or /convocation envoyer) or recorded by a secretary. */
export interface ConvocationSending {
  /** The sending day in the body's time zone. */
  readonly date: IsoDate;
  /** The instant, when the bot sent it. */
  readonly at?: string;
  /** « bot », « courriel », « courrier »... */
  readonly mode: string;
  /** The doors that delivered it (bot), or the door the secretary typed from. */
  readonly doors: readonly string[];
  /** Delegates reached by at least one door (direct message), when the bot sent it. */
  readonly reached?: number;
  readonly total?: number;
  /** Names of delegates no running door could reach. */
  readonly notReached?: readonly string[];
  /** Whether the delegates' channel got it. */
  readonly channel?: boolean;
  readonly by: string;
}

export type AnswerKind = 'salle' | 'distance' | 'excuse' | 'pouvoir';

/** A delegate's answer to the convocation: announced attendance, apart from what is recorded in the room. */
export interface ConvocationAnswer {
  readonly answer: AnswerKind;
  /** For 'pouvoir': the delegate the proxy is given to. */
  readonly holder?: string;
  readonly at: string;
  readonly door: string;
}

/** A correction of a closed session: its reason and the change it allowed. */
export interface Rectification {
  readonly motif: string;
  readonly by: string;
  readonly at: string;
  /** The change made under it (« action : détail »), once made. */
  readonly change?: string;
}

/** When the list of deliberations of a session was published (CGCT L2121-25), and by whom (`/publier`). */
export interface Publication {
  readonly at: string;
  readonly by: string;
}

/**
 * The adopted minutes put online (`/publier pv`, CGCT L2121-15): the day the procès-verbal was arrêté (at the
 * start of a later session), and when and by whom it was published. Recording it makes the session arrêtée.
 */
export interface MinutesPublication extends Publication {
  readonly adoptedOn: IsoDate;
}

/** What is recorded for one session: attendance, proxies, and who changed what. */
export interface SessionRecord {
  readonly version: number;
  readonly attendance: Readonly<Record<string, AttendanceStatus>>;
  readonly proxies: readonly Proxy[];
  readonly journal: readonly JournalEntry[];
  readonly published?: Publication;
  /** The adopted minutes, once published (the public page then shows them). */
  readonly minutesPublished?: MinutesPublication;
  /** Recorded states (issue 11 opens and closes sessions); absent: derived from the date. */
  readonly lifecycle?: { readonly state: 'ouverte' | 'levee' | 'arretee'; readonly at: string; readonly by: string };
  readonly convocation?: ConvocationSending;
  /** Answers to the convocation, by delegate id. */
  readonly answers?: Readonly<Record<string, ConvocationAnswer>>;
  /** An open rectification: the next change to this closed session is allowed, then it closes. */
  readonly rectification?: Rectification;
  /** Rectifications made, for the minutes. */
  readonly rectifications?: readonly Rectification[];
  /** The session as it sits (issue 11): opening and closing times, movements, current item, withdrawals. */
  readonly live?: LiveRecord;
  /** Votes recorded in the chat (/vote), one per agenda item; they take precedence over the config's. */
  readonly ballots?: readonly Ballot[];
}

export const emptyRecord: SessionRecord = { version: 0, attendance: {}, proxies: [], journal: [] };

/* ---------- catalogue ---------- */

export interface Tariff {
  readonly yearlyHtCents?: number;
  readonly yearlyTtcCents?: number;
  /** Monthly figures as voted, in thousandths of a euro (2,916 € → 2916). */
  readonly monthlyHtMillis?: number;
  readonly monthlyTtcMillis?: number;
  readonly installationHtCents?: number;
  /** A flat price with no period stated (FTTH). */
  readonly flatHtCents?: number;
}

export interface Deliberation {
  readonly date: IsoDate;
  readonly title: string;
}

export interface PriceVersion {
  readonly effective: IsoDate;
  readonly deliberation: Deliberation;
  readonly member?: Tariff;
  readonly nonMember?: Tariff;
  /** One price for everybody. */
  readonly all?: Tariff;
}

export interface Commitment {
  readonly what: string;
  readonly years: number;
}

export interface Service {
  readonly id: string;
  readonly name: string;
  readonly keys: readonly string[];
  readonly unit: string; // "agent", "poste", "accès"
  readonly includes: readonly string[];
  readonly commitments: readonly Commitment[];
  readonly freeFirstYear: boolean;
  readonly installationBlock?: number;
  readonly seatLimit?: { readonly lessThan: number; readonly source: string };
  readonly prices: readonly PriceVersion[];
  /** Why there is no price (e.g. "annexe non fournie"). */
  readonly noPrice?: string;
  readonly notes: readonly string[];
  /** A VAT rate for this service when it differs from the body's (CGI art. 278 and following). */
  readonly vatPercent?: number;
}

export interface Catalogue {
  readonly services: readonly Service[];
}
