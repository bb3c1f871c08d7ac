/**
 * What the command path remembers between commands (computeQuorum, applyRecordRules, the remote-session
 * matters of a title): the same immutable record gives the same result without recomputing, a changed record a
 * new one, and nothing is ever written into the record.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { remoteExclusionsIn, REMOTE_EXCLUSIONS } from '../../../src/core/assembly/profile.ts';
import { computeQuorum, delegatesById } from '../../../src/core/assembly/quorum.ts';
import { applyRecordRules } from '../../../src/core/assembly/record-rules.ts';
import type { SessionRecord } from '../../../src/core/model.ts';

const config = loadConfigFile('config/somme-numerique.yaml');

/** A copy of the sample record frozen all the way down: any write into it would throw (modules are strict). */
function frozenSample(): SessionRecord {
  const seed = structuredClone(config.seedRecords['2024-10-07']!);
  for (const p of seed.proxies) Object.freeze(p);
  Object.freeze(seed.proxies);
  Object.freeze(seed.attendance);
  return Object.freeze(seed);
}

describe('computeQuorum and applyRecordRules on an unchanged record', () => {
  it('answer the same result object again, from a frozen record', () => {
    const record = frozenSample();
    const first = computeQuorum(config.body, config.roster, record);
    expect(computeQuorum(config.body, config.roster, { ...record, journal: [] })).toBe(first);
    const byId = delegatesById(config.roster);
    expect(applyRecordRules(config.body, byId, record)).toBe(applyRecordRules(config.body, byId, record));
    expect(first.counted).toBe(24);
  });

  it('count a changed record afresh: a new attendance object is a new answer', () => {
    const record = frozenSample();
    const before = computeQuorum(config.body, config.roster, record);
    const present = Object.keys(record.attendance).filter((id) => record.attendance[id] === 'salle');
    const attendance = { ...record.attendance };
    for (const id of present) delete attendance[id];
    const after = computeQuorum(config.body, config.roster, { ...record, attendance });
    expect(after).not.toBe(before);
    expect(after.room).toHaveLength(0);
    expect(before.room).toHaveLength(6);
  });

  it('do not take one body profile or roster for another', () => {
    const record = frozenSample();
    const heads = computeQuorum(config.body, config.roster, record);
    const votes = computeQuorum(
      { ...config.body, quorum: { ...config.body.quorum, count: 'votes' } },
      config.roster,
      record,
    );
    expect(votes).not.toBe(heads);
    expect(votes.counted).toBe(heads.votesPresent + heads.votesRepresented);
    const fewer = config.roster.slice(0, 10);
    expect(computeQuorum(config.body, fewer, record).inOffice).toBe(10);
  });

  it('tell a second convocation from the first session on the same record', () => {
    const record = frozenSample();
    const plain = computeQuorum(config.body, config.roster, record, { date: '2024-10-07' });
    const second = computeQuorum(config.body, config.roster, record, {
      date: '2024-10-07',
      secondConvocationOf: '2024-09-30',
    });
    expect(plain.secondConvocation).toBeUndefined();
    expect(second.secondConvocation?.of).toBe('2024-09-30');
  });
});

describe('remoteExclusionsIn, remembered per title', () => {
  it('gives the same frozen answer again, and none for a title without such a matter', () => {
    const a = remoteExclusionsIn('Élection du président', REMOTE_EXCLUSIONS);
    expect(a).toEqual(['élection du président']);
    expect(remoteExclusionsIn('Élection du président', REMOTE_EXCLUSIONS)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(remoteExclusionsIn('Élection du président', [])).toEqual([]);
    expect(remoteExclusionsIn('Tarifs 2025', REMOTE_EXCLUSIONS)).toEqual([]);
  });
});
