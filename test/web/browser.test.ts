/**
 * The public page in a real headless browser: Debian's Chromium (installed by .ci/run) driven by
 * playwright-core, launched once for this file with a fresh profile. Checks what a visitor sees, keyboard
 * access, axe-core's accessibility rules, that the CSP blocks any injected inline script, and writes
 * phone-width screenshots under test/artifacts/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../helpers/docx-text.ts';
import { NEXT, plain, startSite, type Site } from './site.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = 'test/artifacts';
const PHONE = { width: 390, height: 844 };

let site: Site;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  site = await startSite();
  profile = mkdtempSync(join(tmpdir(), 'seance-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: 'fr-FR',
    viewport: PHONE,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  const res = await page.goto(site.url + path);
  expect(res?.status()).toBe(200);
  return page;
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be blocked).
  await page.evaluate(axe.source);
  const violations = (await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const r = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

describe('the public page in Chromium', { timeout: 60_000 }, () => {
  it('the home page lists the next session and its agenda, fits a phone screen, passes axe', async () => {
    const page = await open('/');
    expect(await page.title()).toBe('Séances — Somme Numérique');
    const card = page.locator('article.card').first();
    expect(await card.locator('h3').innerText()).toBe('Comité syndical du mardi 15 décembre 2026');
    expect(plain(await card.locator('dl').innerText())).toContain('mardi 15 décembre 2026 à 17 h 30');
    expect(await card.locator('ol.agenda li').allInnerTexts()).toEqual([
      'Budget primitif 2027',
      "Rapport d'activité 2026",
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'accueil-telephone.png'), fullPage: true });
    await page.close();
  });

  it("the 7 October 2024 page lists the two deliberations « Adoptée à l'unanimité »", async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Comité syndical du lundi 7 octobre 2024' }).click();
    await page.waitForURL('**/seances/2024-10-07');
    const rows = page.getByRole('table', { name: 'Délibérations examinées et leur résultat' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.locator('td.outcome').allInnerTexts()).toEqual([
      "Adoptée à l'unanimité",
      "Adoptée à l'unanimité",
    ]);
    expect(await rows.nth(1).innerText()).toContain('Offre FTTH');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'seance-2024-10-07-telephone.png'), fullPage: true });
    await page.close();
  });

  it('the adopted minutes of 7 October 2024: the PV with its figures, its Word document downloads and parses back', async () => {
    const page = await open('/seances/2024-10-07');
    const pv = page.getByRole('article', { name: 'Procès-verbal – Comité syndical du lundi 7 octobre 2024' });
    expect(await pv.count()).toBe(1);
    const text = plain(await pv.innerText());
    expect(text).toContain(
      '12 présents et 12 représentés, soit 24 délégués sur 47 en exercice (seuil : 24), et 54 voix sur 104 : le quorum est atteint.',
    );
    expect(text).toContain("Adoptée à l'unanimité des suffrages exprimés (54 voix)");
    expect(text).toContain('Procès-verbal arrêté (date de publication en ligne non enregistrée).');
    const room = pv.getByRole('table').first();
    expect(await room.locator('thead th').allInnerTexts()).toEqual(['Présents', 'Pouvoirs', 'Voix']);
    expect(await room.locator('tbody tr').nth(4).locator('td').allInnerTexts()).toEqual([
      'Mme LHOMME',
      'M. FOUCAULT',
      '12',
    ]);
    expect(await pv.getByRole('heading', { level: 4, name: 'Présents en salle (6)' }).count()).toBe(1);

    const link = page.getByRole('link', { name: /Télécharger le procès-verbal/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('pv-2024-10-07.docx');
    const saved = join(profile, 'pv-2024-10-07.docx');
    await download.saveAs(saved);
    const doc = readDocx(new Uint8Array(readFileSync(saved)));
    expect(doc.paragraphs).toContain('Procès-verbal – Comité syndical du lundi 7 octobre 2024');
    expect(doc.paragraphs.join('\n')).toContain('54 voix sur 104');
    expect(doc.paragraphs).toContain("Adoptée à l'unanimité des suffrages exprimés (54 voix)");
    expect(doc.tables[0]).toContainEqual(['Mme LHOMME', 'M. FOUCAULT', '12']);

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await pv.screenshot({ path: join(ARTIFACTS, 'proces-verbal-2024-10-07-telephone.png') });
    await page.close();
  });

  it('the catalogue page shows FTTH at 430 € HT, then 460 € HT', async () => {
    const page = await open('/tarifs');
    const ftth = page.locator('section', {
      has: page.getByRole('heading', { name: 'GFU FTTH – offre initiale (accès simple)' }),
    });
    const periods = ftth.locator('ol.prices > li');
    expect((await periods.locator('dl > div:first-child dd').allInnerTexts()).map(plain)).toEqual([
      '430,00 € HT par accès',
      '460,00 € HT par accès',
    ]);
    expect(plain(await periods.nth(0).innerText())).toContain(
      'Offre de service FTTH avec un accès simple (séance du 17 juin 2024)',
    );
    expect(plain(await periods.nth(1).innerText())).toMatch(
      /^depuis le 7 octobre 2024 en vigueur\n[\s\S]*Délibération n° 2/,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'tarifs-telephone.png'), fullPage: true });
    await page.close();
  });

  it('is usable with the keyboard: the first Tab reaches « Aller au contenu », which moves to the main content', async () => {
    const page = await open(`/seances/${NEXT}`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(`${site.url}/seances/${NEXT}#contenu`);
    await page.close();
  });

  it('blocks an injected inline script (CSP)', async () => {
    const page = await open('/');
    await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await page.close();
  });
});
