/** @module /rappels lists a missed reminder with « /rappel renvoyer <id> » and a button; the secretariat resends it, once. */
import { afterEach, describe, expect, it } from 'vitest';
import { replyToText } from '../../src/core/reply-text.ts';
import { createTestBot, reader, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('/rappel renvoyer', () => {
  it('puts a missed reminder back in the outbox; the next tick delivers it once', async () => {
    bot = await createTestBot({ now: '2026-11-29T10:00:00Z' });
    expect(await bot.say('/rappel ajouter 2026-11-30 09:00 delegues Pensez à vos pouvoirs')).toContain(
      'Rappel n° 1 programmé',
    );
    await bot.hub.reminders.tick();
    bot.clock.set('2026-12-02T10:00:00Z'); // the bot was down past the grace
    expect(await bot.hub.reminders.tick()).toMatchObject({ missed: ['rappel:1'] });
    bot.delivered.length = 0;

    const listed = await bot.ask('/rappels');
    expect(replyToText(listed)).toContain('/rappel renvoyer rappel:1');
    expect(listed.actions).toEqual([
      expect.objectContaining({
        id: 'reminder.resend',
        command: expect.stringMatching(/^\/rappel renvoyer rappel:1 version:[0-9a-z]+$/),
      }),
    ]);

    expect(await bot.say('/rappel renvoyer rappel:1', reader)).not.toContain('Rappel remis en envoi');
    expect(await bot.say('/rappel renvoyer rappel:9')).toContain(
      'Aucun rappel manqué ou non remis « rappel:9 »\n\nÀ renvoyer : rappel:1.',
    );
    expect(await bot.say('/rappel renvoyer rappel:1')).toContain('Rappel remis en envoi');
    expect(bot.delivered).toEqual([]);

    bot.clock.set('2026-12-02T10:01:00Z');
    expect(await bot.hub.reminders.tick()).toMatchObject({ sent: [{ id: 'rappel:1' }] });
    expect(bot.delivered.map((m) => [m.to.kind, m.reply.title])).toEqual([['delegates', 'Rappel (envoi différé)']]);
    bot.clock.set('2026-12-02T10:05:00Z');
    await bot.hub.reminders.tick();
    expect(bot.delivered).toHaveLength(1);
    expect(replyToText(await bot.ask('/rappels'))).not.toContain('Manqués');
  });
});
