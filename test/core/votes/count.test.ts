import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { UserError } from '../../../src/core/errors.ts';
import { emptyRecord, type BodyProfile, type Delegate, type SessionRecord } from '../../../src/core/model.ts';
import { countBallot, type BallotResult } from '../../../src/core/votes/count.ts';
import type { Ballot, MajorityRule, Tally } from '../../../src/core/votes/model.ts';
import { namedLines, resultText } from '../../../src/core/votes/wording.ts';

const config = loadConfigFile('config/somme-numerique.yaml');
/** The committee of 7 October 2024: 12 present, 12 represented, 54 voix (VARLET 6 + DECLÉ 1, LHOMME 6 + FOUCAULT 6...). */
const seed = config.seedRecords['2024-10-07']!;
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const count = (
  tally: Tally,
  extra: Partial<Ballot> = {},
  profile: BodyProfile & { majority?: MajorityRule } = config.body,
) =>
  countBallot({
    profile,
    roster: config.roster,
    record: seed,
    ballot: { item: 1, tally, ...extra },
    presidentId: 'varlet',
  });
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof UserError) return e.code;
    throw e;
  }
};

describe('vote arithmetic on the committee of 7 October 2024 (weighted voix, proxies)', () => {
  it.each<[string, Tally, Partial<Ballot>, Partial<BallotResult>, string]>([
    // L2121-20: the votes cast are pour + contre; a proxy holder votes for their principal with the principal's voix.
    [
      'unanimity: every voix present or represented',
      { kind: 'unanimity' },
      {},
      { eligible: 54, pour: 54, contre: 0, cast: 54, adopted: true, unanimous: true },
      "Adoptée à l'unanimité des suffrages exprimés (54 voix)",
    ],
    [
      'by names: DELFOSSE (+ WALIGORA 1) and LEFEBVRE (+ DELETRE 6) against',
      { kind: 'names', contre: ['delfosse', 'lefebvre'], abstention: [] },
      {},
      { pour: 45, contre: 9, cast: 54, required: 28, adopted: true },
      'Adoptée par 45 voix pour, 9 contre',
    ],
    [
      'weights: VARLET (6) against carries DECLÉ (1) with him',
      { kind: 'names', contre: ['varlet'], abstention: [] },
      {},
      { pour: 47, contre: 7, adopted: true },
      'Adoptée par 47 voix pour, 7 contre',
    ],
    [
      'a principal named apart from their holder votes their own way',
      { kind: 'names', contre: ['delfosse'], abstention: ['waligora'] },
      {},
      { pour: 52, contre: 1, abstention: 1, cast: 53 },
      'Adoptée par 52 voix pour, 1 contre et 1 abstention',
    ],
    [
      'a represented 6-voix delegate named alone: ROY (held by PARSIS) against',
      { kind: 'names', contre: ['roy'], abstention: [] },
      {},
      { pour: 48, contre: 6 },
      'Adoptée par 48 voix pour, 6 contre',
    ],
    // Buttons: each voter's own vote; who did not vote takes no part; a holder's vote carries their principal's.
    [
      'buttons: VARLET (+ DECLÉ) for, LHOMME (+ FOUCAULT) against, PARSIS (+ ROY) abstains, nobody else votes',
      { kind: 'individual', choices: { varlet: 'pour', lhomme: 'contre', parsis: 'abstention' } },
      {},
      { pour: 7, contre: 12, abstention: 7, cast: 19, notVoting: 28, adopted: false },
      'Rejetée par 12 voix contre, 7 pour et 7 abstentions',
    ],
    [
      "buttons: a tie broken by the president's own vote",
      { kind: 'individual', choices: { varlet: 'pour', lefebvre: 'contre' } },
      {},
      { pour: 7, contre: 7, tie: true, casting: 'pour', adopted: true },
      'Adoptée par 7 voix pour, 7 contre, la voix du président étant prépondérante',
    ],
    [
      'buttons in a secret ballot: a tie rejects, and no names are kept',
      { kind: 'individual', choices: { varlet: 'pour', lefebvre: 'contre' } },
      { secret: true },
      { pour: 7, contre: 7, tie: true, adopted: false, choices: undefined },
      'Rejetée : partage des voix (7 voix pour, 7 contre) au scrutin secret, sans voix prépondérante',
    ],
    // L2121-20: abstentions are not cast. Counted as cast, 20 of 54 would fail; of the 38 cast, 20 is a majority.
    [
      'abstentions are not votes cast',
      { kind: 'figures', pour: 20, contre: 18, abstention: 16 },
      {},
      { cast: 38, required: 20, adopted: true, notVoting: 0 },
      'Adoptée par 20 voix pour, 18 contre et 16 abstentions',
    ],
    [
      'a majority against',
      { kind: 'figures', pour: 20, contre: 30, abstention: 0 },
      {},
      { adopted: false, notVoting: 4 },
      'Rejetée par 30 voix contre, 20 pour',
    ],
    [
      'unanimous against',
      { kind: 'figures', pour: 0, contre: 54, abstention: 0 },
      {},
      { adopted: false, unanimous: true },
      "Rejetée à l'unanimité des suffrages exprimés (54 voix)",
    ],
    [
      'unanimity of the votes cast with abstentions',
      { kind: 'unanimity', abstention: 6 },
      {},
      { pour: 48, cast: 48, adopted: true, unanimous: true },
      "Adoptée à l'unanimité des suffrages exprimés (48 voix, 6 abstentions)",
    ],
    [
      'nobody votes: no majority',
      { kind: 'unanimity', abstention: 54 },
      {},
      { cast: 0, adopted: false, unanimous: false },
      'Rejetée : aucun suffrage exprimé (54 abstentions)',
    ],
    // L2121-20: on a tie the president's vote decides, except in a secret ballot.
    [
      'a tie decided by the president voting for',
      { kind: 'figures', pour: 27, contre: 27, abstention: 0, president: 'pour' },
      {},
      { tie: true, casting: 'pour', adopted: true },
      'Adoptée par 27 voix pour, 27 contre, la voix du président étant prépondérante',
    ],
    [
      'a tie decided by the president voting against',
      { kind: 'figures', pour: 27, contre: 27, abstention: 0, president: 'contre' },
      {},
      { tie: true, casting: 'contre', adopted: false },
      'Rejetée par 27 voix contre, 27 pour, la voix du président étant prépondérante',
    ],
    [
      'a tie where the president abstained: no majority',
      { kind: 'figures', pour: 24, contre: 24, abstention: 6, president: 'abstention' },
      {},
      { tie: true, casting: undefined, adopted: false },
      'Rejetée faute de majorité : partage des voix (24 voix pour, 24 contre et 6 abstentions)',
    ],
    // L2121-21: in a secret ballot nobody's vote is known, so there is no casting vote.
    [
      'a tie in a secret ballot is rejected',
      { kind: 'figures', pour: 26, contre: 26, abstention: 0, blanc: 2 },
      { secret: true },
      { tie: true, casting: undefined, adopted: false, blanc: 2 },
      'Rejetée : partage des voix (26 voix pour, 26 contre et 2 bulletins blancs) au scrutin secret, sans voix prépondérante',
    ],
    [
      'one blank ballot takes the singular',
      { kind: 'figures', pour: 40, contre: 13, abstention: 0, blanc: 1 },
      { secret: true },
      { cast: 53, adopted: true },
      'Adoptée par 40 voix pour, 13 contre et 1 bulletin blanc',
    ],
    // L2131-11: a member with a personal interest takes no part: LHOMME (6) leaves, and FOUCAULT's proxy (6) with her.
    [
      "a withdrawn holder: neither their voix nor their principal's",
      { kind: 'unanimity' },
      { withdrawn: ['lhomme'] },
      { eligible: 42, pour: 42 },
      "Adoptée à l'unanimité des suffrages exprimés (42 voix)",
    ],
  ])('%s', (_, tally, extra, expected, words) => {
    const r = count(tally, extra);
    expect(r).toMatchObject(expected);
    expect(nb(resultText(r))).toBe(words);
  });

  it("a withdrawn member counts neither for the item's quorum (L2131-11): 24 - 2 = 22 of 24 needed", () => {
    const q = count({ kind: 'unanimity' }, { withdrawn: ['lhomme'] }).quorum!;
    expect(q.counted).toBe(22);
    expect(q.reached).toBe(false);
    expect(count({ kind: 'unanimity' }).quorum!.reached).toBe(true);
  });

  it.each<[string, Tally, Partial<Ballot>, string]>([
    [
      'more voix than present or represented',
      { kind: 'figures', pour: 50, contre: 10, abstention: 0 },
      {},
      'vote.too-many',
    ],
    ['more abstentions than voters', { kind: 'unanimity', abstention: 55 }, {}, 'vote.too-many'],
    [
      "a tie by figures without the president's vote",
      { kind: 'figures', pour: 27, contre: 27, abstention: 0 },
      {},
      'vote.tie-president',
    ],
    [
      'a name neither present nor represented (PINON, excused)',
      { kind: 'names', contre: ['pinon'], abstention: [] },
      {},
      'vote.not-voting',
    ],
    [
      'a withdrawn name',
      { kind: 'names', contre: ['lhomme'], abstention: [] },
      { withdrawn: ['lhomme'] },
      'vote.withdrawn',
    ],
    [
      'the principal of a withdrawn holder',
      { kind: 'names', contre: ['foucault'], abstention: [] },
      { withdrawn: ['lhomme'] },
      'vote.not-voting',
    ],
    ['a button vote by an excused delegate', { kind: 'individual', choices: { pinon: 'pour' } }, {}, 'vote.not-voting'],
    [
      'a button vote by a represented delegate (ROY, held by PARSIS)',
      { kind: 'individual', choices: { roy: 'pour' } },
      {},
      'vote.not-voting',
    ],
    [
      'a button vote by a withdrawn delegate',
      { kind: 'individual', choices: { lhomme: 'contre' } },
      { withdrawn: ['lhomme'] },
      'vote.withdrawn',
    ],
    ['a name given twice', { kind: 'names', contre: ['payen'], abstention: ['payen'] }, {}, 'vote.named-twice'],
    [
      'names in a secret ballot (L2121-21)',
      { kind: 'names', contre: ['payen'], abstention: [] },
      { secret: true },
      'vote.secret-names',
    ],
  ])('refuses %s', (_, tally, extra, expected) => {
    expect(code(() => count(tally, extra))).toBe(expected);
  });

  it('names the delegates who voted against or abstained, for the minutes of a public ballot (L2121-15)', () => {
    const r = count({ kind: 'names', contre: ['delfosse'], abstention: ['lefebvre'] });
    const name = (id: string) => config.roster.find((d) => d.id === id)!.lastName;
    expect(namedLines(r, name)).toEqual([
      'Ont voté contre : DELFOSSE, WALIGORA',
      'Se sont abstenus : LEFEBVRE, DELETRE',
    ]);
  });

  it('a two-thirds rule of the statutes: 35 of 54 cast is short of 36', () => {
    const profile = {
      ...config.body,
      majority: { base: 'cast', fraction: 'two-thirds', source: 'statuts, art. X' } as const,
    };
    const r = count({ kind: 'figures', pour: 35, contre: 19, abstention: 0 }, {}, profile);
    expect(r).toMatchObject({ required: 36, adopted: false });
    expect(nb(resultText(r))).toBe('Rejetée faute de la majorité requise (36 voix) : 35 voix pour, 19 contre');
    expect(r.rule).toContain('statuts, art. X');
  });

  it('agrees with a masculine subject (« le projet ») and defaults to the feminine délibération', () => {
    const r = count({ kind: 'figures', pour: 48, contre: 6, abstention: 0 });
    expect(nb(resultText(r, 'm'))).toBe('Adopté par 48 voix pour, 6 contre');
    expect(nb(resultText(r))).toBe('Adoptée par 48 voix pour, 6 contre');
  });

  it('unanimity with no attendance recorded: the result without invented figures', () => {
    const r = countBallot({
      profile: config.body,
      roster: config.roster,
      record: emptyRecord,
      ballot: { item: 1, tally: { kind: 'unanimity' } },
    });
    expect(r.pour).toBeUndefined();
    expect(resultText(r)).toBe("Adoptée à l'unanimité");
  });
});

