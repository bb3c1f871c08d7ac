/** @module /rappels, /rappel ajouter|supprimer, and the reminders of a session planned from chat, end to end through the bot. */
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/app/build.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { Outgoing } from '../../src/core/reply.ts';
import { replyToText } from '../../src/core/reply-text.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';
import { createTestBot, reader, secretary, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
let hub: Bot | undefined;
afterEach(async () => {
  await bot?.close();
  await hub?.stop();
  bot = undefined;
  hub = undefined;
});

const at = (b: TestBot, iso: string) => {
  b.clock.set(iso);
  return b.hub.reminders.tick();
};

describe('/rappels', () => {
  it('lists the upcoming reminders: when (Paris time), to whom, what', async () => {
    bot = await createTestBot({ now: '2026-11-01T10:00:00Z' });
    const text = await bot.say('/rappels', reader);
    expect(text).toMatch(
      /jeudi 12 novembre 2026 à 9 h\s+délégués, secrétariat\s+Séminaire annuel de Somme Numérique du jeudi 26 novembre 2026 \(J-14\)/,
    );
    expect(text).toContain('(envoi différé)');
  });

  it('lists missed reminders after a stop longer than the grace', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    await bot.say('/rappel ajouter 2026-12-01 09:00 delegues Pensez à vos pouvoirs');
    await at(bot, '2026-12-01T07:00:00Z');
    await at(bot, '2026-12-02T10:00:00Z'); // down for 27 hours
    const text = await bot.say('/rappels');
    expect(text).toContain('Manqués ou non remis');
    expect(text).toContain('mardi 1er décembre 2026 à 9 h — Pensez à vos pouvoirs (pour les délégués) : manqué');
    expect(bot.delivered.map((m) => m.reply.title)).toEqual(['Rappels non remis']);
  });

  it('shows a delivery failure to the secretariat and in /rappels', async () => {
    const config = loadConfigFile('config/somme-numerique.yaml');
    const clock = createFakeClock('2026-11-30T10:00:00Z');
    const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    hub = createBot({
      config,
      store: await openStore('memory:'),
      clock,
      logger,
      reminders: { sleep: async () => undefined },
    });
    const console: Outgoing[] = [];
    hub.addDoor({
      name: 'console',
      deliver: async (m) => {
        console.push(m);
        return true;
      },
      stop: async () => undefined,
    });
    hub.addDoor({
      name: 'slack',
      deliver: async () => {
        throw new Error('Slack a répondu 500');
      },
      stop: async () => undefined,
    });
    await hub.dispatcher.runLine('/rappel ajouter 2026-12-01 09:00 delegues Pensez à vos pouvoirs', secretary);
    clock.set('2026-12-01T08:00:00Z');
    await hub.reminders.tick();
    const notice = console.find((m) => m.reply.title === 'Rappels non remis')!;
    expect(notice.to).toEqual({ kind: 'secretariat' });
    expect(replyToText(notice.reply)).toContain('slack : Slack a répondu 500 (3 tentatives)');
    const text = replyToText(await hub.dispatcher.runLine('/rappels', secretary));
    expect(text).toContain('Pensez à vos pouvoirs (pour les délégués) : échec de remise');
  });
});

