/** The turn pipeline: dispatch → answer on the asking door → settle on every door → deliver the outbox. */
import { describe, expect, it } from 'vitest';
import { runTurn, type TurnDeps } from '../../src/app/turn.ts';
import type { Actor } from '../../src/core/command.ts';
import { reply, text, type Outgoing, type Reply } from '../../src/core/reply.ts';

const actor: Actor = { name: 'Test', role: 'secretary', door: 'test' };
const outbox: Outgoing[] = [{ to: { kind: 'secretariat' }, reply: reply('Pour le secrétariat', [text('x')]) }];
const decided: Reply = {
  ...reply('Pouvoir confirmé', [text('ok')]),
  closes: { key: 'proxy:s:roy', outcome: 'Confirmé' },
  outbox,
};

function pipeline(result: Reply) {
  const steps: string[] = [];
  const deps: TurnDeps = {
    dispatcher: {
      runLine: async (line) => {
        steps.push(`dispatch ${line}`);
        return result;
      },
      runStructured: async (input) => {
        steps.push(`dispatch {${input.name}}`);
        return result;
      },
    },
    settle: async (r) => {
      steps.push(`settle ${r.closes?.key ?? '-'}`);
    },
    deliver: async (o) => {
      steps.push(`deliver ${o?.length ?? 0}`);
    },
  };
  return { deps, steps };
}

describe('runTurn', () => {
  it('answers on the asking door, then settles what the reply closes, then delivers its outbox', async () => {
    const { deps, steps } = pipeline(decided);
    const r = await runTurn(deps, {
      actor,
      input: '/pouvoir confirmer ROY',
      answer: async (x) => {
        steps.push(`answer ${x.title}`);
      },
    });
    expect(r).toBe(decided);
    expect(steps).toEqual([
      'dispatch /pouvoir confirmer ROY',
      'answer Pouvoir confirmé',
      'settle proxy:s:roy',
      'deliver 1',
    ]);
  });

  it('routes structured input and lets the door wrap a slow command', async () => {
    const { deps, steps } = pipeline(decided);
    await runTurn(deps, {
      actor,
      input: { name: 'quorum', args: {} },
      running: async (work) => {
        steps.push('acknowledged');
        return work;
      },
      answer: async () => {
        steps.push('answer');
      },
    });
    expect(steps).toEqual(['dispatch {quorum}', 'acknowledged', 'answer', 'settle proxy:s:roy', 'deliver 1']);
  });

  it('still settles and delivers when the door fails to answer, then reports the failure', async () => {
    const { deps, steps } = pipeline(decided);
    const turn = runTurn(deps, {
      actor,
      input: '/x',
      answer: async () => {
        throw new Error('platform refused');
      },
    });
    await expect(turn).rejects.toThrow('platform refused');
    expect(steps).toEqual(['dispatch /x', 'settle proxy:s:roy', 'deliver 1']);
  });
});
