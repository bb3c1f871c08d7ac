/** /publier and the publication reminder (CGCT L2121-25: the list of deliberations online within a week). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyToText } from '../../src/core/reply-text.ts';
import { createTestBot, reader, type TestBot } from '../helpers/test-bot.ts';

const S = '2026-12-15';
const REMINDER = `seance:${S}:publication`;
let bot: TestBot;

beforeEach(async () => {
  bot = await createTestBot({ now: '2026-11-29T10:00:00Z' });
  await bot.say(`/seance planifier ${S} 17:30 Amiens`);
  await bot.say(`/odj ajouter ${S} deliberation Budget primitif 2027`);
});
afterEach(() => bot.close());

const publicationReminders = async () =>
  (await bot.hub.reminders.upcoming(50)).filter((r) => r.origin === 'publication');

describe('/publier', () => {
  it('refuses a session not held yet, a cancelled one, and a reader', async () => {
    expect(await bot.say(`/publier ${S}`)).toContain("n'a pas encore eu lieu");
    expect(await bot.say(`/publier ${S}`, reader)).toContain('réservée');
    await bot.say(`/seance annuler ${S} confirmer`);
    bot.clock.set('2026-12-16T10:00:00Z');
    expect(await bot.say(`/publier ${S}`)).toContain('est annulée');
  });

  it('records the date once, in the journal too; a second call says when it was published', async () => {
    bot.clock.set('2026-12-17T08:00:00Z');
    const first = await bot.say(`/publier ${S}`);
    expect(first).toContain('Publication enregistrée');
    expect(first).toContain('jeudi 17 décembre 2026');
    expect(first).toContain('au plus tard le mardi 22 décembre 2026');
    bot.clock.set('2026-12-18T08:00:00Z');
    const second = await bot.say(`/publier ${S}`);
    expect(second).toContain('Déjà publiée');
    expect(second).toContain('jeudi 17 décembre 2026');
    const record = await bot.hub.records.record(S);
    expect(record.published?.at).toBe('2026-12-17T08:00:00.000Z');
    expect(record.journal.filter((j) => j.action === 'délibérations publiées')).toHaveLength(1);
  });

  it('warns when the publication comes after the legal week', async () => {
    bot.clock.set('2026-12-28T08:00:00Z');
    expect(await bot.say(`/publier ${S}`)).toContain("après le délai d'une semaine");
  });
});

describe('the publication reminder', () => {
  it('is due two days before the legal week ends, reaches the secretariat, and is gone once published', async () => {
    expect(await publicationReminders()).toEqual([]); // not before the session
    bot.clock.set('2026-12-16T10:00:00Z');
    const [r] = await publicationReminders();
    expect(r?.id).toBe(REMINDER);
    expect(new Date(r!.dueMs).toISOString()).toBe('2026-12-20T08:00:00.000Z'); // 9 h in Paris, J+5
    expect(r!.to).toEqual([{ kind: 'secretariat' }]);

    bot.clock.set('2026-12-20T08:00:30Z');
    await bot.hub.reminders.tick();
    const sent = bot.delivered.filter((m) => m.reply.title === 'Publication à faire');
    expect(sent).toHaveLength(1);
    expect(replyToText(sent[0]!.reply)).toContain('au plus tard le mardi 22 décembre 2026');
    expect(replyToText(sent[0]!.reply)).toContain(`/publier ${S}`);
  });

  it('is not scheduled once the session is published', async () => {
    bot.clock.set('2026-12-16T10:00:00Z');
    await bot.say(`/publier ${S}`);
    expect(await publicationReminders()).toEqual([]);
    bot.clock.set('2026-12-20T08:00:30Z');
    await bot.hub.reminders.tick();
    expect(bot.delivered.filter((m) => m.reply.title === 'Publication à faire')).toEqual([]);
  });
});
