/** The Discord door end to end: real discord.js against the fake Discord, commands answered through the interaction callback. */
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import type { ArgSpec, Command } from '../../../src/core/command.ts';
import { openStore } from '../../../src/infra/keyv-store.ts';
import type { Store } from '../../../src/core/ports.ts';
import { discordName } from '../../../src/adapters/discord/commands.ts';
import { replyToDiscord } from '../../../src/adapters/discord/embeds.ts';
import { fields, reply, text } from '../../../src/core/reply.ts';
import { parseDoorSettings } from '../../../src/app/settings.ts';
import { startChatDoors } from '../../../src/app/start-doors.ts';
import { startFakeDiscord } from '../../helpers/fake-discord.ts';
import { createTestBot } from '../../helpers/test-bot.ts';
import { slowWrites } from '../../helpers/slow-store.ts';
import {
  bodyText,
  expectValidMessage,
  IDS,
  sampleYaml,
  startHarness,
  testEnv,
  TOKEN,
  type Harness,
} from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A plausible value for each kind of argument, as a user would pick it in Discord. */
function sample(spec: ArgSpec): string | number {
  switch (spec.kind) {
    case 'session':
      return '2024-10-07';
    case 'date':
      return '2026-12-15';
    case 'time':
      return '17:30';
    case 'delegate':
      return 'PAYEN';
    case 'service':
      return 'cyber';
    case 'integer':
      return Math.min(Math.max(spec.min ?? 1, 10), spec.max ?? 10);
    case 'choice':
      return spec.choices?.[0] ?? 'x';
    case 'text':
      return 'Budget primitif 2027';
  }
}

const optionsFor = (target: Command) =>
  Object.fromEntries((target.args ?? []).map((a) => [discordName(a.name), sample(a)]));

