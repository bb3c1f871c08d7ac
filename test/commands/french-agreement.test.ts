/**
 * French set properly in the answers themselves: agreement from the civility (Mme ROY, M. PAYEN) and
 * plurals at 0, 1 and 2, asserted on /quorum, /pouvoirs, /presence and /pouvoir donner (no snapshots).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

const D = '2026-12-15';
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
let bot: TestBot;
const say = async (line: string, as?: string) => nb(await bot.say(line, as));

beforeAll(async () => {
  bot = await createTestBot();
  expect(await say(`/seance planifier ${D} 17:30 Amiens`)).toContain('Séance planifiée');
});
afterAll(() => bot.close());

describe('agreement and plurals', () => {
  it('says « aucun » when nobody is there yet', async () => {
    const q = await say(`/quorum ${D}`);
    expect(q).toMatch(/Présents en salle\s+: aucun présent\n/);
    expect(q).toMatch(/Pouvoirs\s+: aucun représenté\n/);
    expect(await say(`/pouvoirs ${D}`)).toMatch(/^Pouvoirs \(aucun comptabilisé\)/);
  });

  it('agrees attendance with the civility', async () => {
    expect(await say(`/presence PARSIS présent ${D}`)).toContain('M. PARSIS : présent en salle.');
    expect(await say(`/presence DELETRE présente ${D}`)).toContain('Mme DELETRE : présente en salle.');
    expect(await say(`/presence DELETRE présente ${D}`)).toContain('Mme DELETRE était déjà présente en salle');
    expect(await say(`/quorum ${D}`)).toMatch(/Présents en salle\s+: 2 présents\n/);
  });

  it('counts one proxy, then two, in the singular then the plural', async () => {
    const one = await say(`/pouvoir donner ROY PARSIS ${D}`);
    expect(one).toContain('Mme ROY donne pouvoir à M. PARSIS');
    expect(one).toContain('Mme ROY est notée excusée.');
    expect(await say(`/quorum ${D}`)).toMatch(/Pouvoirs\s+: 1 représenté\n/);
    expect(await say(`/pouvoirs ${D}`)).toMatch(/^Pouvoirs \(1 comptabilisé\)/);

    const two = await say(`/pouvoir donner PAYEN DELETRE ${D}`);
    expect(two).toContain('M. PAYEN est noté excusé.');
    expect(await say(`/quorum ${D}`)).toMatch(/Pouvoirs\s+: 2 représentés\n/);
    expect(await say(`/pouvoirs ${D}`)).toMatch(/^Pouvoirs \(2 comptabilisés\)/);
  });

  it('refuses with a title that says what happened, in the right gender', async () => {
    const self = await say(`/pouvoir donner LHOMME LHOMME ${D}`);
    expect(self).toMatch(/^✗ Pouvoir refusé : Mme LHOMME ne peut pas se donner pouvoir à elle-même\n/);
    expect(await say(`/pouvoir donner VARLET VARLET ${D}`)).toContain(
      'Pouvoir refusé : M. VARLET ne peut pas se donner pouvoir à lui-même',
    );
    const held = await say(`/pouvoir donner LHOMME PARSIS ${D}`);
    expect(held).toMatch(/^✗ Pouvoir refusé : M. PARSIS détient déjà un pouvoir\n/);
    expect(await say(`/pouvoir donner LHOMME ROY ${D}`)).toContain('Mme ROY a elle-même donné un pouvoir');
    expect(await say(`/pouvoir donner LHOMME PAYEN ${D}`)).toContain('M. PAYEN a lui-même donné un pouvoir');
  });

  it('a delegate who comes after all votes herself', async () => {
    const back = await say(`/presence ROY présente ${D}`);
    expect(back).toContain('Mme ROY : présente en salle.');
    expect(back).toContain('est annulé : Mme ROY est présente et vote elle-même.');
    expect(await say(`/pouvoirs ${D}`)).toMatch(/^Pouvoirs \(1 comptabilisé\)/);
  });

  it('a delegate declares her own proxy, named « moi » or not named at all', async () => {
    const present = await say(`/pouvoir donner moi PARSIS ${D}`, 'Mme ROY');
    expect(present).toMatch(/^✗ Pouvoir refusé : Mme ROY est marquée présente en salle\n/);
    expect(present).toContain('Un délégué présent ne donne pas de pouvoir.');
    expect(await say(`/presence moi excusée ${D}`, 'Mme ROY')).toContain('Mme ROY : excusée.');
    expect(await say(`/pouvoir donner VARLET ${D}`, 'Mme ROY')).toContain(
      'Votre pouvoir à M. VARLET est transmis au secrétariat',
    );
    expect(await say(`/pouvoirs ${D}`)).toContain('Mme ROY → M. VARLET');
  });

  it('suggests a person with their own civility', async () => {
    expect(await say(`/presence PARSSI salle ${D}`)).toContain('Vouliez-vous dire M. PARSIS ?');
    expect(await say(`/presence DELETR salle ${D}`)).toContain('Mme DELETRE');
  });
});
