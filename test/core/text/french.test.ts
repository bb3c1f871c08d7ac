import { describe, expect, it } from 'vitest';
import {
  agree,
  countOf,
  himself,
  listOf,
  placeWithRemote,
  refusalTitle,
  statusWords,
} from '../../../src/core/text/french.ts';

const mme = { civility: 'Mme' };
const m = { civility: 'M.' };

describe('French set properly', () => {
  it('agrees with the civility', () => {
    expect(statusWords('salle', mme)).toBe('présente en salle');
    expect(statusWords('salle', m)).toBe('présent en salle');
    expect(statusWords('excuse', mme)).toBe('excusée');
    expect(himself(mme)).toBe('elle-même');
    expect(agree(m, 'noté', 'notée')).toBe('noté');
  });
  it('counts with French plurals: 0 and 1 singular', () => {
    expect(countOf(0, 'représenté', 'représentés', 'aucun')).toBe('aucun représenté');
    expect(countOf(0, 'représenté', 'représentés')).toBe('0 représenté');
    expect(countOf(1, 'représenté', 'représentés')).toBe('1 représenté');
    expect(countOf(2, 'représenté', 'représentés')).toBe('2 représentés');
  });
  it('joins lists the French way', () => {
    expect(listOf(['Amiens', 'visio', 'à distance'])).toBe('Amiens, visio et à distance');
    expect(listOf(['M. ROY', 'Mme ROY'], 'or')).toBe('M. ROY ou Mme ROY');
  });
  it('says the place once, without « visio et à distance »', () => {
    expect(placeWithRemote('Amiens', true)).toBe('Amiens et à distance');
    expect(placeWithRemote('Amiens, visio', true)).toBe('Amiens, visio');
    expect(placeWithRemote('Amiens', false)).toBe('Amiens');
  });
  it('titles a refusal by what happened', () => {
    expect(refusalTitle('proxy.holder-already-holds')).toBe('Pouvoir refusé');
    expect(refusalTitle('proxy.not-found')).toBe('Aucun pouvoir à traiter');
    expect(refusalTitle('access.denied')).toBe('Accès refusé');
    expect(refusalTitle('something.else')).toBe('Demande refusée');
  });
});
