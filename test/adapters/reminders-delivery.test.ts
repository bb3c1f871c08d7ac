/**
 * @module Reminders end to end through every door: the real Slack door (Bolt) and Discord door (discord.js) against
 * the fakes on 127.0.0.1, plus a recorder door, on the sample config with a fake clock.
 * - Done when (issue 5): at 2026-11-19 09:00 Paris time the seminar's J-7 reminder goes out once to every door,
 *   and neither a later tick nor a restarted scheduler on the same store sends it again.
 * - A Slack 500 is retried with back-off, recorded as a failure that /rappels shows (the other doors deliver),
 *   and retried on the next ticks: delivered to Slack alone once it is back.
 * - A convocation carries its .ics: uploaded to the Slack channel, attached as a file on the Discord message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { reply, text, type Outgoing } from '../../src/core/reply.ts';
import { DEFAULT_RETRY_DELAYS_MS } from '../../src/core/reminders/scheduler.ts';
import { closeSlackAgent, commandAnswer, postSlashCommand, type ApiCall } from '../helpers/fake-slack.ts';
import { startAllDoors, type AllDoors } from './all-doors.ts';
import { bodyText, expectValidMessage } from './discord/harness.ts';
import { messageText } from './slack/block-kit-limits.ts';
import { secretaryActor, SIGNING_SECRET, USERS } from './slack/slack-harness.ts';

const SLACK = { delegates: 'C0DELEGUES', secretariat: 'C0SECRETAR' } as const;
const SEMINAR = 'Séminaire annuel de Somme Numérique';
const J7 = 'seminaire:2026-11-26:J-7';
const J1 = 'seminaire:2026-11-26:J-1';
const NOTICE = 'Rappels non remis';

const running: AllDoors[] = [];
afterAll(async () => {
  for (const h of running.splice(0)) await h.close();
  closeSlackAgent();
});

async function start(now: string): Promise<AllDoors> {
  const h = await startAllDoors(now);
  running.push(h);
  return h;
}

/** Messages the fake Slack accepted (or, with `status`, answered with that status) in a channel. */
function slackPosts(h: AllDoors, channel: string, status = 200): ApiCall[] {
  return h.slack.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.status === status);
}

/** Files shared to a Slack channel through files.uploadV2: the name and the bytes uploaded. */
function slackFiles(h: AllDoors, channel: string): { filename: string | undefined; text: string }[] {
  const shared = h.slack.fake
    .callsTo('files.completeUploadExternal')
    .filter((c) => c.body.channel_id === channel && c.status === 200);
  const ids = shared.flatMap((c) => (c.body.files as { id: string }[]).map((f) => f.id));
  return ids.map((id) => {
    const upload = h.slack.fake.uploads.find((u) => u.fileId === id);
    return { filename: upload?.filename, text: upload?.bytes.toString('utf8') ?? '' };
  });
}

