/**
 * @module The session while it sits, the smaller parts of issue 11 through the test bot: several names at once on
 * /presence, a remote arrival, /pouvoir and /reponse refreshing the live message, and a session that is « ouverte »
 * only once opened (its agenda can be completed on its day until then).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { replyToText } from '../../src/core/reply-text.ts';
import { replyOutline } from '../helpers/reply-outline.ts';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const DAY = '2026-12-15';
const KEY = `seance:${DAY}:direct`;
const liveText = (b: TestBot) => replyToText(b.updated.filter((u) => u.key === KEY).at(-1)!.reply);

async function planned(): Promise<TestBot> {
  const b = await createTestBot({ now: `${DAY}T08:00:00Z` });
  await b.say(`/seance planifier ${DAY} 17:30 Salle du conseil, Amiens et visio`);
  await b.say(`/odj ajouter ${DAY} deliberation Coffre-fort`);
  return b;
}

describe('the session on its day', () => {
  it('is not « ouverte » by the clock: after 17:30 the agenda still changes and no vote is taken until /seance ouvrir', async () => {
    bot = await planned();
    const b = bot;
    b.clock.set(new Date(`${DAY}T17:00:00Z`)); // 18:00 in Paris, half an hour after the planned start
    expect(await b.say(`/odj ajouter ${DAY} information Point ajouté le jour même`)).not.toContain('✗');
    expect(await b.say(`/quorum ${DAY}`)).not.toContain('État de la séance : ouverte');
    expect(await b.say('/vote 1 unanimite')).toMatch(
      /Vote non enregistré : .*\n\nLes votes s'enregistrent pendant la séance/,
    );
    expect(await b.say('/seance ouvrir')).toContain('La séance est ouverte à 18 h');
    expect(await b.say(`/odj ajouter ${DAY} information Trop tard`)).toMatch(/son ordre du jour ne change plus/i);
    expect(await b.say(`/quorum ${DAY}`)).toContain('État de la séance : ouverte');
  });
});

describe('the roll call typed, arrivals, proxies while the session sits', () => {
  it('records several names at once on /presence, a remote arrival, and refreshes the live message on /pouvoir and /reponse', async () => {
    bot = await planned();
    const b = bot;
    // Before the session: excused delegates known in advance, several at once.
    const before = await b.say('/presence excuse BIHET HEROUART');
    expect(before).toContain('Présences enregistrées');
    expect(before).toContain('M. BIHET : excusé');
    expect(before).toContain('Mme HEROUART : excusée');
    b.clock.set(new Date(`${DAY}T16:35:00Z`));
    await b.say('/seance ouvrir');

    const room = await b.say('/presence salle VARLET PARSIS DELFOSSE');
    expect(room).toContain('M. VARLET : présent en salle');
    expect(room).toContain('M. DELFOSSE : présent en salle');
    expect(await b.say('/presence distance "DE WAZIERS", FOURNIER')).toContain('Mme DE WAZIERS : présente à distance');
    expect(await b.say('/presence présent LHOMME')).toContain('Mme LHOMME : présente en salle');
    expect(await b.say('/presence absent PAYEN')).toContain('M. PAYEN : absent');
    let live = liveText(b);
    expect(live).toMatch(/Présents en salle\s*:?\s*4/);
    expect(live).toMatch(/Présents à distance\s*:?\s*2/);

    const arrival = await b.say('/presence PINON arrive 17:50 distance');
    expect(arrival).toContain('Mme PINON : arrivée à 17 h 50 (à distance).');
    expect(liveText(b)).toMatch(/Présents à distance\s*:?\s*3/);
    expect(await b.say('/presence ROY arrive 17:55 ailleurs')).toContain('indiquer salle ou distance');

    // A proxy recorded during the session: the live message counts the represented delegate at once.
    const updates = b.updated.length;
    expect(await b.say('/pouvoir donner DEMARCY VARLET')).toContain('Pouvoir enregistré');
    expect(b.updated.length).toBe(updates + 1);
    live = liveText(b);
    expect(live).toMatch(/Représentés\s*:?\s*1/);
    expect(await b.say('/pouvoir retirer DEMARCY')).toContain('Pouvoir retiré');
    expect(liveText(b)).toMatch(/Représentés\s*:?\s*0/);
    // A delegate's own answer on the day.
    expect(await b.say('/reponse distance', 'Mme ROY')).toContain('Réponse enregistrée');
    expect(b.updated.length).toBe(updates + 3);

    // A departure with a proxy, then the minutes: the tables show the room at the opening, the movements follow.
    expect(await b.say('/presence VARLET part 19:00 PARSIS')).toContain('donne pouvoir à M. PARSIS');
    const pv = replyOutline(await b.ask(`/pv ${DAY}`));
    expect(pv).toMatch(/\| M\. VARLET \| — \| 6 \|/);
    expect(pv).not.toMatch(/\| M\. PARSIS \| M\. VARLET/);
    expect(pv).toContain('### Présents en téléconférence (2)');
    expect(pv).not.toMatch(/\| Mme PINON \|/);
    expect(pv).toContain('6 présents et 0 représenté, soit 6 délégués sur 47 en exercice');
    expect(pv).toContain('Mme PINON arrivée à 17 h 50 (en téléconférence).');
    expect(pv).toContain('M. VARLET quitte la séance à 19 h et donne pouvoir à M. PARSIS.');
  });
});
