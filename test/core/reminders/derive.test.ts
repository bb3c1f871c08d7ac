/** @module Reminders derived from the config and the sessions: the seminar's lead days, a session's deadline, convocation, J-1 and absent-without-proxy messages. */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type SessionRecord } from '../../../src/core/model.ts';
import { deriveReminders } from '../../../src/core/reminders/derive.ts';
import { seminarReminders } from '../../../src/core/reminders/seminar.ts';
import { absentNoticeTime, sessionReminders } from '../../../src/core/reminders/session-reminders.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { toZoned } from '../../../src/core/text/dates.ts';
import { quietConfig, sampleConfig, session } from './helpers.ts';

const TZ = 'Europe/Paris';
const paris = (ms: number) => {
  const z = toZoned(new Date(ms), TZ);
  return `${z.date} ${z.time}`;
};

describe('the seminar', () => {
  it('is reminded J-14, J-7 and J-1 at 09:00 Paris time, to the delegates and the secretariat', () => {
    const rs = seminarReminders(sampleConfig(), new Date('2026-11-01T10:00:00Z')).filter((r) =>
      r.id.startsWith('seminaire:2026'),
    );
    expect(rs.map((r) => [r.id, paris(r.dueMs)])).toEqual([
      ['seminaire:2026-11-26:J-14', '2026-11-12 09:00'],
      ['seminaire:2026-11-26:J-7', '2026-11-19 09:00'],
      ['seminaire:2026-11-26:J-1', '2026-11-25 09:00'],
    ]);
    expect(rs[1]!.to).toEqual([{ kind: 'delegates' }, { kind: 'secretariat' }]);
    const text = replyToText(rs[1]!.message);
    expect(text).toContain('aura lieu dans 7 jours, le jeudi 26 novembre 2026');
    expect(text).toContain('lieu communiqué par le secrétariat');
    expect(rs[1]!.message.attachments?.[0]?.filename).toBe('seminaire-2026.ics');
  });

  it("after this year's seminar, schedules next year's", () => {
    const rs = seminarReminders(sampleConfig(), new Date('2026-11-29T10:00:00Z'));
    expect(rs.map((r) => r.id)).toEqual([
      'seminaire:2027-11-26:J-14',
      'seminaire:2027-11-26:J-7',
      'seminaire:2027-11-26:J-1',
    ]);
  });
});

describe('a session', () => {
  const config = quietConfig();
  const now = new Date('2026-03-01T10:00:00Z');

  it('reminds the secretariat before the latest sending date, convenes the delegates, and reminds them the day before', () => {
    const rs = sessionReminders(config, session('2026-03-12'), emptyRecord, now);
    expect(rs.map((r) => [r.origin, paris(r.dueMs), r.to[0]!.kind])).toEqual([
      ['convocation-deadline', '2026-03-04 09:00', 'secretariat'],
      ['convocation', '2026-03-06 09:00', 'delegates'],
      ['session-j1', '2026-03-11 09:00', 'delegates'],
      // Nobody has answered: quorum at risk, the secretariat is told at J-2.
      ['quorum-alert', '2026-03-10 09:00', 'secretariat'],
    ]);
    // The convocation also goes to every delegate in office by direct message, with the answer buttons.
    expect(rs[1]!.to.slice(1).every((t) => t.kind === 'delegate')).toBe(true);
    expect(rs[1]!.bestEffort).toBe(true);
    expect(rs[1]!.message.actions?.map((a) => a.command)).toEqual([
      '/reponse salle 2026-03-12',
      '/reponse distance 2026-03-12',
      '/reponse excuse 2026-03-12',
      '/reponse pouvoir 2026-03-12',
    ]);
    expect(replyToText(rs[0]!.message)).toContain('La convocation doit partir au plus tard le vendredi 6 mars 2026');
    const convocation = replyToText(rs[1]!.message);
    expect(convocation).toContain('Ordre du jour');
    expect(convocation).toContain('Budget primitif 2027');
    expect(rs[1]!.message.attachments?.[0]).toMatchObject({
      filename: 'seance-2026-03-12.ics',
      contentType: 'text/calendar',
    });
    expect(replyToText(rs[2]!.message)).toContain('demain, jeudi 12 mars 2026 à 17 h 30');
  });

  it('sends the convocation on the recorded sending date, and no deadline reminder when that date complies', () => {
    const rs = sessionReminders(config, session('2026-03-12', '17:30', { convokedOn: '2026-03-02' }), emptyRecord, now);
    expect(rs.map((r) => [r.origin, paris(r.dueMs)])).toEqual([
      ['convocation', '2026-03-02 09:00'],
      ['session-j1', '2026-03-11 09:00'],
      ['quorum-alert', '2026-03-10 09:00'],
      ['answer-reminder', '2026-03-10 09:00'],
    ]);
  });

  it('on the day, offers /pouvoir to each delegate absent or excused without a proxy', () => {
    const roy = config.roster.find((d) => d.lastName === 'ROY')!;
    const payen = config.roster.find((d) => d.lastName === 'PAYEN')!;
    const parsis = config.roster.find((d) => d.lastName === 'PARSIS')!;
    const lhomme = config.roster.find((d) => d.lastName === 'LHOMME')!;
    const record: SessionRecord = {
      ...emptyRecord,
      attendance: { [roy.id]: 'excuse', [payen.id]: 'absent', [lhomme.id]: 'excuse', [parsis.id]: 'salle' },
      proxies: [{ giver: lhomme.id, holder: parsis.id, status: 'pending', declaredBy: 'test', declaredAt: '' }],
    };
    const dms = sessionReminders(config, session('2026-03-12'), record, now).filter(
      (r) => r.origin === 'absent-without-proxy',
    );
    expect(new Set(dms.map((r) => (r.to[0] as { id: string }).id))).toEqual(new Set([payen.id, roy.id]));
    const toRoy = dms.find((r) => r.to[0]!.kind === 'delegate' && (r.to[0] as { id: string }).id === roy.id)!;
    expect(paris(toRoy.dueMs)).toBe('2026-03-12 09:00');
    const text = replyToText(toRoy.message);
    expect(text).toContain('Mme ROY, vous êtes indiquée excusée');
    expect(text).toContain('/pouvoir donner ROY <mandataire> 2026-03-12');
    expect(toRoy.message.title).toBe("Séance de ce jour : vous n'êtes pas représentée");
  });

  it('sends the absent message two hours before a morning meeting', () => {
    expect(absentNoticeTime('17:30')).toBe('09:00');
    expect(absentNoticeTime('10:00')).toBe('08:00');
    expect(absentNoticeTime('01:00')).toBe('00:00');
  });

  it('gives nothing for a cancelled or past session', () => {
    expect(sessionReminders(config, session('2026-03-12', '17:30', { cancelled: true }), emptyRecord, now)).toEqual([]);
    expect(sessionReminders(config, session('2026-02-12'), emptyRecord, now)).toEqual([]);
    expect(
      deriveReminders(sampleConfig(), { sessions: sampleConfig().sessions, records: new Map() }, now).filter(
        (r) => r.sessionId,
      ),
    ).toEqual([]);
  });

  it('changes version when the session moves, so a moved session is reminded again', () => {
    const before = sessionReminders(config, session('2026-03-12', '17:30'), emptyRecord, now).find(
      (r) => r.origin === 'session-j1',
    )!;
    const later = sessionReminders(config, session('2026-03-12', '18:00'), emptyRecord, now).find(
      (r) => r.origin === 'session-j1',
    )!;
    expect(later.id).toBe(before.id);
    expect(later.version).not.toBe(before.version);
  });
});
