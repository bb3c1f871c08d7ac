/** Command registration against the fake Discord: the captured PUT body is exactly the generated commands. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, inviteUrl } from '../../../src/adapters/discord/invite.ts';
import { buildCommands } from '../../../src/adapters/discord/commands.ts';
import { registerCommands, registerFromEnv } from '../../../src/adapters/discord/register.ts';
import { commands } from '../../../src/commands/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.ts';
import { TOKEN } from './harness.ts';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Discord command registration', () => {
  it('registers every declared command globally with one PUT whose body matches the declarations', async () => {
    fake = await startFakeDiscord();
    const result = await registerCommands({
      token: TOKEN,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      commands,
      rest: { retries: 0 },
    });
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(buildCommands(commands))));
    expect(put.body.map((c: { name: string }) => c.name)).toEqual(commands.map((c) => c.name));
    expect(result).toEqual({ scope: 'global', names: commands.map((c) => c.name) });
  });

  it('registers on one server with DISCORD_GUILD_ID, from the environment, and says so in French', async () => {
    fake = await startFakeDiscord();
    const lines: string[] = [];
    const code = await registerFromEnv(
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_API_URL: fake.apiUrl,
      },
      commands,
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(lines[0]).toMatch(new RegExp(`^${commands.length} commandes enregistrées sur le serveur ${fake.guildId}`));
  });

  it('reports a refused token clearly, with a non-zero status and without the token', async () => {
    fake = await startFakeDiscord();
    fake.failNext(/^PUT /, 1, 401, { message: '401: Unauthorized', code: 0 });
    const lines: string[] = [];
    const code = await registerFromEnv(
      { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl },
      commands,
      (l) => lines.push(l),
    );
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('Discord a refusé le jeton du bot');
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('asks for the missing variables', async () => {
    const lines: string[] = [];
    expect(await registerFromEnv({}, commands, (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toContain('DISCORD_TOKEN et DISCORD_APPLICATION_ID sont requis');
  });
});

describe('Discord invite', () => {
  it('asks for the bot and commands scopes and the permission integer the docs give', () => {
    expect(BOT_PERMISSIONS).toBe(2147601408n);
    const url = inviteUrl('123');
    expect(url).toBe(
      'https://discord.com/oauth2/authorize?client_id=123&scope=bot%20applications.commands&permissions=2147601408',
    );
    expect(readFileSync('docs/discord.md', 'utf8')).toContain(url.replace('123', 'APPLICATION_ID'));
    expect(readFileSync('docs/installer-discord.md', 'utf8')).toContain(url.replace('123', 'APPLICATION_ID'));
  });
});
