import { replyOutline } from '../helpers/reply-outline.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, reader, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot();
});
afterEach(async () => {
  await bot.close();
});

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the committee of 7 October 2024, figure for figure', () => {
  it('/quorum 2024-10-07: 12 present (6 + 6), 12 represented, 24 counted, 54 votes of 104, reached', async () => {
    const out = await bot.say('/quorum 2024-10-07');
    expect(out).toContain('Quorum atteint');
    expect(out).toContain('Comité syndical du lundi 7 octobre 2024 à 17 h 30');
    expect(out).toMatch(/Délégués en exercice\s+: 47/);
    expect(out).toMatch(/Présents en salle\s+: 6/);
    expect(out).toMatch(/Présents à distance\s+: 6/);
    expect(out).toMatch(/Pouvoirs\s+: 12 représentés/);
    expect(out).toMatch(/Comptés pour le quorum\s+: 24 délégués/);
    expect(out).toMatch(/Seuil\s+: 24 délégués/);
    expect(out).toMatch(/54 sur 104/);
    expect(out).toContain('article 13 du règlement intérieur');
  });
  it('accepts the French date and defaults to the latest session', async () => {
    expect(await bot.say('/quorum 07/10/2024')).toContain('lundi 7 octobre 2024');
    expect(await bot.say('/quorum')).toContain('lundi 7 octobre 2024');
  });
  it("/pouvoirs: the minutes' 12 rows with votes 7, 7, 2, 2, 12, 7, 2, 2, 2, 2, 2, 7", async () => {
    const r = await bot.ask('/pouvoirs 2024-10-07');
    const tables = r.blocks.filter((b) => b.type === 'table');
    const rows = tables.flatMap((t) => (t.type === 'table' ? t.rows : []));
    expect(rows.map((row) => row[2])).toEqual(['7', '7', '2', '2', '12', '7', '2', '2', '2', '2', '2', '7']);
    expect(rows[0]).toEqual(['M. VARLET', 'M. DECLÉ', '7']);
    expect(rows[11]).toEqual(['Mme MAILLE-BARBARE', 'M. FOURNIER', '7']);
    expect(r.title).toBe('Pouvoirs (12 comptabilisés)');
  });
  it('/odj: date, place, remote, and the numbered agenda with outcomes', async () => {
    const out = await bot.say('/odj 2024-10-07');
    expect(out).toContain('lundi 7 octobre 2024 à 17 h 30');
    expect(out).toContain('Salle de réunion de Somme Numérique, Amiens');
    expect(out).toContain('Participation à distance : oui');
    expect(out).toContain('Délibération n° 1 : Service mutualisé de coffre-fort de mots de passe');
    expect(out).toContain('Délibération n° 2 : Offre FTTH');
    expect(out).toContain("Adoptée à l'unanimité");
    expect(out).toContain('Le comité syndical prend acte');
    expect(out).toMatch(/Présidence\s+: M\. VARLET/);
  });
  it('/pv: the attendance part of the minutes, headings and tables (the whole draft: test/commands/pv.test.ts)', async () => {
    const r = await bot.ask('/pv 2024-10-07');
    expect(r.blocks.some((b) => b.type === 'code')).toBe(false); // formatted, not a Markdown listing
    const text = replyOutline(r);
    expect(text).toContain('### Présents en salle (6)');
    expect(text).toContain('### Présents en téléconférence (6)');
    expect(text).toContain('| M. LHOMME'.replace('M. ', 'Mme ') + ' | M. FOUCAULT | 12 |');
    expect(text).toContain('### Excusés (35)');
    expect(text).toContain('M. BLOCKLET');
    expect(text).toMatch(
      /12 présents et 12 représentés, soit 24 délégués sur 47 en exercice \(seuil : 24\), et 54 voix sur 104 : le quorum est atteint/,
    );
    expect(text).toContain('Secrétaire de séance : M. PARSIS Laurent.');
    expect(text).toContain('la séance est levée à 18 h 40.');
  });
  it('/seances lists the session as past', async () => {
    const out = await bot.say('/seances');
    expect(out).toMatch(/lundi 7 octobre 2024.*passée/);
  });
});

