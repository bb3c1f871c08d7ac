/**
 * @module The turn pipeline, the one place that says what happens after someone types a command on any door:
 * dispatch → reply → render it on the asking door → settle, on every door, the request it closes → deliver its
 * outbox (each door remembers where it posted a message that `opens` a request). Doors only answer.
 */
import type { Turn } from '../core/door.ts';
import type { Dispatcher } from '../core/dispatch.ts';
import type { Outgoing, Reply } from '../core/reply.ts';

export interface TurnDeps {
  readonly dispatcher: Pick<Dispatcher, 'runLine' | 'runStructured'>;
  /** Has every running door update its copies of the request the reply closes, and of the message it updates. */
  settle(reply: Pick<Reply, 'closes' | 'updates'>): Promise<void>;
  /** Hands each outgoing message to every running door. */
  deliver(outbox: readonly Outgoing[] | undefined): Promise<void>;
}

export async function runTurn(deps: TurnDeps, turn: Turn): Promise<Reply> {
  const { actor, input } = turn;
  const work =
    typeof input === 'string' ? deps.dispatcher.runLine(input, actor) : deps.dispatcher.runStructured(input, actor);
  const reply = await (turn.running ? turn.running(work) : work);
  // The command has run: even when the door cannot show the answer, the other copies and the outbox must follow.
  let answerFailed: unknown;
  try {
    await turn.answer(reply);
  } catch (e) {
    answerFailed = e;
  }
  await deps.settle(reply);
  await deps.deliver(reply.outbox);
  if (answerFailed !== undefined) throw answerFailed;
  return reply;
}
