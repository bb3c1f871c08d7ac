/** The door stays up: malformed gateway payloads, lost connections; and a refused token is a clear start error. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Events } from 'discord.js';
import { startDiscordDoor } from '../../../src/adapters/discord/discord-door.ts';
import { startFakeDiscord } from '../../helpers/fake-discord.ts';
import { createTestBot } from '../../helpers/test-bot.ts';
import { IDS, sampleYaml, startHarness, testEnv, testOptions, testSettings, TOKEN, type Harness } from './harness.ts';
import { parseDoorSettings } from '../../../src/app/settings.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Discord door resilience', () => {
  it('survives a malformed INTERACTION_CREATE: logged and skipped, the next command still answered', async () => {
    const others = process.listeners('unhandledRejection');
    h = await startHarness();
    const sent = h.fake.sendCommand({ name: 'seances', userId: IDS.PAYEN });
    await h.answer(sent);

    // Without `entitlements` discord.js throws inside its gateway handler: an unhandled rejection. vitest
    // reports those as failures, so only the door's guard listens while the payload goes through.
    const { entitlements: _dropped, ...malformed } = sent.payload;
    for (const l of others) process.off('unhandledRejection', l);
    try {
      h.fake.sendRaw('INTERACTION_CREATE', { ...malformed, id: '1', token: 'malformed' });
      await expect.poll(() => h!.bot.logs.some((l) => l.msg.startsWith('unhandled rejection'))).toBe(true);
    } finally {
      for (const l of others) process.on('unhandledRejection', l);
    }
    h.fake.sendRaw('INTERACTION_CREATE', { unexpected: true });
    const next = h.fake.sendCommand({ name: 'quorum', options: { séance: '2024-10-07' }, userId: IDS.PAYEN });
    expect((await h.answer(next)).message.embeds[0].title).toBe('Quorum atteint');
    expect(h.door.client.isReady()).toBe(true);
  });

  it('removes its process guard when it stops', async () => {
    const before = process.listenerCount('unhandledRejection');
    h = await startHarness();
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    await h.close();
    h = undefined;
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });

  it('resumes after a lost gateway connection and keeps answering', async () => {
    h = await startHarness();
    const resumed = new Promise<void>((resolve) => h!.door.client.once(Events.ShardResume, () => resolve()));
    await h.fake.dropConnection(4000);
    await resumed;
    const sent = h.fake.sendCommand({ name: 'seances', userId: IDS.PAYEN });
    expect((await h.answer(sent)).callback.body.type).toBe(4);
    expect(h.bot.logs.some((l) => l.msg === 'discord gateway resumed')).toBe(true);
  });

  it('identifies again after a closed session and keeps answering', async () => {
    h = await startHarness();
    const ready = new Promise<void>((resolve) => h!.door.client.once(Events.ShardReady, () => resolve()));
    await h.fake.dropConnection(1000);
    await ready;
    expect(h.fake.identifies).toBe(2);
    const sent = h.fake.sendCommand({ name: 'seances', userId: IDS.PAYEN });
    expect((await h.answer(sent)).callback.body.type).toBe(4);
  });

  it('rejects with a clear error when Discord refuses the token, without the token in the error or the logs', async () => {
    const fake = await startFakeDiscord({ rejectToken: true });
    const bot = await createTestBot({ yaml: sampleYaml(fake) });
    const before = process.listenerCount('unhandledRejection');
    try {
      const start = startDiscordDoor(bot.hub.hostFor('discord'), testSettings(fake, bot.config), testOptions);
      await expect(start).rejects.toMatchObject({
        code: 'discord.token-refused',
        message: expect.stringContaining('Discord a refusé le jeton du bot'),
      });
      const err = await start.catch((e: Error) => e);
      expect(String(err)).not.toContain(TOKEN);
      expect(JSON.stringify(bot.logs)).not.toContain(TOKEN);
      expect(bot.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'discord door could not start' }));
      expect(process.listenerCount('unhandledRejection')).toBe(before);
    } finally {
      await bot.close();
      await fake.close();
    }
  });

  it('refuses one variable of the pair, naming the missing one and not the token', async () => {
    const bot = await createTestBot();
    try {
      expect(() => parseDoorSettings({ DISCORD_TOKEN: TOKEN }, bot.config)).toThrow(/DISCORD_APPLICATION_ID manque/);
      expect(() => parseDoorSettings({ DISCORD_APPLICATION_ID: '1234' }, bot.config)).toThrow(/DISCORD_TOKEN manque/);
      expect(() => parseDoorSettings({ DISCORD_TOKEN: TOKEN }, bot.config)).not.toThrow(TOKEN);
    } finally {
      await bot.close();
    }
  });
});

describe('npm start with a refused Discord token', () => {
  it('exits with a non-zero status and a clear log line, without the token', async () => {
    const fake = await startFakeDiscord({ rejectToken: true });
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          ...process.env,
          ...testEnv(fake),
          SEANCE_STORE: 'memory:',
          SLACK_BOT_TOKEN: '',
          SLACK_SIGNING_SECRET: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).not.toBe(0);
      expect(output).toContain('Discord a refusé le jeton du bot');
      expect(output).not.toContain(TOKEN);
    } finally {
      await fake.close();
    }
  }, 30_000);
});
