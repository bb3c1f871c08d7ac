import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { addProxy, checkProxy, confirmProxy, setAttendance } from '../../../src/core/assembly/proxies.ts';
import { UserError } from '../../../src/core/errors.ts';
import type { AttendanceStatus, Delegate, SessionRecord } from '../../../src/core/model.ts';
import { emptyRecord } from '../../../src/core/model.ts';

const config = loadConfigFile('config/somme-numerique.yaml');
const d = (id: string): Delegate => config.roster.find((x) => x.id === id)!;
const who = { name: 'Secrétariat', door: 'test', at: '2026-11-29T10:00:00.000Z' };
const rec = (
  attendance: Record<string, AttendanceStatus>,
  proxies: [string, string, ('pending' | 'confirmed')?][] = [],
): SessionRecord => ({
  ...emptyRecord,
  attendance,
  proxies: proxies.map(([giver, holder, status]) => ({
    giver,
    holder,
    status: status ?? 'confirmed',
    declaredBy: 't',
    declaredAt: '',
  })),
});
const code = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof UserError) return e.code;
    throw e;
  }
};

describe('proxy rules (one proxy per holder, no chains, holder present)', () => {
  const retired = { ...d('gest'), inOffice: false };
  it.each<[string, SessionRecord, Delegate, Delegate, string]>([
    ['a valid proxy', rec({ parsis: 'salle' }), d('roy'), d('parsis'), 'ok'],
    ['a proxy to a holder whose attendance is not yet known', rec({}), d('roy'), d('parsis'), 'ok'],
    ['a proxy to oneself', rec({}), d('roy'), d('roy'), 'proxy.self'],
    [
      'a holder who already holds one',
      rec({ parsis: 'salle' }, [['decle', 'parsis']]),
      d('roy'),
      d('parsis'),
      'proxy.holder-already-holds',
    ],
    [
      'a pending proxy also fills the holder',
      rec({}, [['decle', 'parsis', 'pending']]),
      d('roy'),
      d('parsis'),
      'proxy.holder-already-holds',
    ],
    ['a giver who already gave one', rec({}, [['roy', 'payen']]), d('roy'), d('parsis'), 'proxy.giver-already-gave'],
    ['a giver marked present in the room', rec({ roy: 'salle' }), d('roy'), d('parsis'), 'proxy.giver-present'],
    ['a giver present remotely', rec({ roy: 'distance' }), d('roy'), d('parsis'), 'proxy.giver-present'],
    ['a holder who is excused', rec({ parsis: 'excuse' }), d('roy'), d('parsis'), 'proxy.holder-absent'],
    ['a holder who is absent', rec({ parsis: 'absent' }), d('roy'), d('parsis'), 'proxy.holder-absent'],
    ['a chain: the holder gave a proxy', rec({}, [['parsis', 'payen']]), d('roy'), d('parsis'), 'proxy.chain'],
    ['a chain: the giver holds one', rec({}, [['decle', 'roy']]), d('roy'), d('parsis'), 'proxy.chain'],
    ['a giver not in office', rec({}), retired, d('parsis'), 'proxy.not-in-office'],
    ['a holder not in office', rec({}), d('roy'), retired, 'proxy.not-in-office'],
  ])('%s → %s', (_label, record, giver, holder, expected) => {
    expect(code(() => checkProxy(config.body, record, { giver, holder, confirmed: true }))).toBe(expected);
  });

  it('cites the statutes in the refusal', () => {
    try {
      checkProxy(config.body, rec({}, [['decle', 'parsis']]), {
        giver: d('roy'),
        holder: d('parsis'),
        confirmed: true,
      });
    } catch (e) {
      expect((e as UserError).message).toContain("aucun membre ne peut disposer de plus d'un pouvoir de vote");
      expect((e as UserError).rule).toContain('Pouvoirs');
    }
  });

  it('a declared proxy stays pending until confirmed, and confirming notes the giver excused', () => {
    const declared = addProxy(
      config.body,
      rec({ parsis: 'salle' }),
      { giver: d('roy'), holder: d('parsis'), confirmed: false },
      who,
    );
    expect(declared.record.proxies[0]!.status).toBe('pending');
    expect(declared.record.attendance['roy']).toBeUndefined();
    const confirmed = confirmProxy(config.body, declared.record, d('roy'), d('parsis'), who);
    expect(confirmed.record.proxies[0]!.status).toBe('confirmed');
    expect(confirmed.record.proxies[0]!.confirmedBy).toBe('Secrétariat');
    expect(confirmed.record.attendance['roy']).toBe('excuse');
    expect(confirmed.record.journal.map((j) => j.action)).toEqual(['pouvoir déclaré', 'pouvoir confirmé']);
  });
});

describe('attendance changes say what became of the proxies', () => {
  const seed = config.seedRecords['2024-10-07']!;
  const name = (id: string) => `${d(id).civility} ${d(id).lastName}`;
  it('a giver who comes after all cancels their proxy, and says so', () => {
    const c = setAttendance(config.body, seed, who, d('roy'), 'salle', name);
    expect(c.record.proxies.find((p) => p.giver === 'roy')).toBeUndefined();
    expect(c.notes.join(' ')).toMatch(/pouvoir de Mme ROY à M. PARSIS est annulé/);
  });
  it('a holder who leaves keeps the proxy on record but it stops counting, and says so', () => {
    const c = setAttendance(config.body, seed, who, d('parsis'), 'absent', name);
    expect(c.record.proxies.find((p) => p.giver === 'roy')).toBeDefined();
    expect(c.notes.join(' ')).toMatch(/ne compte plus/);
  });
  it('records who changed what in the journal', () => {
    const c = setAttendance(config.body, seed, who, d('payen'), 'salle', name);
    expect(c.record.journal.at(-1)).toMatchObject({
      actor: 'Secrétariat',
      action: 'présence',
      detail: 'M. PAYEN : présent à distance → présent en salle',
    });
  });
});
