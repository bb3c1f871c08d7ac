/**
 * The legal profile per kind of body, case by case, each citing the article it comes from. Figures are
 * computed by hand from the CGCT (thresholds, jours francs) and written out, never recomputed here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../src/app/load-config.ts';
import { kindDefaults, thresholdOf } from '../../../src/core/assembly/profile.ts';
import { setAttendance } from '../../../src/core/assembly/proxies.ts';
import { computeQuorum } from '../../../src/core/assembly/quorum.ts';
import { checkConfig } from '../../../src/core/check.ts';
import { UserError } from '../../../src/core/errors.ts';
import type {
  AttendanceStatus,
  BodyKind,
  BodyProfile,
  Delegate,
  Proxy,
  SessionRecord,
} from '../../../src/core/model.ts';
import {
  convocationDraft,
  convocationRule,
  convocationStatus,
  remoteSessionWarnings,
} from '../../../src/core/sessions/convocation-rule.ts';

function profile(kind: BodyKind, population?: number, over: Partial<BodyProfile> = {}): BodyProfile {
  return {
    name: 'Corps',
    kind,
    assemblyName: 'Conseil',
    timezone: 'Europe/Paris',
    vatPercent: 20,
    population,
    ...kindDefaults(kind, population),
    ...over,
  };
}

function roster(n: number, votes: (i: number) => number = () => 1): Delegate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    civility: 'M.',
    lastName: `D${i}`,
    member: 'm',
    votes: votes(i),
    role: 'delegate',
    inOffice: true,
    keys: [`D${i}`],
    ...(i === 0 ? { substitute: 'Mme SUPPLEANTE' } : {}),
  }));
}

const proxy = (giver: string, holder: string): Proxy => ({
  giver,
  holder,
  status: 'confirmed',
  declaredBy: 't',
  declaredAt: '',
});

/** Attendance from counts: the first `room` delegates in the room, then `remote`, then `excused`. */
function record(
  counts: { room: number; remote?: number; excused?: number; suppleant?: string[] },
  proxies: Proxy[] = [],
): SessionRecord {
  const attendance: Record<string, AttendanceStatus> = {};
  let i = 0;
  for (; i < counts.room; i++) attendance[`d${i}`] = 'salle';
  for (const end = i + (counts.remote ?? 0); i < end; i++) attendance[`d${i}`] = 'distance';
  for (const end = i + (counts.excused ?? 0); i < end; i++) attendance[`d${i}`] = 'excuse';
  for (const id of counts.suppleant ?? []) attendance[id] = 'suppleant';
  return { version: 0, attendance, proxies, journal: [] };
}