describe('/rappel', () => {
  it('a secretary adds a reminder to the delegates, it goes out once at the Paris hour', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    const added = await bot.say('/rappel ajouter 01/12/2026 9h delegues Pensez à renvoyer vos pouvoirs');
    expect(added).toContain('✓ Rappel n° 1 programmé');
    expect(added).toContain('mardi 1er décembre 2026 à 9 h (heure de Paris)');
    expect(await bot.say('/rappels')).toMatch(
      /mardi 1er décembre 2026 à 9 h\s+délégués\s+Pensez à renvoyer vos pouvoirs\s+1/,
    );
    await at(bot, '2026-12-01T07:59:00Z');
    await at(bot, '2026-12-01T08:00:00Z');
    await at(bot, '2026-12-01T08:01:00Z');
    expect(bot.delivered.map((m) => [m.to, m.reply.blocks[0]])).toEqual([
      [{ kind: 'delegates' }, { type: 'text', text: 'Pensez à renvoyer vos pouvoirs' }],
    ]);
  });

  it('targets one delegate by name, or the secretariat', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    expect(await bot.say('/rappel ajouter 2026-12-01 14:00 "Mme Roy" Votre pouvoir est à confirmer')).toMatch(
      /Pour\s+: Mme ROY/,
    );
    expect(await bot.say('/rappel ajouter 2026-12-01 14:00 secretariat Envoyer le PV')).toMatch(/Pour\s+: secrétariat/);
    expect(await bot.say('/rappel ajouter 2026-12-01 14:00 ROI texte')).toContain('Délégué inconnu');
  });

  it('warns when the hour falls in a DST change', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    const text = await bot.say('/rappel ajouter 2027-03-28 02:30 delegues Test');
    expect(text).toContain("2 h 30 n'existe pas ce jour-là (passage à l'heure d'été) : le rappel partira à 3 h 30.");
  });

  it('refuses a past time, and non-secretaries', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    expect(await bot.say('/rappel ajouter 2026-11-30 10:00 delegues Trop tard')).toContain('est passé');
    expect(await bot.say('/rappel ajouter 2026-12-01 10:00 delegues Test', 'M. PAYEN')).toContain(
      'réservée à : secrétariat. Votre rôle : délégué',
    );
    expect(await bot.say('/rappel supprimer 1', reader)).toContain('réservée');
  });

  it('adding a reminder drops the rows of those already sent or missed; /rappels still shows the missed one', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    await bot.say('/rappel ajouter 2026-12-01 09:00 delegues Envoyé');
    await bot.say('/rappel ajouter 2026-12-02 09:00 delegues Manqué');
    await bot.say('/rappel ajouter 2026-12-05 09:00 delegues Plus tard');
    await at(bot, '2026-12-01T07:59:00Z');
    await at(bot, '2026-12-01T08:00:00Z'); // sent
    await at(bot, '2026-12-03T10:00:00Z'); // down for 26 hours: the second is missed
    await bot.say('/rappel ajouter 2026-12-06 09:00 secretariat Nouveau');
    const rows = (await bot.hub.store.get<{ number: number }[]>('reminders:custom')) ?? [];
    expect(rows.map((r) => r.number)).toEqual([3, 4]);
    const text = await bot.say('/rappels');
    expect(text).toContain('Manqué (pour les délégués) : manqué');
    expect(text).toMatch(/samedi 5 décembre 2026 à 9 h\s+délégués\s+Plus tard\s+3/);
    expect(await bot.say('/rappel renvoyer rappel:2')).toContain('Rappel remis en envoi');
  });

  it('a secretary removes a reminder before it goes', async () => {
    bot = await createTestBot({ now: '2026-11-30T10:00:00Z' });
    await bot.say('/rappel ajouter 2026-12-01 09:00 delegues A');
    expect(await bot.say('/rappel supprimer 1')).toContain('✓ Rappel n° 1 supprimé');
    expect(await bot.say('/rappel supprimer 1')).toContain('Aucun rappel programmé n° 1');
    await at(bot, '2026-12-01T08:00:00Z');
    expect(bot.delivered).toEqual([]);
  });
});

describe('a session planned from chat', () => {
  it('convenes, reminds, and offers /pouvoir to an excused delegate without a proxy', async () => {
    bot = await createTestBot({ now: '2026-03-01T10:00:00Z' });
    await bot.say('/seance planifier 2026-03-12 17:30 Amiens et visio');
    await bot.say('/odj ajouter 2026-03-12 deliberation Budget primitif 2026');
    await bot.say('/presence ROY excuse 2026-03-12');
    await bot.say('/presence PAYEN excuse 2026-03-12');
    await bot.say('/pouvoir donner PAYEN PARSIS 2026-03-12');
    bot.delivered.length = 0;
    for (const iso of [
      '2026-03-04T08:00:00Z',
      '2026-03-06T08:00:00Z',
      '2026-03-11T08:00:00Z',
      '2026-03-12T08:00:00Z',
      '2026-03-12T20:00:00Z',
    ])
      await at(bot, iso);
    const roy = bot.config.roster.find((d) => d.lastName === 'ROY')!;
    // The convocation also goes to each delegate by direct message (with the answer buttons); the J-2 quorum alert
    // and answer reminder fell between two ticks here, so they are reported missed, not sent.
    const dms = bot.delivered.filter((m) => m.to.kind === 'delegate' && m.reply.title.startsWith('Convocation'));
    expect(dms).toHaveLength(bot.config.roster.filter((d) => d.inOffice).length);
    expect(
      bot.delivered
        .filter((m) => !dms.includes(m) && m.reply.title !== 'Rappels non remis')
        .map((m) => [m.to, m.reply.title]),
    ).toEqual([
      [{ kind: 'secretariat' }, 'Convocation à envoyer'],
      [{ kind: 'delegates' }, 'Convocation : Comité syndical du jeudi 12 mars 2026'],
      [{ kind: 'delegates' }, 'Rappel : Comité syndical demain à 17 h 30'],
      [{ kind: 'delegate', id: roy.id }, "Séance de ce jour : vous n'êtes pas représentée"],
    ]);
    bot.delivered.splice(
      0,
      bot.delivered.length,
      ...bot.delivered.filter((m) => !dms.includes(m) && m.reply.title !== 'Rappels non remis'),
    );
    expect(replyToText(bot.delivered[0]!.reply)).toContain(
      'La convocation doit partir au plus tard le vendredi 6 mars 2026',
    );
    expect(replyToText(bot.delivered[1]!.reply)).toContain('1. Budget primitif 2026');
    expect(bot.delivered[1]!.reply.attachments?.[0]?.filename).toBe('seance-2026-03-12.ics');
    expect(replyToText(bot.delivered[3]!.reply)).toContain('/pouvoir donner ROY <mandataire> 2026-03-12');
  });
});
