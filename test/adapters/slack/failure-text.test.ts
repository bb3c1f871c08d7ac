/** Failure texts the secretariat reads in /rappels (issue 17): a 429 is a rate limit, and no internal URL shows. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { reply, text } from '../../../src/core/reply.ts';
import { closeSlackAgent } from '../../helpers/fake-slack.ts';
import { startSlackHarness, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(() => closeSlackAgent());

const message = { to: { kind: 'secretariat' as const }, reply: reply('Test', [text('x')]) };

describe('Slack delivery failures, in French', () => {
  it('names a 429 as a rate limit, with its delay, and not as « injoignable »', async () => {
    h = await startSlackHarness();
    h.fake.failNext('chat.postMessage', 1, { status: 429, headers: { 'retry-after': '0' } });
    const error = await h.door.deliver(message).catch((e: Error) => e);
    expect(String((error as Error).message)).toBe('limite de débit de Slack atteinte (réessai possible dans 0 s)');
  });

  it('never shows the API URL in a failure', async () => {
    h = await startSlackHarness();
    h.fake.failNext('chat.postMessage', 1, { status: 429, headers: { 'retry-after': 'soon' } });
    const error = (await h.door.deliver(message).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/^envoi Slack impossible/);
    expect(error.message).not.toContain('127.0.0.1');
    expect(error.message).not.toContain('http');
  });
});