describe('defaults per kind of body', () => {
  const cases: {
    kind: BodyKind;
    population?: number;
    days: number;
    dayArticle: string;
    convener: string;
    remote: boolean;
    substitutes: boolean;
    note: boolean;
  }[] = [
    {
      kind: 'commune',
      population: 1850,
      days: 3,
      dayArticle: 'L2121-11',
      convener: 'maire',
      remote: false,
      substitutes: false,
      note: false,
    },
    {
      kind: 'commune',
      population: 3500,
      days: 5,
      dayArticle: 'L2121-12',
      convener: 'maire',
      remote: false,
      substitutes: false,
      note: true,
    },
    {
      kind: 'epci',
      days: 5,
      dayArticle: 'L5211-1',
      convener: 'president',
      remote: true,
      substitutes: true,
      note: true,
    },
    {
      kind: 'epci',
      population: 2800,
      days: 3,
      dayArticle: 'L2121-11',
      convener: 'president',
      remote: true,
      substitutes: true,
      note: false,
    },
    {
      kind: 'syndicat-intercommunal',
      days: 5,
      dayArticle: 'L5211-1',
      convener: 'president',
      remote: true,
      substitutes: true,
      note: true,
    },
    {
      kind: 'syndicat-mixte-ferme',
      days: 5,
      dayArticle: 'L5711-1',
      convener: 'president',
      remote: true,
      substitutes: true,
      note: true,
    },
    {
      kind: 'syndicat-mixte-ouvert',
      days: 5,
      dayArticle: 'L5721-2',
      convener: 'president',
      remote: false,
      substitutes: false,
      note: true,
    },
  ];
  it.each(cases)(
    '$kind of $population inhabitants: $days jours francs ($dayArticle), convened by the $convener',
    (c) => {
      const d = kindDefaults(c.kind, c.population);
      expect(d.convocationDays).toBe(c.days);
      expect(d.convocationSource).toContain(c.dayArticle);
      expect(d.convener).toBe(c.convener);
      expect(d.convenerSource).toContain('L2121-10');
      expect(d.remoteAllowed).toBe(c.remote);
      expect(d.substitutes).toBe(c.substitutes);
      expect(d.synthesisNote).toBe(c.note);
      expect(d.quorum).toMatchObject({ count: 'heads', base: 'present', secondConvocationDays: 3 });
      expect(d.quorum.source).toContain('L2121-17');
      expect(d.maxProxiesPerHolder).toBe(1);
      expect(d.proxyRuleSource).toContain('L2121-20');
      expect(d.proxyMaxSessions).toBe(3);
    },
  );
  it('L5211-11-1 applies to an EPCI only where remote sitting exists', () => {
    expect(kindDefaults('epci').remoteSource).toContain('L5211-11-1');
    expect(kindDefaults('commune').remoteSource).toContain('31 juillet 2022');
    expect(kindDefaults('commune').remoteExclusions).toEqual([]);
  });
});

