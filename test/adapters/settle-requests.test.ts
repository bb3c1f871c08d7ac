/**
 * @module A proxy request is posted in both secretariat channels (Slack and Discord, one bot behind both real doors,
 * against the fakes); however it is decided — slash command, DM, the other door's button, the delegate withdrawing —
 * every copy is updated with the outcome and loses its buttons, and the clicked copy is not updated twice.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/adapters/console/console-adapter.ts';
import {
  blockActionPayload,
  closeSlackAgent,
  commandAnswer,
  postInteraction,
  postSlashCommand,
  type ApiCall,
} from '../helpers/fake-slack.ts';
import type { RecordedRequest } from '../helpers/fake-discord.ts';
import { startAllDoors, type AllDoors } from './all-doors.ts';
import { bodyText, expectValidMessage, IDS } from './discord/harness.ts';
import { blockKitViolations, messageText } from './slack/block-kit-limits.ts';
import { BOT_USER, SECRETARIAT, secretaryActor, SIGNING_SECRET, USERS } from './slack/slack-harness.ts';

const SECRETARY = 'Secrétariat de Somme Numérique';

let h: AllDoors;
beforeAll(async () => {
  h = await startAllDoors('2026-11-29T10:00:00Z');
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

let n = 0;
/** A signed slash command on Slack; resolves once Bolt's listener finished (outbox delivered, requests settled). */
async function slackCommand(user: string, line: string): Promise<string> {
  const [command = '', ...rest] = line.split(' ');
  const id = `settle${++n}`;
  const res = await postSlashCommand(h.slack.url, SIGNING_SECRET, {
    command,
    text: rest.join(' '),
    user_id: user,
    channel_id: 'C0GENERAL',
    response_url: h.slack.fake.responseUrl(id),
  });
  return messageText(await commandAnswer(h.slack.fake, res, id));
}

async function plan(date: string): Promise<void> {
  const r = await h.hub.dispatcher.runLine(`/seance planifier ${date} 17:30 Amiens`, secretaryActor);
  expect(r.tone).toBe('success');
}

interface Posted {
  readonly key: string;
  readonly slack: { channel: string; ts: string };
  readonly discord: { channelId: string; messageId: string };
  readonly discordPost: RecordedRequest;
}

/** ROY declares her proxy to PARSIS by Slack slash command: the request reaches both secretariat channels. */
async function declareOnSlack(date: string): Promise<Posted> {
  const key = `proxy:${date}:roy`;
  const requestsBefore = h.discord.fake.requests.length;
  expect(await slackCommand(USERS.roy, `/pouvoir donner ROY PARSIS ${date}`)).toContain(
    'Pouvoir déclaré, en attente de confirmation',
  );

  const [slack, ...moreSlack] = (await h.store.get<{ channel: string; ts: string }[]>(`slack:open:${key}`)) ?? [];
  expect(moreSlack).toEqual([]);
  expect(slack).toMatchObject({ channel: SECRETARIAT });
  const [discord, ...moreDiscord] =
    (await h.store.get<{ channelId: string; messageId: string }[]>(`discord:open:${key}`)) ?? [];
  expect(moreDiscord).toEqual([]);
  expect(discord).toMatchObject({ channelId: h.discord.fake.secretariatChannelId });

  const discordPost = h.discord.fake.requests
    .slice(requestsBefore)
    .find((r) => r.method === 'POST' && r.path === `/channels/${h.discord.fake.secretariatChannelId}/messages`)!;
  expect(discordPost.body.components.flatMap((row: any) => row.components).map((b: any) => b.label)).toEqual([
    'Confirmer',
    'Refuser',
  ]);
  return { key, slack: slack!, discord: discord!, discordPost };
}

const slackUpdates = (ts: string, from = 0) =>
  h.slack.fake
    .callsTo('chat.update')
    .slice(from)
    .filter((c) => c.body.channel === SECRETARIAT && c.body.ts === ts);
