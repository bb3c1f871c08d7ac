/**
 * One Discord bot (discord.js against the fake Discord) serving two bodies: an interaction from the bureau's
 * server acts on the bureau and posts in its channel; one from a server no body serves is refused in French
 * and changes nothing; a DM from someone who sits in both bodies is told how to choose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBodies } from '../../../src/app/bodies.ts';
import type { Bot } from '../../../src/app/build.ts';
import { createDeployment, type Deployment } from '../../../src/app/deployment.ts';
import { startDiscordDoor, type DiscordDoor } from '../../../src/adapters/discord/discord-door.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { createFakeClock } from '../../../src/infra/clock.ts';
import { openStore } from '../../../src/infra/store/open.ts';
import { BUREAU_CHANNELS, writeBodiesDir } from '../../helpers/bodies-dir.ts';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.ts';
import { secretary } from '../../helpers/test-bot.ts';
import { bodyText, IDS, testOptions, testSettings } from './harness.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let fake: FakeDiscord;
let deployment: Deployment;
let door: DiscordDoor;
const SESSION = '2026-12-15';

const peek = async (bot: Bot, line: string) =>
  replyToText(await bot.run({ actor: secretary, input: line, answer: async () => undefined }));
const comite = () => deployment.body('comite')!.bot;
const bureau = () => deployment.body('bureau')!.bot;
const callback = (id: string, token: string) =>
  fake.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`);

beforeAll(async () => {
  fake = await startFakeDiscord();
  // The bureau is the fake's server, with its channels; the comité another server.
  const bodies = loadBodies(
    writeBodiesDir(
      {},
      {
        guild: fake.guildId,
        channels: {
          slack: BUREAU_CHANNELS.slack,
          discord: { secretariat: fake.secretariatChannelId, delegates: fake.delegatesChannelId },
        },
      },
    ),
  );
  deployment = createDeployment({
    bodies,
    store: await openStore('memory:'),
    clock: createFakeClock('2026-11-29T10:00:00Z'),
    logger: quiet,
  });
  door = await startDiscordDoor(deployment.hostFor('discord'), testSettings(fake, bodies[0]!.config), testOptions);
  deployment.addDoor(door);
  for (const bot of [comite(), bureau()])
    expect(await peek(bot, `/seance planifier ${SESSION} 17:30 Amiens`)).toContain('Séance planifiée');
});
afterAll(async () => {
  await deployment.stop();
  await fake.close();
});

describe('one Discord bot, two bodies', () => {
  it("acts on the bureau for its server: the request is posted in the bureau's channel", async () => {
    const sent = fake.sendCommand({
      name: 'pouvoir',
      subcommand: 'donner',
      options: { mandant: 'ROY', mandataire: 'PARSIS' },
      userId: IDS.ROY,
    });
    const answer = await callback(sent.id, sent.token);
    expect(answer.body.data.embeds[0].title).toBe('Pouvoir déclaré, en attente de confirmation');
    const post = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.secretariatChannelId}/messages`,
    );
    expect(bodyText(post.body)).toContain('Mme ROY déclare donner pouvoir à M. PARSIS');
    expect(await peek(bureau(), `/pouvoirs ${SESSION}`)).toContain('Mme ROY');
    expect(await peek(comite(), `/pouvoirs ${SESSION}`)).not.toContain('Mme ROY');
  });

  it('refuses in French an interaction from a server no body serves, and changes nothing', async () => {
    await door.idle();
    const before = fake.requests.length;
    const sent = fake.sendCommand({
      name: 'pouvoir',
      subcommand: 'donner',
      options: { mandant: 'PAYEN', mandataire: 'PARSIS' },
      userId: IDS.PAYEN,
      guildId: '599999999999999999',
    });
    const answer = await callback(sent.id, sent.token);
    expect(answer.body.data.flags).toBe(64);
    expect(bodyText(answer.body.data)).toContain(
      "Ce serveur Discord (599999999999999999) n'est rattaché à aucun organe de ce déploiement : rien n'a été fait.",
    );
    await door.idle();
    expect(fake.requests.slice(before).filter((r) => r.path.startsWith('/channels/'))).toEqual([]);
    for (const bot of [comite(), bureau()]) expect(await peek(bot, `/pouvoirs ${SESSION}`)).not.toContain('PAYEN');
  });

  it('tells someone who sits in both bodies, in a DM, how to choose', async () => {
    fake.sendMessage({ content: '/quorum', authorId: IDS.PARSIS, dm: true });
    const reply = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.dmChannelFor(IDS.PARSIS).id}/messages`,
    );
    expect(bodyText(reply.body)).toContain('Vous siégez dans plusieurs organes');
    expect(bodyText(reply.body)).toContain("écrivez la commande dans le serveur Discord de l'organe concerné");
  });
});
