/**
 * @module Done when: with the sample config and a fake clock at 2026-11-19 09:00 Europe/Paris, the seminar's
 * J-7 reminder is sent once to every configured door. Other doors plug in the same way: add the door to
 * `bot.hub`, set the clock, call `bot.hub.reminders.tick()`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Door } from '../../../src/app/build.ts';
import type { Outgoing } from '../../../src/core/reply.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { createTestBot, type TestBot } from '../../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const seminarJ7 = (messages: readonly Outgoing[]) =>
  messages.filter((m) => m.reply.title === 'Rappel : Séminaire annuel de Somme Numérique dans 7 jours');

describe('the annual seminar, J-7', () => {
  it('is sent once to every configured door at 2026-11-19 09:00 Paris time', async () => {
    bot = await createTestBot({ now: '2026-11-19T08:00:00Z' }); // 09:00 in Paris (CET, UTC+1)
    const second: Outgoing[] = [];
    const otherDoor: Door = {
      name: 'slack',
      deliver: async (m) => {
        second.push(m);
        return true;
      },
      stop: async () => undefined,
    };
    bot.hub.addDoor(otherDoor);

    const report = await bot.hub.reminders.start();
    expect(report.sent).toEqual([{ id: 'seminaire:2026-11-26:J-7', deferred: false }]);
    for (const delivered of [bot.delivered, second]) {
      const j7 = seminarJ7(delivered);
      expect(j7.map((m) => m.to)).toEqual([{ kind: 'delegates' }, { kind: 'secretariat' }]);
      const text = replyToText(j7[0]!.reply);
      expect(text).toContain(
        'Le Séminaire annuel de Somme Numérique aura lieu dans 7 jours, le jeudi 26 novembre 2026.',
      );
      expect(text).toContain('Lieu : lieu communiqué par le secrétariat');
      expect(j7[0]!.reply.attachments?.[0]?.filename).toBe('seminaire-2026.ics');
    }

    // Later ticks send nothing more (restarts: see restart.test.ts).
    for (const minutes of [1, 2, 60]) {
      bot.clock.set(new Date(Date.parse('2026-11-19T08:00:00Z') + minutes * 60_000));
      await bot.hub.reminders.tick();
    }
    expect(seminarJ7(bot.delivered)).toHaveLength(2);
    expect(seminarJ7(second)).toHaveLength(2);
    expect(bot.delivered).toHaveLength(2);
  });

  it('is not sent a minute early, and /rappels then shows it as the next reminder', async () => {
    bot = await createTestBot({ now: '2026-11-19T07:59:00Z' });
    await bot.hub.reminders.tick();
    expect(bot.delivered).toEqual([]);
    const text = await bot.say('/rappels');
    expect(text).toMatch(
      /jeudi 19 novembre 2026 à 9 h\s+délégués, secrétariat\s+Séminaire annuel de Somme Numérique du jeudi 26 novembre 2026 \(J-7\)/,
    );
  });
});
