import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { computeQuorum } from '../../../src/core/assembly/quorum.ts';
import type { BodyProfile, Delegate, SessionRecord } from '../../../src/core/model.ts';

const config = loadConfigFile('config/somme-numerique.yaml');
const seed = config.seedRecords['2024-10-07']!;

function delegates(n: number, votes = 1): Delegate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    civility: 'M.',
    lastName: `D${i}`,
    member: 'm',
    votes,
    role: 'delegate',
    inOffice: true,
    keys: [`D${i}`],
  }));
}

const cgct: BodyProfile = {
  ...config.body,
  kind: 'commune',
  statedTotalVotes: undefined,
  quorum: { ...config.body.quorum, count: 'heads', base: 'present', source: 'CGCT, article L2121-17' },
};

describe('quorum of the committee of 7 October 2024 (statutes: heads, present or represented)', () => {
  const q = computeQuorum(config.body, config.roster, seed);
  it('counts 12 present (6 in the room, 6 remote) and 12 represented: 24 delegates', () => {
    expect(q.room).toHaveLength(6);
    expect(q.remote).toHaveLength(6);
    expect(q.represented).toHaveLength(12);
    expect(q.counted).toBe(24);
  });
  it('sets the threshold at the majority of the 47 delegates in office and finds it reached', () => {
    expect(q.inOffice).toBe(47);
    expect(q.threshold).toBe(24);
    expect(q.reached).toBe(true);
    expect(q.missing).toBe(0);
  });
  it('counts 54 votes present and represented out of the 104 the minutes state', () => {
    expect(q.votesPresent + q.votesRepresented).toBe(54);
    expect(q.totalVotes).toBe(104);
    expect(q.rosterVotes).toBe(107);
  });
  it('names its rule and source', () => {
    expect(q.rule).toContain('article 13 du règlement intérieur');
    expect(q.rule).toContain('présents ou représentés');
  });
});

describe('quorum under other rules', () => {
  it('CGCT default: proxies do not count, only members present (44 in office → 23)', () => {
    const roster = delegates(44);
    const attendance: SessionRecord['attendance'] = Object.fromEntries(roster.slice(0, 20).map((d) => [d.id, 'salle']));
    const record: SessionRecord = {
      version: 0,
      attendance: { ...attendance, d30: 'excuse', d31: 'excuse', d32: 'excuse' },
      journal: [],
      proxies: ['d30', 'd31', 'd32'].map((g, i) => ({
        giver: g,
        holder: `d${i}`,
        status: 'confirmed',
        declaredBy: 't',
        declaredAt: '',
      })),
    };
    const q = computeQuorum(cgct, roster, record);
    expect(q.threshold).toBe(23);
    expect(q.represented).toHaveLength(3);
    expect(q.counted).toBe(20);
    expect(q.reached).toBe(false);
    expect(q.missing).toBe(3);
  });
  it('remote members do not count when the profile says so', () => {
    const roster = delegates(4);
    const record: SessionRecord = {
      version: 0,
      attendance: { d0: 'salle', d1: 'distance', d2: 'distance' },
      proxies: [],
      journal: [],
    };
    expect(computeQuorum({ ...cgct, remoteCountsAsPresent: true }, roster, record).reached).toBe(true);
    const q = computeQuorum({ ...cgct, remoteCountsAsPresent: false }, roster, record);
    expect(q.counted).toBe(1);
    expect(q.reached).toBe(false);
  });
  it('weighted variant: counts votes, so two 6-vote delegates outweigh ten 1-vote ones', () => {
    const heavy = delegates(2, 6).map((d, i) => ({ ...d, id: `h${i}` }));
    const light = delegates(10);
    const roster = [...heavy, ...light]; // 22 votes, threshold 12
    const profile: BodyProfile = {
      ...cgct,
      quorum: { ...cgct.quorum, count: 'votes', base: 'present-or-represented', source: 'statuts' },
    };
    const record: SessionRecord = {
      version: 0,
      attendance: { h0: 'salle', h1: 'excuse', d0: 'salle' },
      journal: [],
      proxies: [{ giver: 'h1', holder: 'd0', status: 'confirmed', declaredBy: 't', declaredAt: '' }],
    };
    const q = computeQuorum(profile, roster, record);
    expect(q.threshold).toBe(12);
    expect(q.counted).toBe(13);
    expect(q.reached).toBe(true);
  });
  it('a proxy counts only if confirmed and its holder is present', () => {
    const roster = delegates(4);
    const base = { version: 0, journal: [] };
    const p = (status: 'pending' | 'confirmed') => [
      { giver: 'd1', holder: 'd0', status, declaredBy: 't', declaredAt: '' },
    ];
    const profile = config.body;
    expect(
      computeQuorum(profile, roster, { ...base, attendance: { d0: 'salle' }, proxies: p('pending') }).represented,
    ).toHaveLength(0);
    expect(
      computeQuorum(profile, roster, { ...base, attendance: { d0: 'absent' }, proxies: p('confirmed') }).represented,
    ).toHaveLength(0);
    expect(
      computeQuorum(profile, roster, { ...base, attendance: { d0: 'distance' }, proxies: p('confirmed') }).represented,
    ).toHaveLength(1);
  });
});
