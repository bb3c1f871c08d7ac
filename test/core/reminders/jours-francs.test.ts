/** @module Convocation delays in jours francs: the latest sending date, compliance of a recorded date, the rule's source. */
import { describe, expect, it } from 'vitest';
import { kindDefaults } from '../../../src/core/assembly/profile.ts';
import type { BodyProfile } from '../../../src/core/model.ts';
import { joursFrancsBetween, latestConvocationDate } from '../../../src/core/sessions/convocation.ts';
import { convocationRule, convocationStatus } from '../../../src/core/sessions/convocation-rule.ts';
import { weekday } from '../../../src/core/text/dates.ts';
import { sampleConfig } from './helpers.ts';

describe('jours francs', () => {
  it('a meeting on Thursday 12 March 2026 at 5 jours francs must be convened by Friday 6 March', () => {
    expect(latestConvocationDate('2026-03-12', 5)).toBe('2026-03-06');
    expect(weekday('2026-03-06')).toBe('vendredi');
    expect(joursFrancsBetween('2026-03-06', '2026-03-12')).toBe(5);
  });

  it('counts across month and year ends, weekends included', () => {
    expect(latestConvocationDate('2026-03-03', 5)).toBe('2026-02-25'); // February 2026 has 28 days
    expect(latestConvocationDate('2024-03-03', 5)).toBe('2024-02-26'); // 2024 is a leap year
    expect(latestConvocationDate('2027-01-02', 3)).toBe('2026-12-29');
    expect(latestConvocationDate('2026-05-01', 5)).toBe('2026-04-25');
    expect(joursFrancsBetween('2026-12-29', '2027-01-02')).toBe(3);
  });

  it('in urgency one jour franc: the day before the day before', () => {
    expect(latestConvocationDate('2026-03-12', 1)).toBe('2026-03-10');
  });

  it('7 October 2024 convened on 30 September: 6 jours francs, compliant at 5', () => {
    const st = convocationStatus({ date: '2024-10-07', convokedOn: '2024-09-30' }, 5);
    expect(st.joursFrancs).toBe(6);
    expect(st.compliant).toBe(true);
    expect(st.deadline).toBe('2024-10-01');
  });

  it('a convocation sent too late is not compliant, unless only urgency is invoked', () => {
    const st = convocationStatus({ date: '2024-10-07', convokedOn: '2024-10-03' }, 5);
    expect(st.joursFrancs).toBe(3);
    expect(st.compliant).toBe(false);
    expect(st.onlyInUrgency).toBe(true);
    expect(convocationStatus({ date: '2024-10-07', convokedOn: '2024-10-06' }, 5).onlyInUrgency).toBe(false);
  });

  it('takes the delay and its source from the body profile', () => {
    const body = sampleConfig().body;
    expect(convocationRule(body)).toMatchObject({ days: 5, source: expect.stringContaining('statuts') });
    const commune: BodyProfile = { ...body, ...kindDefaults('commune', 1200), kind: 'commune' };
    expect(convocationRule(commune)).toMatchObject({ days: 3, source: expect.stringContaining('L2121-11') });
    expect(convocationRule({ ...body, ...kindDefaults('epci'), kind: 'epci' }).source).toContain('L5211-1');
  });
});
