/**
 * @module Votes by the delegates' buttons (issue 11), through the test bot's turn pipeline: the secretariat opens a
 * ballot, each delegate's click is their command line run as them, the ballot message is edited with the running
 * count, refusals say why in French, closing records the result with the deliberation's number like a typed vote.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { replyToText } from '../../src/core/reply-text.ts';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const DAY = '2026-12-15';
const ROOM =
  'VARLET PARSIS DELFOSSE DEMARCY LHOMME LEFEBVRE PAYEN THUEUX BEAUFILS DEFRANCE PENAUD MAILLE-BARBARE DECLÉ ROY WALIGORA BLOCKLET FOUCAULT DELETRE DEBEUGNY HAZARD POUPART MAILLE';

async function sitting(): Promise<TestBot> {
  const b = await createTestBot({ now: `${DAY}T08:00:00Z` });
  await b.say(`/seance planifier ${DAY} 17:30 Salle du conseil, Amiens et visio`);
  for (const t of ['Coffre-fort', 'Tarifs 2027', 'Élection du vice-président'])
    await b.say(`/odj ajouter ${DAY} deliberation ${t}`);
  b.clock.set(new Date(`${DAY}T16:35:00Z`));
  expect(await b.say('/seance ouvrir')).toContain('ouverte à 17 h 35');
  expect(await b.say(`/appel salle ${ROOM}`)).toContain('Présences enregistrées');
  await b.say('/appel distance "DE WAZIERS", FOURNIER');
  await b.say('/presence PINON arrive 17:50');
  return b;
}

const ballotText = (b: TestBot, item: number) =>
  replyToText(b.updated.filter((u) => u.key === `vote:${DAY}:${item}`).at(-1)!.reply);

describe('a vote by the delegates buttons', () => {
  it('posts one ballot with three buttons, counts weighted votes and proxies, refuses who may not vote, records the result', async () => {
    bot = await sitting();
    const b = bot;
    expect(await b.say('/presence PAYEN part 18:00 PARSIS')).toContain('donne pouvoir à M. PARSIS');
    await b.say('/point 1');
    await b.say('/point retrait DELFOSSE');
    expect(await b.say('/vote 1 pour', 'M. VARLET')).toContain(
      "Vote non enregistré : aucun vote n'est ouvert sur le point 1",
    );
    expect(await b.say('/vote 1 ouvrir', 'M. VARLET')).toMatch(/seul le secrétariat/i);

    const opened = await b.say('/vote 1 ouvrir');
    expect(opened).toContain('Vote ouvert : délibération n° 1');
    const posted = b.delivered.filter((m) => m.reply.opens === `vote:${DAY}:1`);
    expect(posted.map((m) => m.to.kind).sort()).toEqual(['delegates', 'secretariat']);
    const buttons = posted[0]!.reply.actions!;
    expect(buttons.map((a) => [a.label, a.command])).toEqual([
      ['Pour', '/vote 1 pour'],
      ['Contre', '/vote 1 contre'],
      ['Abstention', '/vote 1 abstention'],
    ]);
    expect(await b.say('/vote 2 ouvrir')).toContain('Vote non enregistré : un vote est déjà ouvert sur le point 1');
    expect(await b.say('/vote 1 unanimite')).toMatch(/clore d'abord/i);

    // Clicks: each one is the button's command line run as the clicker.
    const varlet = await b.ask('/vote 1 pour', 'M. VARLET');
    expect(varlet.visibility).toBe('ephemeral');
    expect(replyToText(varlet)).toContain('Votre vote : pour (6 voix).');
    expect(ballotText(b, 1)).toMatch(/Pour\s*:?\s*6 voix/);
    expect(await b.say('/vote 1 pour', 'Mme ROY')).toContain('Vote enregistré');
    const changed = await b.say('/vote 1 contre', 'Mme ROY');
    expect(changed).toContain('Vote modifié');
    expect(changed).toContain('Il remplace votre vote précédent (pour).');
    const parsis = await b.say('/vote 1 pour', 'M. PARSIS');
    expect(parsis).toContain('Il compte aussi pour M. PAYEN, que vous représentez (1 voix de plus).');
    let count = ballotText(b, 1);
    expect(count).toMatch(/Pour\s*:?\s*8 voix/);
    expect(count).toMatch(/Contre\s*:?\s*6 voix/);
    expect(count).toContain('3 délégués (14 voix, pouvoirs compris)');
    expect(count).not.toMatch(/VARLET|ROY|PARSIS/);

    // Who may not vote is told why.
    expect(await b.say('/vote 1 contre', 'M. PAYEN')).toMatch(
      /a donné pouvoir à M\. PARSIS[\s\S]*c'est lui qui vote pour lui/i,
    );
    expect(await b.say('/vote 1 contre', 'M. BIHET')).toContain("n'est ni présent ni représenté");
    expect(await b.say('/vote 1 contre', 'M. DELFOSSE')).toContain("s'est retiré du point 1");
    expect(await b.say('/vote 1 pour')).toMatch(/seuls les délégués votent avec les boutons/i);
    expect(await b.say('/vote 1 blanc', 'M. VARLET')).toContain("n'existe qu'au scrutin secret");
    count = ballotText(b, 1);
    expect(count).toMatch(/Pour\s*:?\s*8 voix/);

    const closed = await b.ask('/vote 1 clore');
    const said = replyToText(closed);
    expect(said).toContain('Vote clos : délibération n° 1');
    expect(said).toContain('Adoptée par 8 voix pour, 6 contre');
    expect(said).toContain('Ont voté contre : Mme ROY');
    expect(said).toContain("M. DELFOSSE s'est retiré du point");
    expect(closed.closes).toEqual({ key: `vote:${DAY}:1`, outcome: 'Vote clos : Adoptée par 8 voix pour, 6 contre' });
    expect(await b.say('/vote 1 pour', 'M. LHOMME'.replace('M.', 'Mme'))).toContain(
      'Vote non enregistré : le vote sur le point 1 est clos',
    );
    expect(await b.say('/vote 1')).toContain('8 voix');
    expect(await b.say('/vote 1 clore')).toContain('est clos');
  });

  it('breaks a tie with the president vote, and keeps a secret ballot without names', async () => {
    bot = await sitting();
    const b = bot;
    await b.say('/vote 2 ouvrir');
    await b.say('/vote 2 pour', 'M. VARLET');
    await b.say('/vote 2 contre', 'Mme ROY');
    expect(await b.say('/vote 2 clore')).toContain(
      'Adoptée par 6 voix pour, 6 contre, la voix du président étant prépondérante',
    );

    expect(await b.say('/vote 3 ouvrir secret')).toContain('(scrutin secret)');
    const secret = b.delivered.filter((m) => m.reply.opens === `vote:${DAY}:3`)[0]!.reply;
    expect(secret.actions!.map((a) => a.label)).toEqual(['Pour', 'Contre', 'Abstention', 'Blanc']);
    await b.say('/vote 3 pour', 'M. VARLET');
    await b.say('/vote 3 contre', 'Mme ROY');
    await b.say('/vote 3 contre', 'M. PARSIS');
    const closed = await b.say('/vote 3 clore');
    expect(closed).toContain('Rejetée par 7 voix contre, 6 pour');
    expect(closed).not.toMatch(/Ont voté|ROY|PARSIS/);
    const journal = await b.say(`/journal ${DAY}`);
    expect(journal).not.toMatch(/PARSIS, point 3 : contre/);

    const pv = replyToText(await b.ask(`/pv ${DAY}`));
    expect(pv).toContain('la voix du président étant prépondérante');
    expect(pv).toContain('Rejetée par 7 voix contre, 6 pour');
    expect(pv).not.toMatch(/Ont voté contre : M\. PARSIS/);
  });
});