const discordEdits = (p: Posted, from = 0) =>
  h.discord.fake.requests
    .slice(from)
    .filter(
      (r) => r.method === 'PATCH' && r.path === `/channels/${p.discord.channelId}/messages/${p.discord.messageId}`,
    );
const hasActions = (call: ApiCall) => (call.body.blocks as { type: string }[]).some((b) => b.type === 'actions');

/** Both copies show the request and `outcome`, without buttons, and neither door remembers the key any more. */
async function expectSettled(p: Posted, outcome: string, from: { slack: number; discord: number }): Promise<void> {
  const [update, ...moreUpdates] = slackUpdates(p.slack.ts, from.slack);
  expect(moreUpdates).toEqual([]);
  expect(hasActions(update!)).toBe(false);
  expect(blockKitViolations(update!.body)).toEqual([]);
  expect(messageText(update!.body)).toContain('Mme ROY déclare donner pouvoir à M. PARSIS');
  expect(messageText(update!.body)).toContain(outcome);

  const [edit, ...moreEdits] = discordEdits(p, from.discord);
  expect(moreEdits).toEqual([]);
  expect(edit!.status).toBe(200);
  expect(edit!.body.components).toEqual([]);
  expectValidMessage(edit!.body);
  expect(bodyText(edit!.body)).toContain('Mme ROY déclare donner pouvoir à M. PARSIS');
  expect(bodyText(edit!.body)).toContain(outcome);
  expect(edit!.body.allowed_mentions.parse).toEqual([]);

  expect(await h.store.get(`slack:open:${p.key}`)).toBeUndefined();
  expect(await h.store.get(`discord:open:${p.key}`)).toBeUndefined();
}

const mark = () => ({ slack: h.slack.fake.callsTo('chat.update').length, discord: h.discord.fake.requests.length });

