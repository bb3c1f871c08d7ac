/** The proxy replies name the pending request they open or close, so that every door can update its copies. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, secretary, type TestBot } from '../helpers/test-bot.ts';

const SESSION = '2026-12-15';
const KEY = `proxy:${SESSION}:roy`;

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot();
  expect(await bot.say(`/seance planifier ${SESSION} 17:30 Amiens`)).toContain('Séance planifiée');
});
afterEach(async () => {
  await bot.close();
});

/** ROY declares; returns the request the secretariat receives. */
async function declare() {
  const declared = await bot.ask(`/pouvoir donner ROY PARSIS ${SESSION}`, 'Mme ROY');
  expect(declared.opens).toBeUndefined(); // the delegate's own answer asks nothing
  expect(declared.closes).toBeUndefined();
  const request = bot.delivered.at(-1)!;
  expect(request.to).toEqual({ kind: 'secretariat' });
  return request.reply;
}

describe('opens / closes on the proxy replies', () => {
  it("the secretariat's request opens the key (session id and giver id); confirmer closes it with who confirmed", async () => {
    expect((await declare()).opens).toBe(KEY);
    const confirmed = await bot.ask(`/pouvoir confirmer ROY ${SESSION}`);
    expect(confirmed.closes).toEqual({ key: KEY, outcome: `Confirmé par ${secretary.name}` });
    // The delegate's DM settles nothing itself: the reply does, once.
    expect(confirmed.outbox?.every((m) => !m.reply.closes && !m.reply.opens)).toBe(true);
  });

  it('refuser closes it with who refused', async () => {
    await declare();
    expect((await bot.ask(`/pouvoir refuser ROY ${SESSION}`)).closes).toEqual({
      key: KEY,
      outcome: `Refusé par ${secretary.name}`,
    });
  });

  it('retirer by the delegate closes it with her name', async () => {
    await declare();
    expect((await bot.ask(`/pouvoir retirer ROY ${SESSION}`, 'Mme ROY')).closes).toEqual({
      key: KEY,
      outcome: 'Retiré par Mme ROY',
    });
  });

  it('a proxy recorded by the secretary opens nothing; a refusal or an error closes nothing', async () => {
    const recorded = await bot.ask(`/pouvoir donner ROY PARSIS ${SESSION}`);
    expect(recorded.title).toBe('Pouvoir enregistré');
    expect(recorded.opens).toBeUndefined();
    expect(recorded.closes).toBeUndefined();
    expect(recorded.outbox?.some((m) => m.reply.opens)).toBe(false);
    const refused = await bot.ask(`/pouvoir refuser ROY ${SESSION}`); // already confirmed
    expect(refused.tone).toBe('error');
    expect(refused.closes).toBeUndefined();
    expect((await bot.ask(`/pouvoir confirmer ROY ${SESSION}`, 'M. PAYEN')).closes).toBeUndefined();
  });
});

describe('attendance that cancels a proxy settles its request', () => {
  it('a giver marked present closes the request with the reason', async () => {
    await bot.ask('/pouvoir donner ROY PARSIS 2026-12-15', 'Mme ROY');
    const r = await bot.ask('/presence ROY salle 2026-12-15');
    expect(r.closes).toEqual({ key: 'proxy:2026-12-15:roy', outcome: 'Annulé : Mme ROY est présente en salle' });
    const again = await bot.ask('/presence ROY distance 2026-12-15');
    expect(again.closes).toBeUndefined();
  });
});
