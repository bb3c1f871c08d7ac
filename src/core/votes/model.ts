/**
 * @module What a vote on one deliberation is made of: how it was counted (unanimity, figures, names), whether
 * the ballot was secret, who withdrew (L2131-11), and the majority rule it is judged by. Plain data, stored as is.
 */

/** A vote cast. Blank ballots exist only in a secret ballot; like abstentions, they are not cast votes. */
export type Choice = 'pour' | 'contre' | 'abstention' | 'blanc';

/**
 * How the result was taken:
 * - `unanimity`: everybody who votes, for (optionally with abstentions, in voix);
 * - `figures`: voix counted in the room; on a tie the president's own vote must be known;
 * - `names`: the delegates named vote as named, everybody else present or represented votes `pour`;
 * - `individual`: each voter's own vote (the delegates' buttons); who did not vote takes no part.
 */
export type Tally =
  | { readonly kind: 'unanimity'; readonly abstention?: number }
  | {
      readonly kind: 'figures';
      readonly pour: number;
      readonly contre: number;
      readonly abstention: number;
      readonly blanc?: number;
      /** How the president voted, needed only to break a tie (L2121-20). */
      readonly president?: Choice;
    }
  | {
      readonly kind: 'names';
      /** Delegate ids. A proxy holder named here votes the same way for the delegate they represent. */
      readonly contre: readonly string[];
      readonly abstention: readonly string[];
      readonly blanc?: readonly string[];
    }
  | {
      readonly kind: 'individual';
      /** By delegate id, present voters only; a proxy holder's vote also counts for the delegate they represent. */
      readonly choices: Readonly<Record<string, Choice>>;
    };

export interface Ballot {
  /** Position of the item on the session's agenda, from 1. */
  readonly item: number;
  readonly tally: Tally;
  /** Secret ballot (scrutin secret): no casting vote on a tie (L2121-20), no names. */
  readonly secret?: boolean;
  /** Delegates (ids) who withdrew from this item for a personal interest (L2131-11). */
  readonly withdrawn?: readonly string[];
}

/** Majority needed to adopt: of the votes cast (CGCT default) or of all the body's voix; absolute or two thirds. */
export interface MajorityRule {
  readonly base: 'cast' | 'total';
  readonly fraction: 'absolute' | 'two-thirds';
  readonly source: string;
}

export const DEFAULT_MAJORITY: MajorityRule = { base: 'cast', fraction: 'absolute', source: 'CGCT, article L2121-20' };

/**
 * A ballot the delegates answer with their buttons, while it is open: one vote per voter, a second vote replaces
 * the first. Kept in the live record until the secretariat closes it; then it becomes a `Ballot` (`individual`).
 */
export interface OpenBallot {
  readonly item: number;
  readonly secret?: boolean;
  /** Wall-clock time it was opened ("18:20"). */
  readonly openedAt: string;
  /** Each voter's own vote, by delegate id. */
  readonly choices: Readonly<Record<string, Choice>>;
}
