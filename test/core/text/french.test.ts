import { describe, expect, it } from 'vitest';
import { agree, countOf, himself, listOf, placeWithRemote, statusWords } from '../../../src/core/text/french.ts';
import { refusal, refusalTitle } from '../../../src/core/text/refusal.ts';

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
  it('titles a refusal by the action refused', () => {
    expect(refusalTitle('proxy.holder-already-holds')).toBe('Pouvoir refusé');
    expect(refusalTitle('attendance.remote-not-allowed')).toBe('Présence non enregistrée');
    expect(refusalTitle('vote.no-quorum')).toBe('Vote non enregistré');
    expect(refusalTitle('access.denied')).toBe('Accès refusé');
    expect(refusalTitle('something.else')).toBe('Demande refusée');
  });
  it('puts the reason in the title and keeps the explanation below', () => {
    expect(refusal('proxy.holder-already-holds', 'M. ROY détient déjà un pouvoir : statuts, article 12.')).toEqual({
      title: 'Pouvoir refusé : M. ROY détient déjà un pouvoir',
      body: 'Statuts, article 12.',
    });
    expect(
      refusal('agenda.past', 'La séance du lundi 7 octobre 2024 est passée : son ordre du jour ne change plus.'),
    ).toEqual({
      title: 'Ordre du jour inchangé : la séance du lundi 7 octobre 2024 est passée',
      body: 'Son ordre du jour ne change plus.',
    });
    // One sentence: all of it is the reason. « M. » is no end of sentence.
    expect(refusal('vote.withdrawn', "M. DELFOSSE s'est retiré du point 6. Il ne vote pas.")).toEqual({
      title: "Vote non enregistré : M. DELFOSSE s'est retiré du point 6",
      body: 'Il ne vote pas.',
    });
    // A failed lookup is its own title.
    expect(refusal('name.unknown', 'Délégué inconnu : « PARSI ». Vouliez-vous dire M. PARSIS ?')).toEqual({
      title: 'Délégué inconnu : « PARSI »',
      body: 'Vouliez-vous dire M. PARSIS ?',
    });
    // A reason too long for a title stays below the action.
    const long = `${'x'.repeat(120)} : y.`;
    expect(refusal('quote.seats', long)).toEqual({ title: 'Devis impossible', body: long });
  });
});

describe('singular or plural without Intl for integers', () => {
  it('agrees with Intl.PluralRules fr-FR on every count', async () => {
    const { isSingular } = await import('../../../src/core/text/french.ts');
    const { plural } = await import('../../../src/core/text/format.ts');
    const rules = new Intl.PluralRules('fr-FR');
    for (const n of [-1_000_000, -3, -2, -1, 0, 1, 2, 3, 11, 21, 100, 1_000_000, 0.5, 1.5, -1.5, 2.5]) {
      expect(isSingular(n), String(n)).toBe(rules.select(n) === 'one');
      expect(plural(n, 'voix présente', 'voix présentes').endsWith(rules.select(n) === 'one' ? 'e' : 's')).toBe(true);
    }
    expect(countOf(0, 'représenté', 'représentés', 'aucun')).toBe('aucun représenté');
    expect(countOf(2, 'représenté', 'représentés')).toBe('2 représentés');
  });
});
