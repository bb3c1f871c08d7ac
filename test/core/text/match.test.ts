import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { matchByName } from '../../../src/core/text/match.ts';

const roster = loadConfigFile('config/somme-numerique.yaml').roster;
const found = (q: string) => {
  const m = matchByName(q, roster);
  return m.kind === 'found' ? `${m.item.civility} ${m.item.lastName}` : m.kind;
};

describe('loose delegate names', () => {
  it.each([
    ['ROY', 'Mme ROY'],
    ['Mme Roy', 'Mme ROY'],
    ['roy', 'Mme ROY'],
    ['de waziers', 'Mme DE WAZIERS'],
    ['maille-barbare', 'Mme MAILLE-BARBARE'],
    ['MAILLE BARBARE', 'Mme MAILLE-BARBARE'],
    ['maille', 'M. MAILLE'],
    ['decle', 'M. DECLÉ'],
    ['M. DECLÉ', 'M. DECLÉ'],
    ['Philippe Varlet', 'M. VARLET'],
    ['saint yves', 'M. SAINTYVES'],
  ])('"%s" is %s', (q, expected) => {
    expect(found(q)).toBe(expected);
  });
  it('suggests the near-identical name for a misspelling', () => {
    const m = matchByName('BLOKCLET', roster);
    expect(m.kind).toBe('unknown');
    expect(m.kind === 'unknown' && m.suggestions.map((d) => d.lastName)).toEqual(['BLOCKLET']);
  });
  it('says when a name is ambiguous', () => {
    const m = matchByName('DE', roster);
    expect(m.kind).toBe('ambiguous');
  });
  it('suggests nothing for a name far from every delegate', () => {
    const m = matchByName('Zorglub', roster);
    expect(m).toEqual({ kind: 'unknown', suggestions: [] });
  });
});
