/** The public pages over real HTTP: content, no personal data, security and caching headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryOf } from '../../src/app/accounts.ts';
import { readDocx } from '../helpers/docx-text.ts';
import { NEXT, plain, startSite, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
  // Personal records that must never reach a page: attendance, a proxy, the journal's actors.
  await site.bot.say(`/presence ROY excuse ${NEXT}`);
  await site.bot.say(`/pouvoir donner ROY PAYEN ${NEXT}`);
});
afterAll(() => site.close());

/** Pages where no delegate's name may appear (the adopted minutes of 7 October 2024 are checked apart). */
const PAGES = [
  '/',
  `/seances/${NEXT}`,
  '/tarifs',
  '/calendrier.ics',
  '/sante',
  '/inconnue',
  '/seances/2031-01-01',
  `/seances/${NEXT}/proces-verbal.docx`,
];
/** Adopted minutes: the law publishes who was present, represented or excused, so names are expected there. */
const MINUTES_PAGE = '/seances/2024-10-07';
const MINUTES_DOCX = '/seances/2024-10-07/proces-verbal.docx';

/** A page's text, or a Word document's (paragraphs and table cells). */
async function textOf(path: string): Promise<string> {
  const res = await fetch(site.url + path);
  if (!path.endsWith('.docx') || res.status !== 200) return res.text();
  const doc = readDocx(new Uint8Array(await res.arrayBuffer()));
  return [...doc.paragraphs, ...doc.tables.flat(2)].join('\n');
}

