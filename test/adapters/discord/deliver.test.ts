/** The door's delivery of messages the bot starts itself: channels from the config, DMs to mapped delegates, false otherwise. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { reply, text } from '../../../src/core/reply.ts';
import { SAMPLE_CONFIG } from '../../helpers/test-bot.ts';
import { bodyText, expectValidMessage, IDS, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const note = reply('Rappel', [text('Comité syndical mardi à 17 h 30 @everyone')], { visibility: 'ephemeral' });
const idOf = (harness: Harness, lastName: string) => harness.bot.config.roster.find((d) => d.lastName === lastName)!.id;

describe('Discord delivery', () => {
  it('posts to the delegates channel without the ephemeral flag and without mentions', async () => {
    h = await startHarness();
    expect(await h.door.deliver({ to: { kind: 'delegates' }, reply: note })).toBe(true);
    const post = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${h!.fake.delegatesChannelId}/messages`,
    );
    expectValidMessage(post.body);
    expect(post.body.flags ?? 0).toBe(0);
    expect(post.body.allowed_mentions.parse).toEqual([]);
    expect(bodyText(post.body)).toContain('@everyone');
  });

  it('sends a DM to a delegate with a Discord id, and answers false for one without', async () => {
    h = await startHarness();
    expect(await h.door.deliver({ to: { kind: 'delegate', id: idOf(h, 'PAYEN') }, reply: note })).toBe(true);
    await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${h!.fake.dmChannelFor(IDS.PAYEN).id}/messages`,
    );
    expect(await h.door.deliver({ to: { kind: 'delegate', id: idOf(h, 'GEST') }, reply: note })).toBe(false);
  });

  it('answers false when Discord refuses the DM (closed DMs), and logs it', async () => {
    h = await startHarness();
    h.fake.failNext(/^POST \/channels\/\d+\/messages$/, 1, 403, {
      message: 'Cannot send messages to this user',
      code: 50007,
    });
    expect(await h.door.deliver({ to: { kind: 'delegate', id: idOf(h, 'ROY') }, reply: note })).toBe(false);
    expect(h.bot.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'discord delivery failed' }));
  });

  it('answers false and warns at start when the config names no Discord channel', async () => {
    const yaml = readFileSync(SAMPLE_CONFIG, 'utf8').replace(/\ndiscord:\n(  .*\n)+/, '\n');
    h = await startHarness({ bot: { yaml } });
    expect(await h.door.deliver({ to: { kind: 'secretariat' }, reply: note })).toBe(false);
    expect(
      h.bot.logs.some((l) => l.level === 'warn' && l.msg.startsWith('discord.secretariatChannel is not set')),
    ).toBe(true);
  });
});
