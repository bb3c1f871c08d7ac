/**
 * Proves test/helpers/fake-discord.ts against a bare discord.js Client (no project code involved).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  Partials,
  Routes,
  SlashCommandBuilder,
  type ClientOptions,
  type Interaction,
  type Message,
} from 'discord.js';
import { noIdentifyThrottle, startFakeDiscord, type FakeDiscord } from './fake-discord.ts';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

async function setup(
  clientOptions: Partial<ClientOptions> = {},
  fakeOptions: Parameters<typeof startFakeDiscord>[0] = {},
): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord(fakeOptions);
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...clientOptions,
    rest: { api: fake.apiUrl, retries: 0, timeout: 2000 },
  });
  const ready = new Promise<void>((resolve) => client?.once(Events.ClientReady, () => resolve()));
  await client.login('any-token');
  await ready;
  return { fake, client };
}

function nextInteraction(c: Client): Promise<Interaction> {
  return new Promise((resolve) => c.once(Events.InteractionCreate, resolve));
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

describe('fake Discord with a bare discord.js client', () => {
  it('lets the client log in and reach clientReady with the guild and its channels cached', async () => {
    const { fake, client } = await setup();
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.secretariatChannelId)?.name).toBe('secretariat');
    expect(guild?.members.me?.id).toBe(fake.botUserId);
    expect(fake.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.identifies).toBe(1);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bot any-token');
  });

  it('delivers a slash command with a subcommand and options and captures the embed reply', async () => {
    const { fake, client } = await setup();
    const received = nextInteraction(client);
    const { id } = fake.sendCommand({
      name: 'seance',
      subcommand: 'ouvrir',
      options: { titre: 'AG 2025', quorum: 12 },
      userId: '200000000000000001',
      username: 'alice',
    });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandName).toBe('seance');
    expect(interaction.options.getSubcommand()).toBe('ouvrir');
    expect(interaction.options.getString('titre')).toBe('AG 2025');
    expect(interaction.options.getInteger('quorum')).toBe(12);
    expect(interaction.user.username).toBe('alice');
    expect(interaction.guildId).toBe(fake.guildId);
    expect(interaction.channelId).toBe(fake.secretariatChannelId);
    expect(interaction.locale).toBe('fr');
    expect(interaction.inGuild()).toBe(true);

    await interaction.reply({ embeds: [new EmbedBuilder().setTitle('Séance ouverte')] });
    const callback = await fake.waitForRequest((r) => r.path === `/interactions/${id}/${interaction.token}/callback`);
    expect(callback.method).toBe('POST');
    expect(callback.query.with_response).toBe('false');
    expect(callback.body).toMatchObject({ type: 4, data: { embeds: [{ title: 'Séance ouverte' }] } });
    expect(callback.headers.authorization).toBeUndefined();
  });

  it('refuses a second callback for one interaction, as Discord does (400, code 40060)', async () => {
    const { fake, client } = await setup();
    const received = nextInteraction(client);
    fake.sendCommand({ name: 'quorum', userId: '200000000000000002' });
    const interaction = await received;
    // Two processes answering the same interaction: each has its own discord.js object, so go through REST.
    const callback = Routes.interactionCallback(interaction.id, interaction.token);
    await client.rest.post(callback, { body: { type: 4, data: { content: 'première' } }, auth: false });
    const second = client.rest.post(callback, { body: { type: 4, data: { content: 'seconde' } }, auth: false });
    await expect(second).rejects.toMatchObject({ status: 400, code: 40060 });
  });

  it('captures deferReply then editReply on the original response webhook', async () => {
    const { fake, client } = await setup();
    const received = nextInteraction(client);
    fake.sendCommand({ name: 'pv', userId: '200000000000000002' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    await interaction.deferReply();
    const edited = await interaction.editReply({ content: 'Procès-verbal prêt' });
    expect(edited.content).toBe('Procès-verbal prêt');

    const defer = await fake.waitForRequest((r) => r.path.endsWith('/callback'));
    expect(defer.body).toMatchObject({ type: 5 });
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH');
    expect(edit.path).toBe(`/webhooks/${fake.applicationId}/${interaction.token}/messages/@original`);
    expect(edit.body).toMatchObject({ content: 'Procès-verbal prêt' });
  });

  it('records a file attachment sent as multipart form data', async () => {
    const { fake, client } = await setup();
    const received = nextInteraction(client);
    fake.sendCommand({ name: 'pv', userId: '200000000000000002' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    await interaction.reply({ content: 'Voici le PV', files: [{ attachment: Buffer.from('# PV'), name: 'pv.md' }] });
    const callback = await fake.waitForRequest((r) => r.path.endsWith('/callback'));
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'Voici le PV', attachments: [{ id: '0' }] } });
    expect(callback.files).toHaveLength(1);
    expect(callback.files[0]).toMatchObject({ field: 'files[0]', filename: 'pv.md' });
    expect(callback.files[0]?.data.toString()).toBe('# PV');
  });

  it('returns an interaction callback response when asked with withResponse', async () => {
    const { fake, client } = await setup();
    const received = nextInteraction(client);
    fake.sendCommand({ name: 'pv', userId: '200000000000000002' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    const response = await interaction.reply({ content: 'ok', withResponse: true });
    expect(response.resource?.message?.content).toBe('ok');
    expect(response.interaction.responseMessageId).toBe(response.resource?.message?.id);
    expect((await fake.waitForRequest((r) => r.path.endsWith('/callback'))).query.with_response).toBe('true');
  });

  it('captures an autocomplete respond as a type 8 callback', async () => {
    const { fake, client } = await setup();
    const received = nextInteraction(client);
    fake.sendAutocomplete({
      name: 'vote',
      subcommand: 'ouvrir',
      options: { motion: 'bud', duree: 5 },
      focused: 'motion',
      userId: '200000000000000003',
    });
    const interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'motion', value: 'bud' });

    await interaction.respond([{ name: 'Budget 2025', value: 'budget-2025' }]);
    const callback = await fake.waitForRequest((r) => r.path.endsWith('/callback'));
    expect(callback.body).toEqual({ type: 8, data: { choices: [{ name: 'Budget 2025', value: 'budget-2025' }] } });
  });

  it('captures a button update as a type 7 callback on the message the button is on', async () => {
    const { fake, client } = await setup();
    const channel = client.channels.cache.get(fake.secretariatChannelId);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote:pour').setLabel('Pour').setStyle(ButtonStyle.Success),
    );
    const posted = await channel.send({ content: 'Vote', components: [row] });

    const received = nextInteraction(client);
    fake.sendButton({ customId: 'vote:pour', userId: '200000000000000004', channelId: fake.secretariatChannelId });
    const interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('vote:pour');
    expect(interaction.message.id).toBe(posted.id);

    await interaction.update({ content: 'Vote clos', components: [] });
    const callback = await fake.waitForRequest((r) => r.path.endsWith('/callback'));
    expect(callback.body).toMatchObject({ type: 7, data: { content: 'Vote clos', components: [] } });
  });

  it('delivers a DM to messageCreate with DirectMessages and Partials.Channel and captures the replies', async () => {
    const { fake, client } = await setup({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
    });
    const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    const sent = fake.sendMessage({ content: 'bonjour', authorId: '200000000000000005', dm: true });
    const message = await received;
    expect(message.content).toBe('bonjour');
    expect(message.guildId).toBeNull();
    expect(message.channel.isDMBased()).toBe(true);
    expect(message.channelId).toBe(sent.channel_id);

    const reply = await message.reply('salut');
    expect(reply.content).toBe('salut');
    if (!message.channel.isSendable()) throw new Error('expected a sendable DM channel');
    await message.channel.send('deuxième');
    const posts = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${sent.channel_id}/messages`,
    );
    expect(posts.map((r) => r.body.content)).toEqual(['salut', 'deuxième']);
    expect(posts[0]?.body.message_reference).toMatchObject({ message_id: sent.id });

    // users.send to someone without a cached DM channel opens one through POST /users/@me/channels.
    const other = await client.users.fetch('200000000000000055');
    await other.send('par MP');
    const dm = await fake.waitForRequest((r) => r.path === '/users/@me/channels');
    expect(dm.body).toEqual({ recipient_id: '200000000000000055' });
    const dmPost = await fake.waitForRequest((r) => r.body?.content === 'par MP');
    expect(dmPost.path).toBe(`/channels/${fake.dmChannelFor('200000000000000055').id}/messages`);
  });

  it('applies the message intents like Discord does for guild messages', async () => {
    const { fake, client } = await setup({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const contents: string[] = [];
    client.on(Events.MessageCreate, (m) => contents.push(m.content));

    fake.sendMessage({ content: 'sans mention', authorId: '200000000000000008' });
    fake.sendMessage({ content: `<@${fake.botUserId}> avec mention`, authorId: '200000000000000008' });
    await expect.poll(() => contents).toEqual(['', `<@${fake.botUserId}> avec mention`]);

    // No DirectMessages intent: the DM is never dispatched.
    fake.sendMessage({ content: 'en privé', authorId: '200000000000000008', dm: true });
    expect(fake.undelivered.map((u) => u.d.content)).toEqual(['en privé']);
  });

  it('publishes global and guild commands through the PUT routes', async () => {
    const { fake, client } = await setup();
    const commands = [new SlashCommandBuilder().setName('seance').setDescription('Gérer la séance').toJSON()];
    const global = await client.application?.commands.set(commands);
    expect(global?.first()?.name).toBe('seance');
    const guild = await client.application?.commands.set(commands, fake.guildId);
    expect(guild?.first()?.guildId).toBe(fake.guildId);

    const puts = fake.requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts).toEqual([
      `/applications/${fake.applicationId}/commands`,
      `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    ]);
  });

  it('makes a route fail with failNext and then answers normally again', async () => {
    const { fake, client } = await setup();
    const channel = client.channels.cache.get(fake.delegatesChannelId);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');
    fake.failNext(/^POST \/channels\/\d+\/messages$/, 1, 500);
    await expect(channel.send('un')).rejects.toThrow();
    await expect(channel.send('deux')).resolves.toMatchObject({ content: 'deux' });
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([500, 200]);
  });

  it('survives a malformed INTERACTION_CREATE when the process has an unhandledRejection guard', async () => {
    const { fake, client } = await setup();
    const interactions: Interaction[] = [];
    client.on(Events.InteractionCreate, (i) => interactions.push(i));
    const clientErrors: Error[] = [];
    client.on(Events.Error, (e) => clientErrors.push(e));

    const { payload } = fake.sendCommand({ name: 'ok', userId: '200000000000000006' });
    await expect.poll(() => interactions.length).toBe(1);

    // The same payload without `entitlements`: `new BaseInteraction()` throws (reading 'reduce' of
    // undefined) inside the shard's async dispatch handler. It is not caught by discord.js: no
    // `interactionCreate`, no client `error` event, only an unhandled rejection (the process dies
    // without a handler). The gateway connection stays up.
    const { entitlements: _dropped, ...malformed } = payload;
    const rejections: unknown[] = [];
    const guard = (reason: unknown) => rejections.push(reason);
    // vitest reports unhandled rejections as run errors, so the guard must come first and be the only one.
    const previous = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', guard);
    try {
      fake.sendRaw('INTERACTION_CREATE', { ...malformed, id: '1', token: 'malformed' });
      await expect.poll(() => rejections.length).toBe(1);
    } finally {
      process.off('unhandledRejection', guard);
      for (const listener of previous) process.on('unhandledRejection', listener);
    }
    expect(String(rejections[0])).toMatch(/reduce/);
    expect(clientErrors).toEqual([]);
    expect(interactions).toHaveLength(1);

    // The connection survives: the next well-formed interaction still arrives.
    fake.sendCommand({ name: 'encore', userId: '200000000000000006' });
    await expect.poll(() => interactions.length).toBe(2);
  });

  it('makes login reject with TokenInvalid when the token is rejected', async () => {
    fake = await startFakeDiscord({ rejectToken: true });
    client = new Client({ intents: [], rest: { api: fake.apiUrl, retries: 0, timeout: 2000 } });
    await expect(client.login('bad-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /gateway/bot 401']);
  });

  it('lets the client resume after dropConnection and keeps delivering interactions', async () => {
    const { fake, client } = await setup();
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    await fake.dropConnection();
    await fake.waitForResume();
    await resumed;
    expect(fake.connections).toBe(2);
    expect(fake.identifies).toBe(1);

    const received = nextInteraction(client);
    fake.sendCommand({ name: 'apres', userId: '200000000000000007' });
    expect((await received).isChatInputCommand()).toBe(true);
  });

  it('lets the client identify again after a normal close', async () => {
    const { fake, client } = await setup({ ws: noIdentifyThrottle });
    // Destroying the client between IDENTIFY and READY makes discord.js reconnect forever: wait for shardReady.
    const readyAgain = new Promise<void>((resolve) => client.once(Events.ShardReady, () => resolve()));
    await fake.dropConnection(1000);
    await fake.waitForIdentify(2);
    await readyAgain;
    expect(fake.resumes).toBe(0);
    expect(fake.connections).toBe(2);
  });
});
