/**
 * Acknowledge what is stored (issue 17), real Bolt in production mode (the HTTP answer is sent when the door
 * acks, not when the listener ends): a command acks with its answer once its change is stored; past the ack
 * budget it acks empty and answers through response_url; a button click is acked once its decision is stored.
 * The store's writes are slowed down, so that acking before storing would show.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSlackAgent, type ApiCall } from '../../helpers/fake-slack.ts';
import { slowWrites } from '../../helpers/slow-store.ts';
import { messageText } from './block-kit-limits.ts';
import { SECRETARIAT, startSlackHarness, USERS, type HarnessOptions, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(() => closeSlackAgent());

/** Each write waits this long: a command makes a few writes, well within the default 1.5 s budget. */
const WRITE_DELAY_MS = 100;
const start = (opts: HarnessOptions = {}) =>
  startSlackHarness({
    processBeforeResponse: false,
    wrapStore: (s) => slowWrites(s, WRITE_DELAY_MS),
    ...opts,
  });
const ADD = '/rappel ajouter 2026-12-10 09:00 secretariat Relancer les pouvoirs';

describe('a slash command', () => {
  it('done within the budget is acked with its answer, once its change is stored', async () => {
    h = await start(); // default budget (1.5 s)
    const { http } = await h.command(USERS.secretary, ADD);
    expect(http.status).toBe(200);
    expect(messageText(http.json)).toContain('Rappel n° 1 programmé');
    expect(http.json).toMatchObject({ response_type: 'in_channel' });
    // Read at the moment the ack arrived: the reminder is already stored.
    expect(await h.peek('/rappels')).toContain('Relancer les pouvoirs');
    expect(h.fake.responses).toEqual([]); // nothing through the response_url
  });

  it('still running past the budget is acked empty, then answered through response_url', async () => {
    h = await start({ ackBudgetMs: 50 });
    const { http } = await h.command(USERS.secretary, ADD);
    expect(http.status).toBe(200);
    expect(http.body).toBe('');
    const answer = await h.fake.waitForResponse(undefined, 5000);
    expect(messageText(answer.body)).toContain('Rappel n° 1 programmé');
    expect(answer.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(await h.peek('/rappels')).toContain('Relancer les pouvoirs');
  });

  it('a refusal answers in the ack too, to the asker alone', async () => {
    h = await start();
    const { http } = await h.command(USERS.stranger, ADD);
    expect(http.json).toMatchObject({ response_type: 'ephemeral' });
    expect(messageText(http.json)).toMatch(/Accès refusé/);
  });
});

const buttons = (call: ApiCall) =>
  ((call.body.blocks as { type: string; elements?: unknown[] }[]).find((b) => b.type === 'actions')?.elements ??
    []) as { action_id: string; value: string }[];

describe('a button click', () => {
  it('is acked once the decision it makes is stored', async () => {
    h = await start();
    await h.peek('/seance planifier 2026-12-14 17:30 Amiens');
    await h.peek('/presence PARSIS salle 2026-12-14');
    const before = h.fake.calls.length;
    await h.command(USERS.roy, '/pouvoir donner ROY PARSIS 2026-12-14');
    const request = await h.fake.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === SECRETARIAT && h!.fake.calls.indexOf(c) >= before,
    );
    expect(await h.peek('/pouvoirs 2026-12-14')).toContain('En attente');
    const confirm = buttons(request).find((b) => b.action_id === 'proxy.confirm')!;
    const { http } = await h.click(USERS.secretary, confirm, request);
    expect(http.status).toBe(200);
    expect(http.body).toBe(''); // Slack shows nothing of a click's ack
    // Read at the moment the ack arrived: the confirmation is already stored.
    expect(await h.peek('/pouvoirs 2026-12-14')).not.toContain('En attente');
  });
});
