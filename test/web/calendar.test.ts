/**
 * The calendar feeds, parsed back with ical.js (a maintained RFC 5545 parser): stable UIDs, SEQUENCE raised
 * when a session moves, cancellation, private links per person that a new link revokes.
 */
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { createTestBot, SAMPLE_CONFIG } from '../helpers/test-bot.ts';
import { NEXT, PUBLIC_URL, startSite, type Site } from './site.ts';

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: string;
  summary: string;
  description: string;
  status: string;
  allDay: boolean;
}

function parse(ics: string): { name: string; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      summary: e.summary,
      description: e.description,
      status: String(v.getFirstPropertyValue('status')),
      allDay: e.startDate.isDate,
    };
  });
  return { name: String(cal.getFirstPropertyValue('x-wr-calname')), events };
}

const linkOf = (answer: string) => /\/calendrier\/[\w-]+\.ics/.exec(answer)?.[0];

let site: Site;
beforeEach(async () => {
  site = await startSite();
});
afterEach(() => site.close());

describe('the public calendar feed', () => {
  it('parses back, one event per session with a stable UID and its Paris start time', async () => {
    const res = await site.get('/calendrier.ics');
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { name, events } = parse(res.text);
    expect(name).toBe('Comité syndical — Somme Numérique');
    expect(events.map((e) => e.uid)).toEqual(['seance-2024-10-07@somme-numerique', `seance-${NEXT}@somme-numerique`]);
    expect(events[0]!.start).toBe('2024-10-07T15:30:00.000Z'); // 17:30 in Paris, summer time
    expect(events[1]!.start).toBe('2026-12-15T16:30:00.000Z'); // 17:30 in Paris, winter time
    expect(events.every((e) => e.sequence === 0 && e.status === 'CONFIRMED')).toBe(true);
    expect(res.text).not.toContain('Séminaire'); // the seminar is for delegates, in their private feed
  });

  it('keeps the UID and raises SEQUENCE when a session moves, and keeps its ETag while nothing changes', async () => {
    const before = await site.get('/calendrier.ics');
    const again = await fetch(`${site.url}/calendrier.ics`, {
      headers: { 'If-None-Match': before.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect(await site.bot.say(`/seance deplacer ${NEXT} 2026-12-17 18:00`)).toContain('Séance déplacée');
    const moved = parse((await site.get('/calendrier.ics')).text).events.find(
      (e) => e.uid === `seance-${NEXT}@somme-numerique`,
    )!;
    expect(moved.start).toBe('2026-12-17T17:00:00.000Z');
    expect(moved.sequence).toBe(1);
    await site.bot.say(`/seance deplacer 2026-12-17 2026-12-18 18:00`);
    const twice = parse((await site.get('/calendrier.ics')).text).events.find(
      (e) => e.uid === `seance-${NEXT}@somme-numerique`,
    )!;
    expect(twice.sequence).toBe(2);
  });

  it('keeps a cancelled session with STATUS:CANCELLED and a higher SEQUENCE, so subscribers drop it', async () => {
    await site.get('/calendrier.ics');
    await site.bot.say(`/seance annuler ${NEXT} confirmer`);
    const e = parse((await site.get('/calendrier.ics')).text).events.find(
      (x) => x.uid === `seance-${NEXT}@somme-numerique`,
    )!;
    expect(e.status).toBe('CANCELLED');
    expect(e.sequence).toBe(1);
  });
});

describe('private feeds', () => {
  it('a delegate gets the sessions and the seminar; a new link revokes the old one (404)', async () => {
    const answer = await site.bot.say('/calendrier nouveau-lien', 'M. PAYEN');
    const first = linkOf(answer)!;
    expect(first).toBeDefined();
    expect(answer).toContain(`${PUBLIC_URL}${first}`); // a whole address, under SEANCE_PUBLIC_URL
    const feed = await site.get(first);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('cache-control')).toBe('private, no-cache');
    const { events } = parse(feed.text);
    expect(events.find((e) => e.uid === 'seminaire-2027-11-26@somme-numerique')).toMatchObject({
      allDay: true,
      summary: 'Séminaire annuel de Somme Numérique',
    });
    expect(events.some((e) => e.uid.startsWith('convocation-'))).toBe(false);

    const second = linkOf(await site.bot.say('/calendrier nouveau-lien', 'M. PAYEN'))!;
    expect(second).not.toBe(first);
    const revoked = await site.get(first);
    expect(revoked.status).toBe(404);
    expect(revoked.text).toContain('/calendrier nouveau-lien');
    expect((await site.get(second)).status).toBe(200);
  });

  it('the secretariat also gets the convocation deadline of each session not yet convened', async () => {
    const link = linkOf(await site.bot.say('/calendrier nouveau-lien'))!;
    const { events } = parse((await site.get(link)).text);
    const deadline = events.find((e) => e.uid === `convocation-${NEXT}@somme-numerique`)!;
    expect(deadline.allDay).toBe(true);
    expect(deadline.start.slice(0, 10)).toBe('2026-12-09'); // 5 jours francs: send by 15 − 6
    expect(deadline.summary).toBe('Échéance de convocation — séance du 15 décembre 2026');
  });

  it('once a convocation is recorded, the same event moves to the day it was sent (SEQUENCE raised)', async () => {
    const link = linkOf(await site.bot.say('/calendrier nouveau-lien'))!;
    await site.get(link); // the deadline is published first (SEQUENCE 0)
    site.bot.clock.set('2026-12-04T10:00:00Z');
    expect(await site.bot.say(`/convocation enregistrer 2026-12-04 courriel ${NEXT}`)).toContain('courriel');
    const { events } = parse((await site.get(link)).text);
    const sent = events.filter((e) => e.uid === `convocation-${NEXT}@somme-numerique`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.start.slice(0, 10)).toBe('2026-12-04');
    expect(sent[0]!.summary).toBe('Convocation envoyée — séance du 15 décembre 2026');
    expect(sent[0]!.description).toContain('10 jours francs avant la séance');
    expect(sent[0]!.sequence).toBe(1);
  });

  it('without SEANCE_PUBLIC_URL, gives no link, says how to set it, and keeps the current link working', async () => {
    const first = linkOf(await site.bot.say('/calendrier nouveau-lien', 'M. PAYEN'))!;
    // A second process on the same store, started without the public address.
    const bare = await createTestBot({ store: site.bot.hub.store, config: loadConfigFile(SAMPLE_CONFIG) });
    try {
      const refused = await bare.say('/calendrier nouveau-lien', 'M. PAYEN');
      expect(refused).toContain('SEANCE_PUBLIC_URL');
      expect(refused).toContain('votre lien actuel reste valable');
      expect(linkOf(refused)).toBeUndefined();
      expect(refused).not.toMatch(/localhost|127\.0\.0\.1/);
      const view = await bare.say('/calendrier');
      expect(view).toContain('SEANCE_PUBLIC_URL');
      expect(view).not.toContain('/calendrier.ics');
    } finally {
      await bare.close();
    }
    expect((await site.get(first)).status).toBe(200);
    expect(await site.bot.say('/calendrier')).toContain(`${PUBLIC_URL}/calendrier.ics`);
  });

  it('refuses a link to an unmapped account, and answers 404 to a made-up token', async () => {
    const answer = await site.bot.say('/calendrier nouveau-lien', { name: 'Inconnu', role: 'reader', door: 'test' });
    expect(answer).toContain('associé à aucun délégué');
    expect((await site.get('/calendrier/AAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
  });
});
