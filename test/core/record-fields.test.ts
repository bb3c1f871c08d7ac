/** Field changes of a session record: what a change appends is what it changed, and folding gives it back. */
import { describe, expect, it } from 'vitest';
import type { Proxy, SessionRecord } from '../../src/core/model.ts';
import { allFields, fieldChanges, foldFields, noFields, type RecordFields } from '../../src/core/record-fields.ts';

const proxy = (giver: string, holder: string, status: Proxy['status'] = 'confirmed'): Proxy => ({
  giver,
  holder,
  status,
  declaredBy: 'Secrétariat',
  declaredAt: '2026-12-01T10:00:00.000Z',
});

const before: RecordFields = {
  attendance: { a: 'salle', b: 'distance', c: 'excuse', d: 'excuse' },
  proxies: [proxy('c', 'a'), proxy('d', 'b', 'pending')],
};

/** The change's entry, and the fields a reader folds from `before` with it (through JSON, as stored). */
function roundTrip(after: RecordFields) {
  const entry = fieldChanges(before, after, 7);
  const stored = entry && JSON.parse(JSON.stringify(entry));
  return { entry, folded: foldFields(before, stored ? [stored] : []) };
}

describe('field changes', () => {
  it('a proxy added: the entry holds that proxy only, and the fold gives the new list, in order', () => {
    const after = { ...before, proxies: [...before.proxies, proxy('e', 'a')] };
    const { entry, folded } = roundTrip(after);
    expect(entry).toEqual({ v: 7, proxies: { at: 2, remove: 0, add: [proxy('e', 'a')] } });
    expect(folded).toEqual(after);
    expect(folded.attendance).toBe(before.attendance); // untouched, same object
  });

  it('a proxy withdrawn or confirmed: that one, in place', () => {
    const withdrawn = { ...before, proxies: before.proxies.filter((p) => p.giver !== 'c') };
    expect(roundTrip(withdrawn)).toEqual({
      entry: { v: 7, proxies: { at: 0, remove: 1, add: [] } },
      folded: withdrawn,
    });
    const confirmed = {
      ...before,
      proxies: before.proxies.map((p) => (p.giver === 'd' ? { ...p, status: 'confirmed' as const } : p)),
    };
    const { entry, folded } = roundTrip(confirmed);
    expect(entry).toEqual({ v: 7, proxies: { at: 1, remove: 1, add: [{ ...proxy('d', 'b'), status: 'confirmed' }] } });
    expect(folded.proxies.map((p) => p.giver)).toEqual(['c', 'd']);
    expect(folded).toEqual(confirmed);
  });

  it('attendance set and removed: only those delegates', () => {
    const { a: _gone, ...rest } = before.attendance;
    const after = { ...before, attendance: { ...rest, b: 'salle' as const, f: 'absent' as const } };
    const { entry, folded } = roundTrip(after);
    expect(entry).toEqual({ v: 7, attendance: { a: null, b: 'salle', f: 'absent' } });
    expect(folded).toEqual(after);
  });

  it('answers: the field appears, changes and keeps the others', () => {
    const answered = { ...before, answers: { a: { answer: 'salle' as const, at: 'x', door: 'slack' } } };
    expect(roundTrip(answered).folded).toEqual(answered);
    const both = foldFields(before, [
      fieldChanges(before, answered, 2)!,
      fieldChanges(
        answered,
        { ...answered, answers: { ...answered.answers, b: { answer: 'excuse', at: 'y', door: 'discord' } } },
        3,
      )!,
    ]);
    expect(Object.keys(both.answers!)).toEqual(['a', 'b']);
  });

  it('any other change of the list: the run between the unchanged head and tail', () => {
    const reversed = { ...before, proxies: [...before.proxies].reverse() };
    expect(roundTrip(reversed)).toEqual({
      entry: { v: 7, proxies: { at: 0, remove: 2, add: reversed.proxies } },
      folded: reversed,
    });
    const inserted = { ...before, proxies: [before.proxies[0]!, proxy('e', 'a'), proxy('f', 'a'), before.proxies[1]!] };
    expect(roundTrip(inserted)).toEqual({
      entry: { v: 7, proxies: { at: 1, remove: 0, add: [proxy('e', 'a'), proxy('f', 'a')] } },
      folded: inserted,
    });
  });

  it('nothing changed: no entry (same objects, or equal lists)', () => {
    expect(fieldChanges(before, { ...before }, 7)).toBeUndefined();
    expect(fieldChanges(before, { ...before, proxies: [...before.proxies] }, 7)).toBeUndefined();
    expect(fieldChanges(before, { ...before, attendance: { ...before.attendance } }, 7)).toBeUndefined();
  });

  it('the whole fields replace what was before; later entries apply on them', () => {
    const record: Pick<SessionRecord, 'attendance' | 'proxies'> = { attendance: { z: 'salle' }, proxies: [] };
    const entries = [
      { v: 1, attendance: { old: 'salle' as const } },
      allFields(record, 2),
      { v: 3, proxies: { at: 0, remove: 0, add: [proxy('y', 'z')] } },
    ];
    expect(foldFields(noFields, entries)).toEqual({ attendance: { z: 'salle' }, proxies: [proxy('y', 'z')] });
  });

  it('folds a long history in one pass: 5,000 proxies declared, half withdrawn', () => {
    const entries = [];
    let fields: RecordFields = noFields;
    for (let i = 0; i < 5_000; i++) {
      const next = { ...fields, proxies: [...fields.proxies, proxy(`g${i}`, `h${i}`)] };
      entries.push(fieldChanges(fields, next, i + 1)!);
      fields = next;
    }
    // Withdrawn from the front: each one is then the first of the list.
    for (let i = 0; i < 5_000; i += 2) {
      const next = { ...fields, proxies: fields.proxies.filter((p) => p.giver !== `g${i}`) };
      entries.push(fieldChanges(fields, next, 5_001 + i)!);
      fields = next;
    }
    const folded = foldFields(noFields, JSON.parse(JSON.stringify(entries)));
    expect(folded).toEqual(fields);
    expect(folded.proxies).toHaveLength(2_500);
    expect(folded.proxies[0]!.giver).toBe('g1');
    expect(folded.proxies.at(-1)!.giver).toBe('g4999');
  });
});