/** A store that answers slowly, so that commands reading records take longer than the deferral delay. */
async function slowStore(ms: number): Promise<Store> {
  const inner = await openStore('memory:');
  const wait = () => new Promise((r) => setTimeout(r, ms));
  // Every store operation waits first (the port has more than get/set/delete since the atomic store).
  return new Proxy(inner, {
    get(target, prop) {
      const v = Reflect.get(target, prop) as unknown;
      if (typeof v !== 'function' || prop === 'close' || prop === 'forBody') return v;
      return async (...args: unknown[]) => {
        await wait();
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the Discord door', () => {
  it('logs in with the minimum intents and no privileged one', async () => {
    h = await startHarness();
    expect(h.fake.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages);
    expect(h.fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
  });

  it('is started by start-doors when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set', async () => {
    const fake = await startFakeDiscord();
    const bot = await createTestBot({ yaml: sampleYaml(fake) });
    try {
      const env = testEnv(fake);
      const plan = parseDoorSettings(env, bot.config);
      expect(plan).toMatchObject({
        slack: undefined,
        discord: { token: TOKEN, applicationId: fake.applicationId },
        console: false,
      });
      const [door] = await startChatDoors(bot.hub, plan);
      expect(door?.name).toBe('discord');
      expect(bot.hub.doors()).toContain(door);
      const { id, token } = fake.sendCommand({ name: 'seances', userId: IDS.PAYEN });
      await fake.waitForRequest((r) => r.path === `/interactions/${id}/${token}/callback`);
    } finally {
      await bot.close();
      await fake.close();
    }
  });

  it('answers every declared command through the interaction callback with valid embeds', async () => {
    h = await startHarness();
    const invocations: { cmd: Command; sub?: Command; example: string }[] = [];
    for (const cmd of h.bot.hub.dispatcher.commands) {
      if (cmd.subcommands)
        for (const sub of cmd.subcommands) invocations.push({ cmd, sub, example: `/${cmd.name} ${sub.name}` });
      else invocations.push({ cmd, example: `/${cmd.name}` });
    }
    expect(invocations.length).toBeGreaterThanOrEqual(15);
    for (const { cmd, sub, example } of invocations) {
      const sent = h.fake.sendCommand({
        name: discordName(cmd.name),
        ...(sub ? { subcommand: discordName(sub.name) } : {}),
        options: optionsFor(sub ?? cmd),
        userId: IDS.SECRETARIAT,
      });
      const { callback, message } = await h.answer(sent);
      expect([4, 5], example).toContain(callback.body.type);
      expect(message.embeds?.length, example).toBeGreaterThan(0);
      expectValidMessage(message);
      expect(message.allowed_mentions, example).toEqual({ parse: [], replied_user: false });
    }
    expect(h.bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('shows the quorum of 7 October 2024: 24 counted, 54 votes, with the session and the rule in the footer', async () => {
    h = await startHarness();
    const sent = h.fake.sendCommand({ name: 'quorum', options: { séance: '2024-10-07' }, userId: IDS.PAYEN });
    const { callback, message } = await h.answer(sent);
    expect(callback.body.type).toBe(4);
    expect(message.flags ?? 0).toBe(0);
    const [embed] = message.embeds;
    expect(embed.title).toBe('Quorum atteint');
    expect(embed.color).toBe(0x57f287);
    expect(embed.fields).toContainEqual(
      expect.objectContaining({ name: 'Comptés pour le quorum', value: '24 délégués' }),
    );
    expect(spaces(bodyText(message))).toContain('54 sur 104');
    expect(message.embeds.at(-1).footer.text).toMatch(
      /Comité syndical du lundi 7 octobre 2024[\s\S]*article 13 du règlement intérieur/,
    );
  });

  it('quotes /devis cyber 10 membre at 540,00 € TTC', async () => {
    h = await startHarness();
    const sent = h.fake.sendCommand({
      name: 'devis',
      options: { service: 'cyber', postes: 10, tarif: 'membre' },
      userId: IDS.MAIRIE,
    });
    const { message } = await h.answer(sent);
    expectValidMessage(message);
    expect(spaces(bodyText(message))).toContain('540,00 € TTC');
  });

  it('answers errors ephemerally, in French', async () => {
    h = await startHarness();
    const sent = h.fake.sendCommand({ name: 'journal', options: { séance: '2024-10-07' }, userId: IDS.STRANGER });
    const { message } = await h.answer(sent);
    expect(message.flags).toBe(64);
    expect(message.embeds[0].title).toBe('Accès refusé');
    expect(bodyText(message)).toContain('réservée à');
  });

  it('maps Discord users to delegates: an unmapped user reads but cannot change anything', async () => {
    h = await startHarness();
    const sent = h.fake.sendCommand({
      name: 'presence',
      options: { délégué: 'PAYEN', statut: 'distance' },
      userId: IDS.STRANGER,
    });
    const { message } = await h.answer(sent);
    expect(message.flags).toBe(64);
    expect(bodyText(message)).toMatch(/consulter, pas modifier/);
    const read = h.fake.sendCommand({ name: 'seances', userId: IDS.STRANGER });
    expect((await h.answer(read)).message.flags ?? 0).toBe(0);
  });

  it('attaches the /pv Word document as a file when the reply has one', async () => {
    h = await startHarness();
    const reply = await h.bot.hub.dispatcher.runLine('/pv 2024-10-07', { name: 'x', role: 'secretary', door: 'test' });
    const sent = h.fake.sendCommand({ name: 'pv', options: { séance: '2024-10-07' }, userId: IDS.SECRETARIAT });
    const { callback, message } = await h.answer(sent);
    expectValidMessage(message);
    expect(callback.files.map((f) => f.filename)).toEqual((reply.attachments ?? []).map((a) => a.filename));
  });

  it('defers the answer when the command takes longer than the deferral delay, then edits it', async () => {
    h = await startHarness({ door: { deferAfterMs: 5 }, bot: { store: await slowStore(20) } });
    const sent = h.fake.sendCommand({ name: 'quorum', options: { séance: '2024-10-07' }, userId: IDS.PAYEN });
    const { callback, message } = await h.answer(sent);
    expect(callback.body.type).toBe(5);
    expect(message.embeds[0].title).toBe('Quorum atteint');
    expectValidMessage(message);
  });

  it('defers a slow change, and answers it once the change is stored (issue 17: acknowledge what is stored)', async () => {
    h = await startHarness({ door: { deferAfterMs: 5 }, bot: { store: slowWrites(await openStore('memory:'), 50) } });
    const sent = h.fake.sendCommand({
      name: 'rappel',
      subcommand: 'ajouter',
      options: { date: '2026-12-10', heure: '09:00', cible: 'secretariat', texte: 'Relancer les pouvoirs' },
      userId: IDS.SECRETARIAT,
    });
    const { callback, message } = await h.answer(sent);
    expect(callback.body.type).toBe(5); // deferred: Discord shows « réfléchit… », not a result
    expect(JSON.stringify(message)).toContain('Rappel n° 1 programmé');
    // Read the moment the answer arrived: the reminder is already stored.
    expect(await h.bot.say('/rappels')).toContain('Relancer les pouvoirs');
  });

  it('sends a deferred error privately: the public placeholder is deleted and an ephemeral follow-up sent', async () => {
    h = await startHarness({ door: { deferAfterMs: 5 }, bot: { store: await slowStore(20) } });
    // The session is closed (procès-verbal arrêté): the refusal comes after the (slow) records are read.
    const sent = h.fake.sendCommand({
      name: 'pouvoir',
      subcommand: 'confirmer',
      options: { mandant: 'PAYEN', séance: '2024-10-07' },
      userId: IDS.SECRETARIAT,
    });
    await h.fake.waitForRequest((r) => r.method === 'DELETE' && r.path.includes(sent.token));
    const follow = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${h!.fake.applicationId}/${sent.token}`,
    );
    expect(follow.body.flags).toBe(64);
    expect(bodyText(follow.body)).toContain('est levée et son procès-verbal arrêté');
  });

  it('splits a huge answer: the first message in the callback, the rest as follow-ups, all within limits and ephemeral alike', async () => {
    const huge = reply(
      'Très longue réponse',
      [
        ...Array.from({ length: 12 }, (_, i) => text(`Paragraphe ${i} : ${'mot '.repeat(900)}`)),
        fields(Array.from({ length: 60 }, (_, i) => ({ label: `Champ ${i}`, value: 'valeur '.repeat(100) }))),
      ],
      { visibility: 'ephemeral' },
    );
    h = await startHarness({
      wrap: (host) => ({
        ...host,
        run: async (turn) => {
          if (typeof turn.input === 'string' || turn.input.name !== 'long') return host.run(turn);
          await turn.answer(huge);
          return huge;
        },
      }),
    });
    const sent = h.fake.sendCommand({ name: 'long', userId: IDS.PAYEN });
    const { message } = await h.answer(sent);
    const expected = replyToDiscord(huge).length;
    expect(expected).toBeGreaterThan(3);
    await expect
      .poll(() => h!.fake.requests.filter((r) => r.path === `/webhooks/${h!.fake.applicationId}/${sent.token}`).length)
      .toBe(expected - 1);
    const followUps = h.fake.requests.filter((r) => r.path === `/webhooks/${h!.fake.applicationId}/${sent.token}`);
    for (const body of [message, ...followUps.map((r) => r.body)]) {
      expectValidMessage(body);
      expect(body.flags).toBe(64);
      expect(body.allowed_mentions.parse).toEqual([]);
    }
  });

  it('ignores its own messages and other bots in DMs, and never logs the token', async () => {
    h = await startHarness();
    h.fake.sendMessage({ content: '/quorum', authorId: h.fake.botUserId, dm: true, bot: true });
    h.fake.sendMessage({ content: '/quorum', authorId: '388888888888888888', dm: true, bot: true });
    const answered = h.fake.sendMessage({ content: '/seances', authorId: IDS.PAYEN, dm: true });
    await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${answered.channel_id}/messages`);
    await h.door.idle();
    const posts = h.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.message_reference.message_id).toBe(answered.id);
    expect(JSON.stringify(h.bot.logs)).not.toContain(TOKEN);
  });

  it('sends no mention: every message body sets allowed_mentions with parse []', async () => {
    h = await startHarness();
    // A text that would ping everyone if mentions were parsed.
    await h.bot.hub.dispatcher.runLine('/seance planifier 2026-12-15 17:30 @everyone <@&123> salle', {
      name: 'x',
      role: 'secretary',
      door: 'test',
    });
    h.fake.sendMessage({ content: '/odj 2026-12-15 @here', authorId: IDS.PAYEN, dm: true });
    const sent = h.fake.sendCommand({ name: 'seances', userId: IDS.PAYEN });
    await h.answer(sent);
    await h.fake.waitForRequest((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    await h.door.idle();
    const bodies = h.messageBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const b of bodies) expect(b.allowed_mentions?.parse).toEqual([]);
  });
});