describe('quorum per kind, at the thresholds', () => {
  const commune = profile('commune', 1850);
  const epci = profile('epci');
  const voix = profile('syndicat-mixte-ferme', undefined, {
    quorum: { ...epci.quorum, count: 'votes', base: 'present-or-represented', source: 'article 9 des statuts' },
  });
  // 12 delegates: d0–d3 × 5 voix, d4–d7 × 2, d8–d11 × 1 → 32 voix, majority 17.
  const weighted = roster(12, (i) => (i < 4 ? 5 : i < 8 ? 2 : 1));
  const cases: {
    name: string;
    article: string;
    profile: BodyProfile;
    roster: Delegate[];
    record: SessionRecord;
    counted: number;
    threshold: number;
    reached: boolean;
    disregarded?: RegExp;
  }[] = [
    {
      name: 'commune of 19, 10 in the room',
      article: 'L2121-17',
      profile: commune,
      roster: roster(19),
      record: record({ room: 10 }),
      counted: 10,
      threshold: 10,
      reached: true,
    },
    {
      name: 'commune of 19, 9 in the room and 3 proxies: proxies do not count',
      article: 'L2121-17',
      profile: commune,
      roster: roster(19),
      record: record({ room: 9, excused: 3 }, [proxy('d9', 'd0'), proxy('d10', 'd1'), proxy('d11', 'd2')]),
      counted: 9,
      threshold: 10,
      reached: false,
    },
    {
      name: 'commune of 19, 9 in the room + 1 marked remote: the remote one is disregarded',
      article: 'L2121-17 (no remote sitting since 1 August 2022)',
      profile: commune,
      roster: roster(19),
      record: record({ room: 9, remote: 1 }),
      counted: 9,
      threshold: 10,
      reached: false,
      disregarded: /présence à distance de M\. D9 : non pris en compte .*31 juillet 2022/,
    },
    {
      name: 'communauté of 31, 15 in the room + 1 remote',
      article: 'L5211-11-1 (remote counts as present)',
      profile: epci,
      roster: roster(31),
      record: record({ room: 15, remote: 1 }),
      counted: 16,
      threshold: 16,
      reached: true,
    },
    {
      name: 'communauté of 31 with 2 vacant seats: 29 in office, threshold 15',
      article: 'L2121-17 (members in office)',
      profile: { ...epci, seatsInOffice: 29 },
      roster: roster(29),
      record: record({ room: 15 }),
      counted: 15,
      threshold: 15,
      reached: true,
    },
    {
      name: 'communauté of 31 without vacancies: 15 is one short',
      article: 'L2121-17',
      profile: epci,
      roster: roster(31),
      record: record({ room: 15 }),
      counted: 15,
      threshold: 16,
      reached: false,
    },
    {
      name: 'a suppléant sits for the titulaire, with their voix',
      article: 'L5211-6',
      profile: epci,
      roster: roster(31),
      record: record({ room: 16, suppleant: ['d0'] }),
      counted: 16,
      threshold: 16,
      reached: true,
    },
    {
      name: 'syndicat in voix at the exact threshold: 10 present + 7 represented = 17 of 32',
      article: 'statuts (weighted voix, L5711-1)',
      profile: voix,
      roster: weighted,
      record: {
        version: 0,
        attendance: { d0: 'salle', d4: 'salle', d5: 'salle', d8: 'salle', d1: 'excuse', d6: 'excuse' },
        proxies: [proxy('d1', 'd4'), proxy('d6', 'd5')],
        journal: [],
      },
      counted: 17,
      threshold: 17,
      reached: true,
    },
    {
      name: 'syndicat in voix one below: 16 of 32',
      article: 'statuts (weighted voix, L5711-1)',
      profile: voix,
      roster: weighted,
      record: {
        version: 0,
        attendance: { d0: 'salle', d4: 'salle', d5: 'salle', d1: 'excuse', d6: 'excuse' },
        proxies: [proxy('d1', 'd4'), proxy('d6', 'd5')],
        journal: [],
      },
      counted: 16,
      threshold: 17,
      reached: false,
    },
    {
      name: 'two proxies held by one delegate: only the first counts',
      article: 'L2121-20 (one proxy per holder)',
      profile: voix,
      roster: weighted,
      record: {
        version: 0,
        attendance: { d4: 'salle', d0: 'excuse', d1: 'excuse' },
        proxies: [proxy('d0', 'd4'), proxy('d1', 'd4')],
        journal: [],
      },
      counted: 7,
      threshold: 17,
      reached: false,
      disregarded: /pouvoir de M\. D1 à M\. D4 : non pris en compte \(M\. D4 détient déjà un pouvoir/,
    },
    {
      name: 'a chain: the holder gave their own proxy',
      article: 'L2121-20 (no chain)',
      profile: voix,
      roster: weighted,
      record: {
        version: 0,
        attendance: { d5: 'salle', d4: 'excuse', d0: 'excuse' },
        proxies: [proxy('d0', 'd4'), proxy('d4', 'd5')],
        journal: [],
      },
      counted: 4,
      threshold: 17,
      reached: false,
      disregarded:
        /pouvoir de M\. D0 à M\. D4 : non pris en compte \(M\. D4 a lui-même donné un pouvoir : pas de pouvoir en cascade/,
    },
    {
      name: 'a proxy whose holder is absent',
      article: 'L2121-20 (holder present)',
      profile: voix,
      roster: weighted,
      record: {
        version: 0,
        attendance: { d4: 'salle', d5: 'absent', d0: 'excuse' },
        proxies: [proxy('d0', 'd5')],
        journal: [],
      },
      counted: 2,
      threshold: 17,
      reached: false,
      disregarded: /pouvoir de M\. D0 à M\. D5 : non pris en compte \(M\. D5 est absent\)/,
    },
  ];
  it.each(cases)('$name ($article)', (c) => {
    const q = computeQuorum(c.profile, c.roster, c.record);
    expect(q.counted).toBe(c.counted);
    expect(q.threshold).toBe(c.threshold);
    expect(q.reached).toBe(c.reached);
    if (c.disregarded)
      expect(q.disregarded.map((d) => `${d.what} : non pris en compte (${d.why})`).join('\n')).toMatch(c.disregarded);
    else expect(q.disregarded).toEqual([]);
  });

  it('one third of the members (statutes): 31 → 11, reached with 11', () => {
    expect(thresholdOf(31, { numerator: 1, denominator: 3, strict: false })).toBe(11);
    expect(thresholdOf(30, { numerator: 1, denominator: 3, strict: false })).toBe(10);
    expect(thresholdOf(44, { numerator: 1, denominator: 2, strict: true })).toBe(23);
    const third = profile('epci', undefined, {
      quorum: { ...epci.quorum, fraction: { numerator: 1, denominator: 3, strict: false }, source: 'statuts' },
    });
    expect(computeQuorum(third, roster(31), record({ room: 11 })).reached).toBe(true);
    expect(computeQuorum(third, roster(31), record({ room: 10 })).missing).toBe(1);
  });
  it('heads and voix together (statutes): both conditions must hold', () => {
    const both = profile('syndicat-mixte-ferme', undefined, {
      quorum: { ...epci.quorum, count: 'heads-and-votes', source: 'statuts' },
    });
    // The four 5-voix delegates: 20 voix of 32 (≥ 17) but 4 heads of 12 (< 7).
    const q = computeQuorum(both, weighted, {
      version: 0,
      attendance: { d0: 'salle', d1: 'salle', d2: 'salle', d3: 'salle' },
      proxies: [],
      journal: [],
    });
    expect(q.votes).toMatchObject({ counted: 20, threshold: 17, reached: true });
    expect(q.heads).toMatchObject({ counted: 4, threshold: 7, reached: false, missing: 3 });
    expect(q.reached).toBe(false);
  });
});

describe('second convocation (L2121-17 al. 2)', () => {
  const commune = profile('commune', 1850);
  it('deliberates without quorum when convened again at least 3 days after the session without quorum', () => {
    const q = computeQuorum(commune, roster(19), record({ room: 5 }), {
      date: '2026-03-16',
      secondConvocationOf: '2026-03-12',
    });
    expect(q.counted).toBe(5);
    expect(q.reached).toBe(true);
    expect(q.secondConvocation?.text).toContain('sans condition de quorum');
    expect(q.secondConvocation?.text).toContain('L2121-17, alinéa 2');
  });
  it('needs the quorum again when only 2 days separate the sessions', () => {
    const q = computeQuorum(commune, roster(19), record({ room: 5 }), {
      date: '2026-03-14',
      secondConvocationOf: '2026-03-12',
    });
    expect(q.reached).toBe(false);
    expect(q.secondConvocation?.valid).toBe(false);
  });
});

describe('convocation (L2121-10 to L2121-12)', () => {
  const session = {
    id: '2026-03-12',
    title: 'Conseil municipal',
    date: '2026-03-12',
    time: '19:00',
    place: 'mairie',
    remote: false,
    agenda: [],
    origin: 'config' as const,
  };
  it('urgency: one jour franc (L2121-11), compliant when sent two days before', () => {
    const rule = convocationRule(profile('commune', 1850), { urgency: true });
    expect(rule).toMatchObject({ days: 1, urgency: true });
    expect(rule.source).toContain('L2121-11');
    expect(convocationStatus({ date: '2026-03-12', convokedOn: '2026-03-10' }, rule.days).compliant).toBe(true);
    expect(convocationStatus({ date: '2026-03-12', convokedOn: '2026-03-11' }, rule.days).compliant).toBe(false);
  });
  it("a commune's draft is signed by the maire (L2121-10), without remote participation", () => {
    const draft = convocationDraft({ ...session, remote: true }, profile('commune', 1850), 'Mme MARCHAND');
    expect(draft).toMatch(/La Maire, Mme MARCHAND$/);
    expect(draft).not.toContain('distance');
    expect(draft).not.toContain('note explicative');
  });
  it('the note explicative de synthèse from 3,500 inhabitants and for an EPCI (L2121-12)', () => {
    expect(convocationDraft(session, profile('commune', 3500))).toContain('note explicative de synthèse');
    expect(convocationDraft(session, profile('epci'), 'M. ARNAUD')).toMatch(
      /note explicative de synthèse[\s\S]*Le Président, M\. ARNAUD$/,
    );
  });
  it('a remote EPCI session electing its president or adopting the budget primitif is warned (L5211-11-1)', () => {
    const agenda = [
      { kind: 'deliberation' as const, title: 'Élection du président' },
      { kind: 'deliberation' as const, title: 'Élection des vice-présidents' },
      { kind: 'deliberation' as const, title: 'Vote du budget primitif 2026' },
      { kind: 'deliberation' as const, title: 'Tarifs de la piscine' },
    ];
    const w = remoteSessionWarnings({ remote: true, agenda }, profile('epci'));
    expect(w).toHaveLength(3);
    expect(w[0]).toMatch(/« Élection du président » \(élection du président\).*L5211-11-1/);
    expect(w[1]).toMatch(/\(élection des vice-présidents\)/);
    expect(w[2]).toContain('adoption du budget primitif');
    expect(remoteSessionWarnings({ remote: false, agenda }, profile('epci'))).toEqual([]);
  });
});

describe('attendance from the chat follows the same rules', () => {
  const who = { name: 't', door: 'test', at: '2026-01-01T00:00:00Z' };
  const name = (id: string) => id;
  it('a commune refuses « distance » (no remote sitting)', () => {
    expect(() =>
      setAttendance(
        profile('commune', 1850),
        { version: 0, attendance: {}, proxies: [], journal: [] },
        who,
        roster(19)[3]!,
        'distance',
        name,
      ),
    ).toThrow(UserError);
  });
  it('« suppleant » needs a designated suppléant (L5211-6)', () => {
    const r = roster(31);
    const empty: SessionRecord = { version: 0, attendance: {}, proxies: [], journal: [] };
    const ok = setAttendance(profile('epci'), empty, who, r[0]!, 'suppleant', name);
    expect(ok.record.attendance.d0).toBe('suppleant');
    expect(ok.notes[0]).toContain('Mme SUPPLEANTE siège à la place de M. D0');
    expect(() => setAttendance(profile('epci'), empty, who, r[1]!, 'suppleant', name)).toThrow(/Aucun suppléant/);
    expect(() => setAttendance(profile('commune', 1850), empty, who, r[0]!, 'suppleant', name)).toThrow(
      /pas de délégués suppléants/,
    );
  });
});

describe('the config: recorded data, dates, multi-session proxies', () => {
  const commune = readFileSync('config/examples/commune.yaml', 'utf8');
  const problems = (yaml: string): string[] => {
    try {
      parseConfig(yaml, 'commune.yaml');
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return [...(e as ConfigError).problems];
    }
  };
  it('two proxies to one holder in the config: one counted, the other named, an error for check (L2121-20)', () => {
    const yaml = commune.replace(
      '{ holder: M. ROBERT, giver: M. LEFEVRE }',
      '{ holder: Mme PETIT, giver: M. LEFEVRE }',
    );
    const c = parseConfig(yaml, 'commune.yaml');
    const q = computeQuorum(c.body, c.roster, c.seedRecords['2026-03-12']!);
    expect(q.represented.map((p) => p.giver.lastName)).toEqual(['MICHEL', 'LEROY']);
    expect(q.disregarded.map((d) => d.what)).toEqual(['pouvoir de M. LEFEVRE à Mme PETIT']);
    const errors = checkConfig(c).filter((w) => w.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      /pouvoir de M\. LEFEVRE à Mme PETIT : non pris en compte \(Mme PETIT détient déjà un pouvoir/,
    );
  });
  it('a commune with a member marked remote: check reports an error', () => {
    const yaml = commune
      .replace('salle: [Mme MARCHAND,', 'distance: [M. FOURNEAU]\n      salle: [Mme MARCHAND,')
      .replace(', M. FOURNEAU, Mme GIRARD]', ', Mme GIRARD]');
    const c = parseConfig(yaml, 'commune.yaml');
    expect(computeQuorum(c.body, c.roster, c.seedRecords['2026-03-12']!).counted).toBe(10);
    expect(
      checkConfig(c)
        .filter((w) => w.severity === 'error')
        .map((w) => w.message)
        .join('\n'),
    ).toMatch(/présence à distance de M\. FOURNEAU/);
  });
  it('refuses 2024-10-32 with the path and the line, in French', () => {
    const ps = problems(commune.replace('date: 2026-03-12', 'date: 2024-10-32'));
    expect(ps.join('\n')).toMatch(
      /^sessions\[0\]\.date \(ligne 46\) : date inexistante au calendrier.*trouvé : "2024-10-32"$/m,
    );
  });
  it('check: a commune sitting remotely, two proxies per holder, a time the clocks skip are errors', () => {
    const yaml = commune
      .replace(
        '  assemblyName: Conseil municipal',
        '  assemblyName: Conseil municipal\n  remoteAllowed: true\n  maxProxiesPerHolder: 2',
      )
      .replace(
        'time: "19:00"\n    place: Salle du conseil, mairie de Val-Fleuri\n    urgency',
        'time: "02:30"\n    place: Salle du conseil, mairie de Val-Fleuri\n    urgency',
      )
      .replace('date: 2026-04-09', 'date: 2026-03-29')
      .replace('convokedOn: 2026-04-07', 'convokedOn: 2026-03-27');
    const errors = checkConfig(parseConfig(yaml, 'commune.yaml'))
      .filter((w) => w.severity === 'error')
      .map((w) => `${w.path} : ${w.message}`);
    expect(errors).toEqual([
      expect.stringMatching(/^body\.remoteAllowed : un conseil municipal ne siège pas à distance/),
      expect.stringMatching(/^body\.maxProxiesPerHolder : 2 pouvoirs par membre : le CGCT \(article L2121-20\)/),
      expect.stringMatching(
        /^sessions\(2026-03-29\)\.time : 02:30 n'existe pas le 29 mars 2026 dans le fuseau Europe\/Paris/,
      ),
    ]);
  });
  it('refuses a commune without population (it sets the delay, L2121-11/-12)', () => {
    expect(problems(commune.replace('  population: 1850', '')).join('\n')).toMatch(/body\.population.*L2121-11/);
  });
  it('carries a proxy given for 2 sessions into the next one; more than 3 is refused (L2121-20)', () => {
    const c = parseConfig(commune, 'commune.yaml');
    expect(c.seedRecords['2026-04-09']!.proxies.map((p) => [p.giver, p.holder])).toEqual([['leroy', 'richard']]);
    expect(
      problems(commune.replace('giver: Mme LEROY, sessions: 2', 'giver: Mme LEROY, sessions: 4')).join('\n'),
    ).toMatch(/proxies\[2\]\.sessions \(ligne \d+\) : un pouvoir vaut pour 3 séances consécutives au plus/);
    expect(
      problems(commune.replace('giver: Mme LEROY, sessions: 2', 'giver: Mme LEROY, sessions: 4, illness: true')),
    ).toEqual([]);
  });
});

describe('Somme Numérique, 7 October 2024: unchanged', () => {
  it('12 present, 12 represented, 24 counted, threshold 24 of 47, 54 voix of 104, nothing disregarded', () => {
    const c = loadConfigFile('config/somme-numerique.yaml');
    const q = computeQuorum(c.body, c.roster, c.seedRecords['2024-10-07']!);
    expect([q.room.length + q.remote.length, q.represented.length, q.counted, q.threshold, q.inOffice]).toEqual([
      12, 12, 24, 24, 47,
    ]);
    expect([q.votesPresent + q.votesRepresented, q.totalVotes]).toEqual([54, 104]);
    expect(q.disregarded).toEqual([]);
    expect(checkConfig(c).filter((w) => w.severity === 'error')).toEqual([]);
  });
});
