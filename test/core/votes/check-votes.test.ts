import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/app/load-config.ts';
import { checkConfig } from '../../../src/core/check.ts';

const sample = readFileSync('config/somme-numerique.yaml', 'utf8');
const FTTH_VOTE = "enrichissement de l'offre initiale, outcome: Adoptée à l'unanimité, vote: unanimite }";
const withFtthVote = (vote: string) => {
  expect(sample).toContain(FTTH_VOTE);
  return sample.replace(FTTH_VOTE, FTTH_VOTE.replace('vote: unanimite', `vote: ${vote}`));
};

describe('votes recorded in the config', () => {
  it("the sample's two unanimous votes count without warning", () => {
    const c = parseConfig(sample, 'sample.yaml');
    expect(checkConfig(c).filter((w) => w.path.includes('.vote'))).toEqual([]);
    const ftth = c.sessions[0]!.agenda[8]!;
    expect(ftth).toMatchObject({ kind: 'deliberation', deliberation: '2', vote: { kind: 'unanimity' } });
  });
  it('seance check reports figures that exceed the voix present or represented', () => {
    const c = parseConfig(withFtthVote('{ pour: 50, contre: 10 }'), 'bad.yaml');
    const w = checkConfig(c).find((x) => x.path === 'sessions(2024-10-07).agenda[8].vote');
    expect(w?.message).toMatch(/Le décompte \(60 voix\) dépasse .* \(54 voix\)/);
  });
  it('a vote that is neither unanimite nor figures is refused with the file and path', () => {
    let error: unknown;
    try {
      parseConfig(withFtthVote('{ pour: -3, contre: 0 }'), 'bad.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as ConfigError).message)).toMatch(/sessions.*agenda.*vote/);
  });
});