describe('a proxy request settled anywhere updates every copy', () => {
  it("confirmed by the secretary's /pouvoir confirmer on Slack: the Slack copy is updated (chat.update), the Discord copy edited", async () => {
    await plan('2026-12-14');
    const p = await declareOnSlack('2026-12-14');
    expect(p.key).toBe('proxy:2026-12-14:roy');
    const before = mark();
    expect(await slackCommand(USERS.secretary, '/pouvoir confirmer ROY 2026-12-14')).toContain('Pouvoir confirmé');
    await expectSettled(p, `Confirmé par ${SECRETARY}`, before);
  });

  it('withdrawn by the delegate (/pouvoir retirer on Slack): both copies say « Retiré par Mme ROY »', async () => {
    await plan('2026-12-15');
    const p = await declareOnSlack('2026-12-15');
    const before = mark();
    expect(await slackCommand(USERS.roy, '/pouvoir retirer ROY 2026-12-15')).toContain('Pouvoir retiré');
    await expectSettled(p, 'Retiré par Mme ROY', before);
  });

  it('confirmed by a DM to the bot on Discord (« confirmer ROY »): the Slack copy is updated too', async () => {
    await plan('2026-12-16');
    const p = await declareOnSlack('2026-12-16');
    const before = mark();
    const dm = h.discord.fake.sendMessage({ content: 'confirmer ROY 2026-12-16', authorId: IDS.SECRETARIAT, dm: true });
    const answer = await h.discord.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`,
    );
    expect(answer.body.embeds[0].title).toBe('Pouvoir confirmé');
    await h.discord.door.idle();
    await expectSettled(p, `Confirmé par ${SECRETARY}`, before);
  });

  it('refused by the Discord button: the clicked message is updated once by the click, the Slack copy by the settlement', async () => {
    await plan('2026-12-17');
    const p = await declareOnSlack('2026-12-17');
    const before = mark();
    const refuse = p.discordPost.body.components[0].components[1].custom_id as string;
    const message = { ...p.discordPost.body, id: p.discord.messageId, channel_id: p.discord.channelId };
    h.discord.fake.sendButton({ customId: refuse, userId: IDS.SECRETARIAT, message });
    const callback = await h.discord.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path.endsWith('/callback') && r.body?.type === 7,
    );
    await h.discord.door.idle();
    expect(callback.body.data.components).toEqual([]);
    expect(bodyText(callback.body.data)).toContain(`refusé par ${SECRETARY}`);
    expect(discordEdits(p, before.discord)).toEqual([]); // the click's update is the only one

    const [update, ...more] = slackUpdates(p.slack.ts, before.slack);
    expect(more).toEqual([]);
    expect(hasActions(update!)).toBe(false);
    expect(messageText(update!.body)).toContain(`Refusé par ${SECRETARY}`);
    expect(await h.store.get(`slack:open:${p.key}`)).toBeUndefined();
    expect(await h.store.get(`discord:open:${p.key}`)).toBeUndefined();
  });

  it('confirmed by the Slack button: the clicked message is updated once, the Discord copy edited', async () => {
    await plan('2026-12-18');
    const p = await declareOnSlack('2026-12-18');
    const request = h.slack.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === SECRETARIAT)
      .at(-1)!;
    const confirm = (request.body.blocks as any[]).find((b) => b.type === 'actions').elements[0];
    const before = mark();
    await postInteraction(
      h.slack.url,
      SIGNING_SECRET,
      blockActionPayload({
        action_id: confirm.action_id,
        value: confirm.value,
        user_id: USERS.secretary,
        channel_id: SECRETARIAT,
        message_ts: p.slack.ts,
        message_blocks: request.body.blocks as unknown[],
        message_user: BOT_USER,
        response_url: h.slack.fake.responseUrl('click'),
      }),
    );
    const [update, ...more] = slackUpdates(p.slack.ts, before.slack);
    expect(more).toEqual([]); // the click's own update (with who decided), not a second one from the settlement
    expect(messageText(update!.body)).toContain('Décision : Secrétariat de Somme Numérique');
    const [edit, ...moreEdits] = discordEdits(p, before.discord);
    expect(moreEdits).toEqual([]);
    expect(edit!.body.components).toEqual([]);
    expect(bodyText(edit!.body)).toContain(`Confirmé par ${SECRETARY}`);
  });

  it('refused from the console: both copies say « Refusé par … »', async () => {
    await plan('2026-12-22');
    const p = await declareOnSlack('2026-12-22');
    const before = mark();
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c) => {
      shown += c.toString();
    });
    const terminal = createConsoleAdapter({
      host: h.hub.hostFor('console'),
      input,
      output,
      actor: { ...secretaryActor, door: 'console' },
      interactive: false,
    });
    input.end('/pouvoir refuser ROY 2026-12-22\n');
    await terminal.finished;
    expect(shown).toContain('Pouvoir refusé');
    await expectSettled(p, `Refusé par ${secretaryActor.name}`, before);
  });

  it("logs a failed update and still answers the secretary; the other door's copy is updated", async () => {
    await plan('2026-12-21');
    const p = await declareOnSlack('2026-12-21');
    const before = mark();
    h.discord.fake.failNext(/^PATCH \/channels\/\d+\/messages\/\d+$/, 1, 500);
    expect(await slackCommand(USERS.secretary, '/pouvoir confirmer ROY 2026-12-21')).toContain('Pouvoir confirmé');
    expect(discordEdits(p, before.discord).map((r) => r.status)).toEqual([500]);
    expect(h.logs.some((l) => l.msg === 'discord: could not edit a settled request' && l.data?.key === p.key)).toBe(
      true,
    );
    const [update] = slackUpdates(p.slack.ts, before.slack);
    expect(messageText(update!.body)).toContain(`Confirmé par ${SECRETARY}`);
    // A later settlement of the same key finds nothing to update.
    const after = mark();
    expect(await slackCommand(USERS.roy, '/pouvoir retirer ROY 2026-12-21')).toContain('Pouvoir retiré');
    expect(slackUpdates(p.slack.ts, after.slack)).toEqual([]);
    expect(discordEdits(p, after.discord)).toEqual([]);
  });
});