describe('prices and quotes', () => {
  it('/tarifs lists the catalogue with member and non-member yearly prices', async () => {
    const out = nb(await bot.say('/tarifs'));
    expect(out).toMatch(/Service mutualisé de coffre-fort de mots de passe\s+35,00 € HT\/an\s+40,00 € HT\/an\s+3 ans/);
    expect(out).toMatch(/Pack « Haute sécurité »\s+150,00 € HT\/an\s+165,00 € HT\/an/);
    expect(out).toMatch(/Offre connect.*prix non fourni/);
  });
  it('/tarifs cyber shows monthly, yearly, TTC, installation, commitment, limit, deliberation and the flagged figure', async () => {
    const out = nb(await bot.say('/tarifs cyber'));
    expect(out).toContain('2,50 € HT/mois soit 30,00 € HT/an ; 3,00 € TTC/mois soit 36,00 € TTC/an');
    expect(out).toContain('3 € HT/mois soit 35,00 € HT/an');
    expect(out).toContain('membres 75,00 € HT, non-membres 90,00 € HT par tranche de 7 postes');
    expect(out).toContain('antivirus 3 ans, coffre-fort 1 an');
    expect(out).toContain('moins de 25 postes');
    expect(out).toContain('7 octobre 2024');
    expect(out).toMatch(/Écart dans les chiffres votés[\s\S]*36,00 €[\s\S]*35,00 €/);
  });
  it('/tarifs ftth shows 460 € HT since 7 October 2024 and 430 € HT before', async () => {
    const out = nb(await bot.say('/tarifs ftth'));
    expect(out).toContain('460,00 € HT');
    expect(out).toContain('depuis le 7 octobre 2024 : 460,00 € HT');
    expect(out).toContain('du 17 juin 2024 au 6 octobre 2024 : 430,00 € HT');
  });
  it('/tarifs connect says the price is in an annex Séance does not have', async () => {
    expect(await bot.say('/tarifs connect')).toMatch(/annexe que Séance ne contient pas/);
  });
  it('/devis cyber 10 membre: 300,00 € HT a year, 2 × 75 installation, 450,00 € HT = 540,00 € TTC', async () => {
    const out = nb(await bot.say('/devis cyber 10 membre'));
    expect(out).toContain('10 agents × 30,00 € HT');
    expect(out).toContain('300,00 €');
    expect(out).toContain('2 tranches de 7 postes × 75,00 € HT');
    expect(out).toContain('150,00 €');
    expect(out).toContain('450,00 € HT = 540,00 € TTC');
  });
  it('/devis without a tariff puts member and non-member side by side', async () => {
    const out = nb(await bot.say('/devis haute sécurité 12'));
    expect(out).toMatch(/Total première année HT\s+1 800,00 €\s+1 980,00 €/);
  });
  it('a mairie contact of a non-member commune gets the non-member tariff by default', async () => {
    const out = nb(await bot.say('/devis coffre-fort 2', 'Secrétariat de mairie (commune non membre, exemple)'));
    expect(out).toContain('non-membre');
    expect(out).toContain('2 agents × 40,00 € HT');
  });
  it('/devis coffre-fort 5 membre premiere: the first year is free', async () => {
    const out = nb(await bot.say('/devis coffre-fort 5 membre premiere'));
    expect(out).toContain('Première année offerte');
    expect(out).toContain('Total première année           : 0,00 € HT = 0,00 € TTC');
  });
  it.each([
    ['/devis haute sécurité 25 membre', /moins de 25 postes/],
    ['/devis cyber 0', /hors limites/],
    ['/devis cyber -4', /hors limites/],
    ['/devis cyber 2.5', /nombre entier attendu/],
    ['/devis cyber 1e9', /nombre entier attendu/],
    ['/devis cyber 1000000000', /hors limites/],
    ['/devis cyber dix', /nombre entier attendu/],
    ['/devis trottinette 3', /Service inconnu/],
  ])('%s → a clear French error', async (line, message) => {
    const r = await bot.ask(line);
    expect(r.tone).toBe('error');
    expect(r.visibility).toBe('ephemeral');
    expect(nb(await bot.say(line))).toMatch(message);
  });
});

describe('names, help and errors', () => {
  it('a misspelt name suggests the closest delegate', async () => {
    expect(await bot.say('/pouvoir donner BLOKCLET PARSIS 2024-10-07')).toContain('Vouliez-vous dire M. BLOCKLET ?');
  });
  it('an unknown command suggests the closest one', async () => {
    expect(await bot.say('/quorom')).toContain('/quorum');
  });
  it('/aide lists every command with its usage, and details one with examples', async () => {
    const all = await bot.say('/aide');
    for (const c of bot.hub.dispatcher.commands) expect(all).toContain(`/${c.name}`);
    const devis = await bot.say('/aide devis');
    expect(devis).toContain('/devis <service> <postes> [membre|non-membre] [premiere]');
    expect(devis).toContain('/devis cyber 10 membre');
  });
  it('a reader (unmapped user) can read but not change anything', async () => {
    expect(await bot.say('/quorum 2024-10-07', reader)).toContain('Quorum atteint');
    const r = await bot.ask('/presence PAYEN salle 2024-10-07', reader);
    expect(r.tone).toBe('error');
    expect(await bot.say('/journal 2024-10-07', reader)).toMatch(/réservée/);
  });
  it('a bug answers with a short apology and logs the detail', async () => {
    const records = bot.hub.records as { record: (id: string) => Promise<unknown> };
    records.record = async () => {
      throw new Error('disk on fire');
    };
    const out = await bot.say('/quorum 2024-10-07');
    expect(out).toContain('Désolé, une erreur inattendue est survenue');
    expect(out).not.toContain('disk on fire');
    expect(bot.logs.some((l) => l.level === 'error' && JSON.stringify(l.data).includes('disk on fire'))).toBe(true);
  });
});

describe('hostile input', () => {
  it('a huge line gets a clear refusal, not a long computation', async () => {
    const r = await bot.ask(`/pouvoir donner ${'x'.repeat(100_000)} PARSIS`);
    expect(r.tone).toBe('error');
    expect(await bot.say(`/quorum ${'9'.repeat(3000)}`)).toContain('Commande trop longue');
  });
  it('odd quoting and unicode do not crash the parser', async () => {
    for (const line of [
      '/devis "cyber 3',
      '/pouvoir donner « ROY',
      '/quorum \u0000',
      '/odj 2024-02-30',
      '/presence 💥 salle',
      '/',
      '//',
    ]) {
      const r = await bot.ask(line);
      expect(['error', 'info', 'success', 'warning']).toContain(r.tone);
      expect(r.title).not.toBe('Erreur interne');
    }
  });
});