/** Messages the fake Discord accepted in a channel. */
function discordPosts(h: AllDoors, channelId: string) {
  return h.discord.fake.requests.filter(
    (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200,
  );
}

const titles = (messages: readonly Outgoing[]) => messages.map((m) => [m.to.kind, m.reply.title]);

describe('reminders through the Slack and Discord doors', () => {
  it("sends the seminar's J-7 reminder once to every door at 2026-11-19 09:00 Paris time, even after a restart", async () => {
    const h = await start('2026-11-19T08:00:00Z'); // 09:00 in Paris (CET, UTC+1)
    expect(h.config.doors.channels.slack).toMatchObject({
      delegatesChannel: SLACK.delegates,
      secretariatChannel: SLACK.secretariat,
    });
    expect(h.hub.doors().map((d) => d.name)).toEqual(['console', 'slack', 'discord']);
    const { delegatesChannelId, secretariatChannelId } = h.discord.fake;
    const title = `Rappel : ${SEMINAR} dans 7 jours`;

    const report = await h.hub.reminders.start();
    expect(report).toMatchObject({ sent: [{ id: J7, deferred: false }], missed: [], failed: [] });

    // Slack: one message in each channel of the seminar's `to`, each with the .ics shared to that channel.
    for (const channel of [SLACK.delegates, SLACK.secretariat]) {
      const [post, ...more] = slackPosts(h, channel);
      expect(more).toEqual([]);
      expect(messageText(post!.body)).toContain(title);
      expect(messageText(post!.body)).toContain('jeudi 26 novembre 2026');
      const files = slackFiles(h, channel);
      expect(files.map((f) => f.filename)).toEqual(['seminaire-2026.ics']);
      expect(files[0]!.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    }
    expect(h.slack.fake.callsTo('chat.postMessage')).toHaveLength(2);

    // Discord: one message in each channel, the .ics as a file, no mention possible.
    for (const channelId of [delegatesChannelId, secretariatChannelId]) {
      const [post, ...more] = discordPosts(h, channelId);
      expect(more).toEqual([]);
      expectValidMessage(post!.body);
      expect(bodyText(post!.body)).toContain(title);
      expect(post!.body.allowed_mentions.parse).toEqual([]);
      expect(post!.files.map((f) => f.filename)).toEqual(['seminaire-2026.ics']);
      expect(post!.files[0]!.data.toString('utf8')).toContain('DTSTART;VALUE=DATE:20261126');
    }

    // The recorder door: delegates, then secretariat.
    expect(titles(h.recorded)).toEqual([
      ['delegates', title],
      ['secretariat', title],
    ]);
    expect(await h.hub.reminders.state(J7)).toMatchObject({
      status: 'sent',
      delivered: expect.arrayContaining(['console', 'slack', 'discord']),
    });

    // A second tick a minute later, then a restarted scheduler on the same store: nothing more anywhere.
    h.clock.set('2026-11-19T08:01:00Z');
    expect((await h.hub.reminders.tick()).sent).toEqual([]);
    await h.hub.reminders.stop();
    const again = h.restart();
    h.clock.set('2026-11-19T08:02:00Z');
    expect(await again.reminders.start()).toMatchObject({ sent: [], missed: [], failed: [] });
    h.clock.set('2026-11-19T08:03:00Z');
    expect((await again.reminders.tick()).sent).toEqual([]);

    expect(h.slack.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(h.slack.fake.callsTo('files.completeUploadExternal')).toHaveLength(2);
    expect(discordPosts(h, delegatesChannelId)).toHaveLength(1);
    expect(discordPosts(h, secretariatChannelId)).toHaveLength(1);
    expect(h.recorded).toHaveLength(2);
  });

  it("each door's deliver() throws when its platform fails and resolves false for a delegate it cannot reach", async () => {
    const h = await start('2026-12-01T10:00:00Z');
    const note = (to: Outgoing['to']): Outgoing => ({ to, reply: reply('Rappel', [text('Séance mardi.')]) });
    const payen = { kind: 'delegate', id: 'payen' } as const;

    h.slack.fake.failNext('chat.postMessage', 1, 500);
    await expect(h.slack.door.deliver(note({ kind: 'delegates' }))).rejects.toThrow('Slack a répondu HTTP 500');
    h.discord.fake.failNext(/^POST \/channels\/\d+\/messages$/, 1, 500);
    await expect(h.discord.door.deliver(note({ kind: 'delegates' }))).rejects.toThrow('Discord a répondu HTTP 500');

    // No platform id (Mme LHOMME), a deactivated Slack account, closed Discord DMs: unreachable, not a failure.
    expect(await h.slack.door.deliver(note({ kind: 'delegate', id: 'lhomme' }))).toBe(false);
    expect(await h.discord.door.deliver(note({ kind: 'delegate', id: 'lhomme' }))).toBe(false);
    h.slack.fake.failNext('conversations.open', 1, 'user_disabled');
    expect(await h.slack.door.deliver(note(payen))).toBe(false);
    h.discord.fake.failNext(/^POST \/channels\/\d+\/messages$/, 1, 403, {
      message: 'Cannot send messages to this user',
      code: 50007,
    });
    expect(await h.discord.door.deliver(note(payen))).toBe(false);

    // Both recover.
    expect(await h.slack.door.deliver(note(payen))).toBe(true);
    expect(await h.discord.door.deliver(note(payen))).toBe(true);
  });

  it('retries a Discord 500 alone, then records the failure; Slack delivers', async () => {
    const h = await start('2026-11-12T08:00:00Z'); // the seminar's J-14, 09:00 in Paris
    const { delegatesChannelId, secretariatChannelId } = h.discord.fake;
    const title = `Rappel : ${SEMINAR} dans 14 jours`;
    const tries = DEFAULT_RETRY_DELAYS_MS.length + 1;
    h.discord.fake.failNext(new RegExp(`^POST /channels/${delegatesChannelId}/messages$`), tries, 500);

    expect(await h.hub.reminders.start()).toMatchObject({ sent: [], failed: ['seminaire:2026-11-26:J-14'] });
    expect(h.sleeps).toEqual([...DEFAULT_RETRY_DELAYS_MS]);
    expect((await h.hub.reminders.state('seminaire:2026-11-26:J-14'))?.detail).toContain(
      `discord : Discord a répondu HTTP 500 (${tries} tentatives)`,
    );
    const tried = h.discord.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${delegatesChannelId}/messages`,
    );
    expect(tried.map((r) => r.status)).toEqual(Array(tries).fill(500));
    expect(discordPosts(h, secretariatChannelId).map((r) => bodyText(r.body))).toEqual([
      expect.stringContaining(title),
      expect.stringContaining(NOTICE),
    ]);
    expect(slackPosts(h, SLACK.delegates).map((c) => messageText(c.body))).toEqual([expect.stringContaining(title)]);
    expect(slackPosts(h, SLACK.secretariat).map((c) => messageText(c.body))).toEqual([
      expect.stringContaining(title),
      expect.stringContaining(NOTICE),
    ]);
    expect(titles(h.recorded)).toEqual([
      ['delegates', title],
      ['secretariat', title],
      ['secretariat', NOTICE],
    ]);
  });

  it('retries a Slack 500 with back-off, then records the failure, which /rappels shows; the other doors deliver', async () => {
    const h = await start('2026-11-25T08:00:00Z'); // the seminar's J-1, 09:00 in Paris
    const { delegatesChannelId, secretariatChannelId } = h.discord.fake;
    const title = `Rappel : ${SEMINAR} demain`;
    const tries = DEFAULT_RETRY_DELAYS_MS.length + 1;
    // Slack answers 500 to every try for the first recipient (the delegates), then recovers.
    h.slack.fake.failNext('chat.postMessage', tries, 500);

    const report = await h.hub.reminders.start();
    expect(report).toMatchObject({ sent: [], failed: [J1] });
    expect(h.sleeps).toEqual([...DEFAULT_RETRY_DELAYS_MS]);
    const state = await h.hub.reminders.state(J1);
    expect(state).toMatchObject({ status: 'failed' });
    expect(state?.detail).toContain(`slack : Slack a répondu HTTP 500 (${tries} tentatives)`);

    // Slack: every try for the delegates failed (no file after a failed text); the secretariat got the
    // reminder, then the notice of the failure.
    expect(slackPosts(h, SLACK.delegates, 500)).toHaveLength(tries);
    expect(slackPosts(h, SLACK.delegates)).toEqual([]);
    expect(slackFiles(h, SLACK.delegates)).toEqual([]);
    expect(slackPosts(h, SLACK.secretariat).map((c) => messageText(c.body))).toEqual([
      expect.stringContaining(title),
      expect.stringContaining(NOTICE),
    ]);
    expect(slackFiles(h, SLACK.secretariat).map((f) => f.filename)).toEqual(['seminaire-2026.ics']);

    // Discord and the recorder delivered at the first try (only the failing door is tried again).
    expect(discordPosts(h, delegatesChannelId).map((r) => bodyText(r.body))).toEqual([expect.stringContaining(title)]);
    expect(discordPosts(h, secretariatChannelId).map((r) => bodyText(r.body))).toEqual([
      expect.stringContaining(title),
      expect.stringContaining(NOTICE),
    ]);
    expect(titles(h.recorded)).toEqual([
      ['delegates', title],
      ['secretariat', title],
      ['secretariat', NOTICE],
    ]);
    expect(bodyText(discordPosts(h, secretariatChannelId)[1]!.body)).toContain('Slack a répondu HTTP 500');

    // /rappels, asked on Slack by the secretariat, lists the failure.
    const res = await postSlashCommand(h.slack.url, SIGNING_SECRET, {
      command: '/rappels',
      text: '',
      user_id: USERS.secretary,
      channel_id: SLACK.secretariat,
      response_url: h.slack.fake.responseUrl('rappels'),
    });
    const listed = messageText(await commandAnswer(h.slack.fake, res, 'rappels'));
    expect(listed).toContain('Manqués ou non remis');
    expect(listed).toMatch(
      /Séminaire annuel de Somme Numérique du jeudi 26 novembre 2026 \(J-1\) \(pour les délégués et le secrétariat\) : échec de remise/,
    );
    expect(listed).toContain(`Slack a répondu HTTP 500 (${tries} tentatives)`);

    // Slack is back: the next tick a minute later retries Slack alone, for the delegates alone; the problem goes.
    h.clock.set('2026-11-25T08:01:00Z');
    expect(await h.hub.reminders.tick()).toMatchObject({ sent: [{ id: J1 }], failed: [] });
    expect(slackPosts(h, SLACK.delegates).map((c) => messageText(c.body))).toEqual([expect.stringContaining(title)]);
    expect(slackPosts(h, SLACK.secretariat)).toHaveLength(2);
    expect(discordPosts(h, delegatesChannelId)).toHaveLength(1);
    expect(titles(h.recorded)).toEqual([
      ['delegates', title],
      ['secretariat', title],
      ['secretariat', NOTICE],
    ]);
    expect(await h.hub.reminders.state(J1)).toMatchObject({
      status: 'sent',
      delivered: expect.arrayContaining(['console', 'slack', 'discord']),
    });
    expect(await h.hub.reminders.problems()).toEqual([]);
    h.clock.set('2026-11-25T08:05:00Z');
    expect(await h.hub.reminders.tick()).toMatchObject({ sent: [], failed: [] });
    expect(slackPosts(h, SLACK.delegates)).toHaveLength(1);
  });

  it("delivers a session's convocation with its .ics: a file upload on Slack, a file on the Discord message", async () => {
    const h = await start('2026-12-01T10:00:00Z');
    const planned = await h.hub.dispatcher.runLine(
      '/seance planifier 2026-12-15 17:30 Salle de réunion de Somme Numérique, Amiens',
      secretaryActor,
    );
    expect(planned.tone).toBe('success');
    const convocation = (await h.hub.reminders.upcoming(50)).find(
      (r) => r.origin === 'convocation' && r.sessionId === '2026-12-15',
    );
    // The delegates' channel, then each delegate in office by direct message (with the answer buttons).
    expect(convocation?.to[0]).toEqual({ kind: 'delegates' });
    expect(convocation?.to.slice(1).every((t) => t.kind === 'delegate')).toBe(true);
    const ics = convocation!.message.attachments?.[0];
    expect(ics?.filename).toMatch(/\.ics$/);

    h.clock.set(new Date(convocation!.dueMs));
    expect(await h.hub.reminders.tick()).toMatchObject({
      sent: [{ id: convocation!.id, deferred: false }],
      failed: [],
    });

    // Slack: the convocation in the delegates channel, then its .ics uploaded there.
    const [post, ...more] = slackPosts(h, SLACK.delegates);
    expect(more).toEqual([]);
    expect(messageText(post!.body)).toContain(convocation!.message.title);
    expect(messageText(post!.body)).toContain('Mesdames et Messieurs les délégués sont convoqués');
    const files = slackFiles(h, SLACK.delegates);
    expect(files.map((f) => f.filename)).toEqual([ics!.filename]);
    expect(files[0]!.text).toContain('DTSTART;TZID=Europe/Paris:20261215T173000');
    expect(
      h.slack.fake
        .callsTo('chat.postMessage')
        .map((c) => c.body.channel)
        .filter((c) => !String(c).startsWith('D')),
    ).toEqual([SLACK.delegates]);

    // Discord: the convocation in the delegates channel with the .ics as a multipart file, no mention possible.
    const [message, ...others] = discordPosts(h, h.discord.fake.delegatesChannelId);
    expect(others).toEqual([]);
    expectValidMessage(message!.body);
    expect(bodyText(message!.body)).toContain(convocation!.message.title);
    expect(message!.body.allowed_mentions.parse).toEqual([]);
    expect(message!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(message!.files.map((f) => f.filename)).toEqual([ics!.filename]);
    expect(discordPosts(h, h.discord.fake.secretariatChannelId)).toEqual([]);

    // Every door got the same file, byte for byte (DTSTAMP is the tick's instant).
    expect(titles(h.recorded.filter((m) => m.to.kind === 'delegates'))).toEqual([
      ['delegates', convocation!.message.title],
    ]);
    const sent = h.recorded[0]!.reply.attachments![0]!;
    expect(sent.content).toContain('DTSTART;TZID=Europe/Paris:20261215T173000');
    expect(message!.files[0]!.data.toString('utf8')).toBe(sent.content);
    expect(files[0]!.text).toBe(sent.content);
  });
});
