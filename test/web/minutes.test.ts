/**
 * A session held in chat, from the list of deliberations to its adopted minutes on the public page
 * (CGCT L2121-25, L2121-15): `/publier pv` makes it arrêtée; before that the page shows the deliberations only,
 * after it the minutes and their Word document, each with its date. What delegates announced in answer to the
 * convocation (/reponse) is not the record: it never reaches the minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryOf } from '../../src/app/accounts.ts';
import { readDocx } from '../helpers/docx-text.ts';
import { NEXT, plain, PUBLIC_URL, startSite, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
  // Announced answers (not attendance): Mme ROY says she will be excused, M. DEMARCY that he will come.
  expect(await site.bot.say(`/reponse excuse ${NEXT}`, 'Mme ROY')).toContain('Réponse enregistrée');
  expect(await site.bot.say(`/reponse salle ${NEXT}`, 'M. DEMARCY')).toContain('Réponse enregistrée');
  // The session: opened at 17:35 in Paris, three delegates recorded in the room, closed at 18:50.
  site.bot.clock.set(`${NEXT}T16:35:00Z`);
  expect(await site.bot.say('/seance ouvrir')).toContain('La séance est ouverte');
  expect(await site.bot.say('/appel salle VARLET PARSIS DELFOSSE')).toContain('Présences enregistrées');
  expect(await site.bot.say(`/publier pv ${NEXT}`)).toMatch(/est ouverte\n\nSon procès-verbal se publie/);
  expect(await site.bot.say('/seance lever 18:50')).toContain('levée');
});
afterAll(() => site.close());

const page = async () => plain((await site.get(`/seances/${NEXT}`)).text);

describe('the adopted minutes of a session held in chat', () => {
  it('refuses /publier pv for an unknown session, an adoption date to come or before the session, and to a delegate', async () => {
    site.bot.clock.set(`${NEXT}T17:30:00Z`);
    expect(await site.bot.say('/publier pv 2031-01-01')).toContain('Aucune séance');
    expect(await site.bot.say(`/publier pv ${NEXT} 2027-02-01`)).toContain('est à venir');
    expect(await site.bot.say(`/publier pv ${NEXT} 2026-12-01`)).toContain('avant la séance');
    expect(await site.bot.say(`/publier pv ${NEXT}`, 'M. PAYEN')).toContain('réservée');
  });

  it('before adoption: the deliberations within the legal week, no minutes, no document', async () => {
    site.bot.clock.set('2026-12-16T09:00:00Z');
    const text = await page();
    expect(text).toContain('Liste des délibérations à publier au plus tard le mardi 22 décembre 2026');
    expect(text).toContain('Le procès-verbal sera publié ici');
    expect(text).not.toContain('pv-texte');
    expect((await site.get(`/seances/${NEXT}/proces-verbal.docx`)).status).toBe(404);
  });

  it('/publier then /publier pv: the page dates both, shows the minutes and links their document', async () => {
    site.bot.clock.set('2026-12-17T09:00:00Z');
    expect(await site.bot.say(`/publier ${NEXT}`)).toContain(`${PUBLIC_URL}/seances/${NEXT}`);
    site.bot.clock.set('2027-01-20T09:00:00Z');
    const answer = await site.bot.say(`/publier pv ${NEXT} 2027-01-19`);
    expect(answer).toContain('Procès-verbal publié');
    expect(answer).toMatch(/Arrêté le\s*:?\s*mardi 19 janvier 2027/);
    expect(answer).toContain(`${PUBLIC_URL}/seances/${NEXT}/proces-verbal.docx`);
    expect(await site.bot.say(`/seances`)).toContain('procès-verbal arrêté');
    expect(await site.bot.say(`/publier pv ${NEXT}`)).toContain('déjà publié depuis le mercredi 20 janvier 2027');

    const text = await page();
    expect(text).toContain('Liste des délibérations publiée le jeudi 17 décembre 2026');
    expect(text).toContain('Procès-verbal arrêté le mardi 19 janvier 2027, publié le mercredi 20 janvier 2027.');
    expect(text).toContain('<h3 id="pv-texte">Procès-verbal – Comité syndical du mardi 15 décembre 2026</h3>');
    expect(text).toContain('<h4>Présents en salle (3)</h4>');
    expect(text).toContain('la séance est levée à 18 h 50');
    expect(text).toContain('Vote non enregistré'); // never an invented result
    const home = plain((await site.get('/')).text);
    expect(home).toContain('Procès-verbal arrêté le mardi 19 janvier 2027, publié le mercredi 20 janvier 2027');
  });

  it('the document and the page state the record, never the announced answers, the journal or an account id', async () => {
    const res = await fetch(`${site.url}/seances/${NEXT}/proces-verbal.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="pv-${NEXT}.docx"`);
    const doc = readDocx(new Uint8Array(await res.arrayBuffer()));
    const docText = [...doc.paragraphs, ...doc.tables.flat(2)].join('\n');
    expect(docText).toContain('Procès-verbal arrêté le mardi 19 janvier 2027, publié le mercredi 20 janvier 2027.');
    expect(doc.tables[0]!.map((r) => r[0])).toEqual(['Présents', 'M. VARLET', 'M. PARSIS', 'M. DELFOSSE']);
    const doors = directoryOf(site.bot.config);
    const ids = Object.values(doors.accounts).flatMap((accounts) => Object.keys(accounts));
    for (const text of [await page(), docText]) {
      for (const id of ids) expect(text).not.toContain(id);
      // ROY announced an excuse and DEMARCY a presence: neither was recorded, so neither is in the minutes.
      expect(text).not.toMatch(/ROY|DEMARCY|journal|Console \(secrétariat\)/);
    }
  });
});
