/** Splitting a command line's words among the declared arguments, then validating them. */
import { describe, expect, it } from 'vitest';
import { knownPhraseTester, splitArgs, tokenize, validateArgs, type KnownPhrases } from '../../src/core/args.ts';
import { arg, type ArgSpec } from '../../src/core/command.ts';
import { UserError } from '../../src/core/errors.ts';

const known: KnownPhrases = {
  delegate: knownPhraseTester(['Mme de Waziers', 'de Waziers', 'ROY', 'Mme ROY', 'PARSIS', 'Maille-Barbare'], true),
  service: knownPhraseTester(['cyber', 'cybersécurité', 'SIG mutualisé', 'sig'], false),
};
const session = arg({ name: 'séance', kind: 'session', optional: true, description: 'séance' });
const split = (specs: readonly ArgSpec[], line: string) => splitArgs(specs, tokenize(line), '/x', known);

describe('tokenize', () => {
  it('keeps "quoted", « guillemets » and \'single-quoted\' words together', () => {
    expect(tokenize('donner "Mme de Waziers" « SIG mutualisé » \'a b\' fin')).toEqual([
      'donner',
      'Mme de Waziers',
      'SIG mutualisé',
      'a b',
      'fin',
    ]);
  });
  it('drops empty quotes and extra spaces', () => {
    expect(tokenize('  a   ""  b ')).toEqual(['a', 'b']);
  });
});

describe('splitArgs', () => {
  const proxy = [
    arg({ name: 'mandant', kind: 'delegate', description: 'm' }),
    arg({ name: 'mandataire', kind: 'delegate', description: 'm' }),
    session,
  ];

  it('takes multi-word delegate names it knows, then the session date', () => {
    expect(split(proxy, 'Mme de Waziers ROY 2024-10-07')).toEqual({
      mandant: 'Mme de Waziers',
      mandataire: 'ROY',
      séance: '2024-10-07',
    });
  });
  it('takes civility and particles with an unknown name', () => {
    expect(split(proxy, 'M. de la Tour ROY')).toEqual({ mandant: 'M. de la Tour', mandataire: 'ROY' });
  });
  it('leaves an optional session out when the word is not a date', () => {
    expect(split([session], '')).toEqual({});
    expect(() => split([session], 'bientôt')).toThrow(UserError);
    expect(split([session], 'demain')).toEqual({ séance: 'demain' });
    expect(split([session], 'lundi 7 oct. 2024')).toEqual({ séance: 'lundi 7 oct. 2024' });
  });
  it('takes the longest known service name, then stops at a number for an unknown one', () => {
    const quote = [
      arg({ name: 'service', kind: 'service', description: 's' }),
      arg({ name: 'postes', kind: 'integer', description: 'p' }),
      arg({ name: 'tarif', kind: 'choice', choices: ['membre', 'non-membre'], optional: true, description: 't' }),
    ];
    expect(split(quote, 'SIG mutualisé 10 membre')).toEqual({
      service: 'SIG mutualisé',
      postes: '10',
      tarif: 'membre',
    });
    expect(split(quote, 'hébergement web 3')).toEqual({ service: 'hébergement web', postes: '3' });
  });
  it('gives the rest of the line to a text argument, leaving a trailing date to the session', () => {
    const specs = [arg({ name: 'titre', kind: 'text', description: 't' }), session];
    expect(split(specs, 'Budget primitif 2027 2026-12-15')).toEqual({
      titre: 'Budget primitif 2027',
      séance: '2026-12-15',
    });
  });
  it('refuses words left over, with the usage', () => {
    try {
      split([session], '2024-10-07 encore');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).code).toBe('args.invalid');
      expect((e as UserError).message).toBe('Argument en trop : « encore ».');
    }
  });
});

describe('validateArgs', () => {
  const specs = [
    arg({ name: 'n', kind: 'integer', min: 1, max: 50, description: 'n' }),
    arg({ name: 'jour', kind: 'date', description: 'j' }),
    session,
  ];
  it('turns raw text into typed values', () => {
    expect(validateArgs(specs, { n: '12', jour: '07/10/2024' }, '/x', '2026-11-29')).toEqual({
      n: 12,
      jour: '2024-10-07',
    });
  });
  it('names a missing argument and an invalid one in French', () => {
    expect(() => validateArgs(specs, { jour: '2024-10-07' }, '/x', '2026-11-29')).toThrow('Argument manquant : n (n).');
    expect(() => validateArgs(specs, { n: '99', jour: '2024-10-07' }, '/x', '2026-11-29')).toThrow(
      /Argument « n » invalide : 99 hors limites \(de 1 à 50\)/,
    );
    expect(() => validateArgs(specs, { n: 'dix', jour: '2024-10-07' }, '/x', '2026-11-29')).toThrow(
      /nombre entier attendu, reçu « dix »/,
    );
  });
});
