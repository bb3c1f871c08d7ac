/**
 * Store errors are errors: an injected read failure makes a command answer the cause in French and change
 * nothing, and a session whose record is stored never falls back to the config's seed.
 */
import { describe, expect, it } from 'vitest';
import { bodyStore, type Engine } from '../../src/infra/store/engine.ts';
import { memoryEngine } from '../../src/infra/store/memory-engine.ts';
import { createTestBot } from '../helpers/test-bot.ts';

/** The memory engine, whose reads of keys matching `failing` throw while it is set. */
function faultyEngine(): Engine & { failing?: RegExp } {
  const inner = memoryEngine();
  const engine: Engine & { failing?: RegExp } = {
    ...inner,
    async read(body, key, known) {
      if (engine.failing?.test(key)) throw new Error('disk I/O error');
      return inner.read(body, key, known);
    },
    async list(body, journal, after, limit) {
      if (engine.failing?.test(journal)) throw new Error('disk I/O error');
      return inner.list(body, journal, after, limit);
    },
  };
  return engine;
}

describe('a failed read', () => {
  it('during /presence: answers the cause, and the stored record and its version stay as they were', async () => {
    const engine = faultyEngine();
    const logged: string[] = [];
    const bot = await createTestBot({
      store: bodyStore(engine, 'default', { onError: (e) => logged.push(e.message) }),
    });
    await bot.say('/seance rectifier 2024-10-07 Départ de Mme LHOMME omis');
    expect(await bot.say('/presence LHOMME absent 2024-10-07')).toContain('Présence enregistrée');
    const before = await bot.hub.records.record('2024-10-07');

    engine.failing = /2024-10-07/;
    const answer = await bot.ask('/presence PARSIS absent 2024-10-07');
    expect(answer.tone).toBe('error');
    expect(answer.blocks[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(
        /^Stockage indisponible : la lecture .*« [a-z]+:2024-10-07 » a échoué \(disk I\/O error\)\. Rien n'a été modifié/,
      ),
    });
    const quorum = await bot.ask('/quorum 2024-10-07');
    expect(quorum.tone).toBe('error'); // never the config's seed figures instead of the stored ones

    expect(logged.length).toBeGreaterThan(0); // and the operator's log has it too
    expect(logged[0]).toContain('disk I/O error');
    engine.failing = undefined;
    const after = await bot.hub.records.record('2024-10-07');
    expect(after).toEqual(before);
    expect(after.attendance['parsis']).toBe('salle');
    expect(await bot.say('/journal 2024-10-07')).toContain('Journal (2)'); // rectification opened, then used
    await bot.close();
  });
});
