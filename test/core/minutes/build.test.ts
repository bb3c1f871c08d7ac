import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { buildMinutes } from '../../../src/core/minutes/build.ts';
import { partsToMarkdown } from '../../../src/core/minutes/markdown.ts';
import { minutesOutline } from '../../../src/core/minutes/outline.ts';
import type { Session } from '../../../src/core/model.ts';

const config = loadConfigFile('config/somme-numerique.yaml');
const session = config.sessions.find((s) => s.id === '2024-10-07')!;
const record = config.seedRecords['2024-10-07']!;
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the draft minutes with votes recorded in the chat', () => {
  const m = buildMinutes({
    config,
    session,
    record,
    ballots: [
      { item: 8, tally: { kind: 'names', contre: ['delfosse', 'lefebvre'], abstention: [] } },
      // LHOMME withdraws (L2131-11): her 6 voix and FOUCAULT's 6 leave the vote and the item's quorum.
      {
        item: 9,
        tally: { kind: 'figures', pour: 21, contre: 21, abstention: 0, president: 'pour' },
        withdrawn: ['lhomme'],
      },
    ],
    rectifications: ['Point 9 : nombre de voix corrigé (motif : erreur de saisie).'],
  });
  const item = (n: number) => m.items.find((it) => it.number === n)!;

  it("a chat vote takes precedence over the config's, with names for a public ballot (L2121-15)", () => {
    expect(nb(item(8).result!)).toBe('Adoptée par 45 voix pour, 9 contre');
    expect(item(8).details).toEqual(['Ont voté contre : M. DELFOSSE, M. LEFEBVRE, M. WALIGORA, Mme DELETRE']);
    expect(item(8).vote).toMatchObject({ pour: 45, contre: 9, cast: 54, adopted: true });
  });

  it('a withdrawal and a tie decided by the president are written on the item', () => {
    expect(nb(item(9).result!)).toBe('Adoptée par 21 voix pour, 21 contre, la voix du président étant prépondérante');
    expect(item(9).details).toEqual([
      "Mme LHOMME s'est retirée et n'a pas pris part au vote (CGCT, article L2131-11).",
      'Quorum pour ce point : 22 sur 47 (seuil : 24) : non atteint.',
    ]);
  });

  it('lists the deliberations with their numbers and results, and the rectifications', () => {
    expect(m.deliberations.map((d) => [d.number, nb(d.result)])).toEqual([
      ['1', 'Adoptée par 45 voix pour, 9 contre'],
      ['2', 'Adoptée par 21 voix pour, 21 contre, la voix du président étant prépondérante'],
    ]);
    const md = partsToMarkdown(minutesOutline(m));
    expect(md).toContain('### Rectifications\n\n- Point 9 : nombre de voix corrigé (motif : erreur de saisie).');
    expect(md).toContain('- Ont voté contre : M. DELFOSSE, M. LEFEBVRE, M. WALIGORA, Mme DELETRE');
  });
});

describe('items the record cannot count', () => {
  const agenda: Session['agenda'] = [
    { kind: 'deliberation', title: 'Budget' },
    { kind: 'deliberation', title: 'Tarifs', vote: { kind: 'figures', pour: 60, contre: 0, abstention: 0 } },
    { kind: 'deliberation', title: 'Statuts', deliberation: '2024-37', vote: { kind: 'unanimity' } },
  ];
  const m = buildMinutes({ config, session: { ...session, agenda }, record });
  it('a deliberation without a vote says so; numbers run in order unless the config gives one', () => {
    expect(m.items.map((it) => [it.deliberation, nb(it.result!)])).toEqual([
      ['1', 'Vote non enregistré'],
      [
        '2',
        'Vote non décompté : Le décompte (60 voix) dépasse les voix des délégués présents ou représentés pour ce point (54 voix).',
      ],
      ['2024-37', "Adoptée à l'unanimité des suffrages exprimés (54 voix)"],
    ]);
  });
});