describe('a tie by names on a small public body (one voix each): the president decides (L2121-20)', () => {
  const roster: Delegate[] = ['p', 'a', 'b', 'c'].map((id) => ({
    id,
    civility: 'M.',
    lastName: id.toUpperCase(),
    member: 'm',
    votes: 1,
    role: id === 'p' ? 'president' : 'delegate',
    inOffice: true,
    keys: [id],
  }));
  const record: SessionRecord = { ...emptyRecord, attendance: { p: 'salle', a: 'salle', b: 'salle', c: 'salle' } };
  const run = (contre: string[], presidentId?: string, secret = false) =>
    countBallot({
      profile: config.body,
      roster,
      record,
      ballot: { item: 1, tally: { kind: 'names', contre, abstention: [] }, secret },
      presidentId,
    });
  it.each<[string, string[], string | undefined, boolean, string]>([
    [
      'president for: adopted',
      ['b', 'c'],
      'p',
      true,
      'Adoptée par 2 voix pour, 2 contre, la voix du président étant prépondérante',
    ],
    [
      'president against: rejected',
      ['p', 'c'],
      'p',
      false,
      'Rejetée par 2 voix contre, 2 pour, la voix du président étant prépondérante',
    ],
    [
      'no president known: no casting vote',
      ['b', 'c'],
      undefined,
      false,
      'Rejetée faute de majorité : partage des voix (2 voix pour, 2 contre)',
    ],
  ])('%s', (_, contre, president, adopted, words) => {
    const r = run(contre, president);
    expect(r.adopted).toBe(adopted);
    expect(resultText(r)).toBe(words);
  });
});
