/**
 * Roll-call buttons name their session by its date, which the session argument reads, not by its id: a session
 * planned again on a date another one left (`/seance deplacer`) has the id `<date>-2`, which is no date.
 */
import { afterEach, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

it('an /appel button of a session planned again on a freed date records the presence', async () => {
  bot = await createTestBot({ now: '2026-12-01T10:00:00Z' });
  await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
  expect(await bot.say('/seance deplacer 2026-12-15 2026-12-17 17:30')).toContain('déplacée');
  expect(await bot.say('/seance planifier 2026-12-15 18:00 Amiens')).toMatch(/planifiée/);
  bot.clock.set(new Date('2026-12-15T17:05:00Z'));
  expect(await bot.say('/seance ouvrir 2026-12-15')).toMatch(/ouverte/);
  const page = await bot.ask('/appel 1');
  const salle = page.actions!.find((a) => a.label.endsWith(' : salle'))!;
  expect(await bot.say(salle.command)).toContain('Présence enregistrée');
  expect(await bot.say('/quorum 2026-12-15')).toContain('1 présent');
});
