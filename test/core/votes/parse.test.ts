import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.ts';
import { parseVote, type ParsedVote } from '../../../src/core/votes/parse.ts';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof UserError) return e.code;
    throw e;
  }
};

describe('the count typed after /vote <n°>', () => {
  it.each<[string, Partial<ParsedVote>]>([
    ['unanimite', { tally: { kind: 'unanimity' }, secret: false, withdrawn: [] }],
    ["à l'unanimité abstention 6", { tally: { kind: 'unanimity', abstention: 6 } }],
    ['pour 48 contre 6', { tally: { kind: 'figures', pour: 48, contre: 6, abstention: 0 } }],
    ['pour 20 contre 18 abstentions 16', { tally: { kind: 'figures', pour: 20, contre: 18, abstention: 16 } }],
    [
      'Pour 27 Contre 27 président pour',
      { tally: { kind: 'figures', pour: 27, contre: 27, abstention: 0, president: 'pour' } },
    ],
    [
      'scrutin secret pour 26 contre 26 blanc 2',
      { tally: { kind: 'figures', pour: 26, contre: 26, abstention: 0, blanc: 2 }, secret: true },
    ],
    [
      'contre: DELFOSSE, LEFEBVRE',
      { tally: { kind: 'names', contre: ['DELFOSSE', 'LEFEBVRE'], abstention: [], blanc: [] } },
    ],
    [
      'contre: DELFOSSE et DE WAZIERS abstention: PAYEN',
      { tally: { kind: 'names', contre: ['DELFOSSE', 'DE WAZIERS'], abstention: ['PAYEN'], blanc: [] } },
    ],
    ['unanimite retrait: LHOMME', { tally: { kind: 'unanimity' }, withdrawn: ['LHOMME'] }],
    [
      'pour 40 contre 2 retrait: LHOMME, VARLET',
      { tally: { kind: 'figures', pour: 40, contre: 2, abstention: 0 }, withdrawn: ['LHOMME', 'VARLET'] },
    ],
  ])('%s', (line, expected) => {
    expect(parseVote(line)).toMatchObject(expected);
  });

  it.each([
    ['', 'vote.syntax'],
    ['adopté', 'vote.syntax'],
    ['pour 48', 'vote.syntax'],
    ['pour 48 contre 6 pour 3', 'vote.syntax'],
    ['unanimite contre: DELFOSSE', 'vote.syntax'],
    ['pour 48 contre 6 contre: DELFOSSE', 'vote.syntax'],
  ])('refuses « %s » with the usage', (line, expected) => {
    expect(code(() => parseVote(line))).toBe(expected);
  });
});