describe('public pages', () => {
  it('the home page lists the next session with date, place, remote participation and agenda', async () => {
    const { status, text } = await site.get('/');
    expect(status).toBe(200);
    const upcoming = text.slice(text.indexOf('Prochaines séances'), text.indexOf('Séances tenues'));
    expect(upcoming).toContain('Comité syndical du mardi 15 décembre 2026');
    expect(upcoming).toContain('mardi 15 décembre 2026 à 17 h 30');
    expect(upcoming).toContain('Salle de réunion de Somme Numérique, Amiens et visio');
    expect(upcoming).toContain('possible (téléconférence)');
    expect(upcoming).toMatch(
      /<ol class="agenda">\s*<li>Budget primitif 2027<\/li>\s*<li>Rapport d&#39;activité 2026<\/li>/,
    );
    expect(text.slice(text.indexOf('Séances tenues'))).toContain('href="/seances/2024-10-07"');
  });

  it('the 7 October 2024 page lists the two deliberations, adopted unanimously', async () => {
    const { text } = await site.get('/seances/2024-10-07');
    const rows = [
      ...text.matchAll(/<tr><td class="num">(\d)<\/td><td>([^<]+)<\/td><td class="outcome">([^<]+)<\/td><\/tr>/g),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      [
        '1',
        'Service mutualisé de coffre-fort de mots de passe – validation et adoption de sa charte de fonctionnement',
        'Adoptée à l&#39;unanimité',
      ],
      [
        '2',
        'Offre FTTH – modification des intitulés des offres et enrichissement de l&#39;offre initiale',
        'Adoptée à l&#39;unanimité',
      ],
    ]);
    expect(text).toContain('Envoyé en préfecture le 06/11/2024');
  });

  it('the 7 October 2024 page, arrêtée, shows its minutes with their figures and links their Word document', async () => {
    const text = plain((await site.get('/seances/2024-10-07')).text);
    const pv = text.slice(text.indexOf('<h2 id="pv">'));
    expect(pv).toContain('Procès-verbal arrêté (date de publication en ligne non enregistrée).');
    expect(pv).toContain('<h3 id="pv-texte">Procès-verbal – Comité syndical du lundi 7 octobre 2024</h3>');
    expect(pv).toContain(
      '12 présents et 12 représentés, soit 24 délégués sur 47 en exercice (seuil : 24), et 54 voix sur 104 : le quorum est atteint.',
    );
    expect(pv).toMatch(/<tr><td>Mme LHOMME<\/td><td>M. FOUCAULT<\/td><td class="num">12<\/td><\/tr>/);
    expect(pv).toContain('<p><strong><em>Adoptée à l&#39;unanimité des suffrages exprimés (54 voix)</em></strong></p>');
    expect(pv).toContain('la séance est levée à 18 h 40');
    expect(pv).toContain('href="/seances/2024-10-07/proces-verbal.docx" download="pv-2024-10-07.docx"');
  });

  it('serves the adopted minutes as a Word document: type, attachment name, ETag; 404 before they are arrêtées', async () => {
    const res = await fetch(`${site.url}${MINUTES_DOCX}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pv-2024-10-07.docx"');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const etag = res.headers.get('etag')!;
    expect(etag, 'weak: the same minutes, not the same bytes').toMatch(/^W\/"[\w-]+"$/);
    const doc = readDocx(new Uint8Array(await res.arrayBuffer()));
    expect(doc.paragraphs).toContain('Procès-verbal – Comité syndical du lundi 7 octobre 2024');
    expect(doc.paragraphs.join('\n')).toContain('54 voix sur 104');
    expect(doc.tables[0]).toContainEqual(['Mme LHOMME', 'M. FOUCAULT', '12']);
    expect((await fetch(`${site.url}${MINUTES_DOCX}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    // Another process (a restart) builds the document again with another creation time inside, hence other bytes:
    // the ETag comes from the minutes' content, so a copy downloaded before stays valid.
    const restarted = await startSite();
    try {
      const again = await fetch(`${restarted.url}${MINUTES_DOCX}`);
      expect(Buffer.from(await again.arrayBuffer()).length).toBeGreaterThan(0);
      expect(again.headers.get('etag')).toBe(etag);
      const revalidated = await fetch(`${restarted.url}${MINUTES_DOCX}`, { headers: { 'If-None-Match': etag } });
      expect(revalidated.status).toBe(304);
    } finally {
      await restarted.close();
    }
    const early = await site.get(`/seances/${NEXT}/proces-verbal.docx`);
    expect(early.status).toBe(404);
    expect(early.text).toContain('pas encore arrêté');
  });

  it('the catalogue shows FTTH at 430 € HT, then 460 € HT, each with its deliberation', async () => {
    const text = plain((await site.get('/tarifs')).text);
    const ftth = text.slice(text.indexOf('id="service-ftth-offre-initiale"'));
    const i430 = ftth.indexOf('430,00 € HT');
    const i460 = ftth.indexOf('460,00 € HT');
    expect(i430).toBeGreaterThan(0);
    expect(i460).toBeGreaterThan(i430);
    expect(ftth).toContain('du 17 juin 2024 au 6 octobre 2024');
    expect(ftth).toContain('Offre de service FTTH avec un accès simple (séance du 17 juin 2024)');
    expect(ftth).toContain('depuis le 7 octobre 2024');
    expect(text).toContain('35,00 € HT par an (2,916 € HT par mois)');
  });

  it('shows the publication date recorded by /publier, and never who recorded it', async () => {
    expect((await site.get('/seances/2024-10-07')).text).toContain(
      'Publication de la liste des délibérations non enregistrée',
    );
    site.bot.clock.set('2026-11-30T09:00:00Z');
    await site.bot.say('/publier 2024-10-07');
    const { text } = await site.get('/seances/2024-10-07');
    expect(text).toContain('Liste des délibérations publiée le lundi 30 novembre 2026');
    expect(text).not.toContain('Console (secrétariat)');
  });

  it('no page shows an account id, a channel id, attendance answers, proxies or the journal', async () => {
    const doors = directoryOf(site.bot.config);
    const ids = [
      ...Object.values(doors.accounts).flatMap((accounts) => Object.keys(accounts)),
      ...Object.values(doors.channels)
        .flatMap((ch) => Object.values(ch))
        .filter((x): x is string => typeof x === 'string' && x.length > 0),
    ];
    expect(ids).toContain('U0PAYEN001');
    expect(ids).toContain('300000000000000004');
    expect(ids.length).toBeGreaterThan(10);
    for (const path of PAGES) {
      const text = await textOf(path);
      for (const id of ids) expect(text, `${path} shows ${id}`).not.toContain(id);
      expect(text, path).not.toMatch(/ROY|PAYEN|excus|pouvoir donné|journal/i);
    }
    // The adopted minutes of 7 October 2024, page and Word document: the names the minutes state, and nothing else.
    for (const path of [MINUTES_PAGE, MINUTES_DOCX]) {
      const text = await textOf(path);
      expect(text, path).toContain('Présents en salle (6)');
      for (const id of ids) expect(text, `${path} shows ${id}`).not.toContain(id);
      expect(text, path).not.toMatch(/journal|Console \(secrétariat\)|pouvoir donné/i);
    }
  });

  it('sends a CSP that allows no script, the security headers, and no inline script or style in the pages', async () => {
    for (const path of ['/', '/seances/2024-10-07', '/tarifs']) {
      const { headers, text } = await site.get(path);
      expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(headers.get('content-security-policy')).not.toMatch(/script-src|unsafe-inline/);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
      expect(text).toMatch(/^<!doctype html>\n<html lang="fr">/);
    }
  });

  it('answers 304 to a matching If-None-Match, HEAD without a body, 405 to a POST', async () => {
    const first = await site.get('/tarifs');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${site.url}/tarifs`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${site.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(500);
    expect(await head.text()).toBe('');
    const post = await fetch(`${site.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves the stylesheet under a content-hashed address, cached for a year', async () => {
    const home = (await site.get('/')).text;
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(home)![1]!;
    expect(href).toMatch(/^\/style\.css\?v=[\w-]{12}$/);
    const css = await site.get(href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
  });

  it('/sante answers ok; unknown pages and dates answer a French 404', async () => {
    const health = await site.get('/sante');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ statut: 'ok' });
    expect(health.headers.get('cache-control')).toBe('no-store');
    const missing = await site.get('/seances/2031-01-01');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Aucune séance n&#39;est enregistrée à cette date.');
    expect((await site.get('/inconnue')).status).toBe(404);
  });
});
