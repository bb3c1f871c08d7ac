/**
 * @module End to end (real Bolt on 127.0.0.1, the fake Slack): one Slack app serving two bodies. A signed
 * request from the bureau's workspace acts on the bureau (its channel gets the request, its secretary's click
 * decides it), the comité is untouched; a request from a workspace no body serves is refused in French and
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBodies } from '../../../src/app/bodies.ts';
import { createDeployment, type Deployment } from '../../../src/app/deployment.ts';
import { parseDoorSettings } from '../../../src/app/settings.ts';
import type { Bot } from '../../../src/app/build.ts';
import { startSlackDoor, type SlackDoor } from '../../../src/adapters/slack/slack-door.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { createFakeClock } from '../../../src/infra/clock.ts';
import { openStore } from '../../../src/infra/store/open.ts';
import { BUREAU_CHANNELS, BUREAU_TEAM, writeBodiesDir } from '../../helpers/bodies-dir.ts';
import {
  blockActionPayload,
  closeSlackAgent,
  postInteraction,
  postSlashCommand,
  startFakeSlack,
  type ApiCall,
  type FakeSlack,
} from '../../helpers/fake-slack.ts';
import { secretary } from '../../helpers/test-bot.ts';
import { messageText } from './block-kit-limits.ts';
import { BOT_TOKEN, BOT_USER, SECRETARIAT, SIGNING_SECRET, USERS } from './slack-harness.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let fake: FakeSlack;
let deployment: Deployment;
let door: SlackDoor;
let url: string;
let n = 0;

const peek = async (bot: Bot, line: string) =>
  replyToText(await bot.run({ actor: secretary, input: line, answer: async () => undefined }));
const comite = () => deployment.body('comite')!.bot;
const bureau = () => deployment.body('bureau')!.bot;

async function command(team: string, user: string, line: string) {
  const [name = '', ...rest] = line.split(' ');
  const id = `cmd${++n}`;
  const http = await postSlashCommand(url, SIGNING_SECRET, {
    command: name,
    text: rest.join(' '),
    user_id: user,
    team_id: team,
    channel_id: 'C0GENERAL',
    response_url: fake.responseUrl(id),
  });
  expect(http.status).toBe(200);
  // A command done within its ack budget answers in the ack; what follows (other pages) through response_url.
  const inAck = http.json && typeof http.json === 'object' ? [messageText(http.json)] : [];
  return [...inAck, ...fake.responses.filter((r) => r.id === id).map((r) => messageText(r.body))];
}

async function click(team: string, user: string, request: ApiCall, ts: string) {
  const button = (request.body.blocks as any[]).find((b) => b.type === 'actions').elements[0];
  const id = `click${++n}`;
  const http = await postInteraction(
    url,
    SIGNING_SECRET,
    blockActionPayload({
      action_id: button.action_id,
      value: button.value,
      user_id: user,
      team_id: team,
      channel_id: String(request.body.channel),
      message_ts: ts,
      message_blocks: request.body.blocks as unknown[],
      message_user: BOT_USER,
      response_url: fake.responseUrl(id),
    }),
  );
  expect(http.status).toBe(200);
  return fake.responses.filter((r) => r.id === id).map((r) => messageText(r.body));
}

beforeAll(async () => {
  fake = await startFakeSlack({ botUserId: BOT_USER });
  const bodies = loadBodies(writeBodiesDir());
  deployment = createDeployment({
    bodies,
    store: await openStore('memory:'),
    clock: createFakeClock('2026-11-29T10:00:00Z'),
    logger: quiet,
  });
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl };
  door = await startSlackDoor(deployment.hostFor('slack'), parseDoorSettings(env, bodies[0]!.config).slack!, {
    port: 0,
    host: '127.0.0.1',
    processBeforeResponse: true,
    retryConfig: { retries: 0 },
  });
  deployment.addDoor(door);
  await door.reachable;
  url = `http://127.0.0.1:${door.port}/slack/events`;
  for (const bot of [comite(), bureau()])
    expect(await peek(bot, '/seance planifier 2026-12-14 17:30 Amiens')).toContain('Séance planifiée');
  expect(await peek(bureau(), '/presence PARSIS salle 2026-12-14')).toContain('Présence enregistrée');
});
afterAll(async () => {
  await deployment.stop();
  await fake.close();
  closeSlackAgent();
});

describe('one Slack app, two bodies', () => {
  it("acts on the bureau for its workspace: the request goes to the bureau's channel, its secretary confirms", async () => {
    const answer = await command(BUREAU_TEAM, USERS.roy, '/pouvoir donner ROY PARSIS');
    expect(answer.join('\n')).toContain('Pouvoir déclaré, en attente de confirmation');
    const request = await fake.waitForCall('chat.postMessage', (c) => messageText(c.body).includes('Mme ROY'));
    expect(request.body.channel).toBe(BUREAU_CHANNELS.slack.secretariat);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === SECRETARIAT)).toEqual([]);

    await click(BUREAU_TEAM, USERS.secretary, request, '1700000123.000200');
    const proxies = await peek(bureau(), '/pouvoirs 2026-12-14');
    expect(proxies).toContain('Pouvoirs (1 comptabilisé)');
    expect(proxies).toMatch(/M\. PARSIS +Mme ROY/);
    expect(await peek(comite(), '/pouvoirs 2026-12-14')).not.toContain('Mme ROY');
  });

  it('refuses in French a command from a workspace no body serves, and changes nothing', async () => {
    const before = fake.calls.length;
    const bureauBefore = await peek(bureau(), '/seances');
    const answer = await command('TAUTRE', USERS.secretary, '/seance planifier 2026-12-21 17:30 Amiens');
    expect(answer.join('\n')).toContain(
      "Cet espace de travail Slack (TAUTRE) n'est rattaché à aucun organe de ce déploiement : rien n'a été fait.",
    );
    expect(await peek(bureau(), '/seances')).toBe(bureauBefore);
    expect(await peek(comite(), '/seances')).not.toContain('21 décembre');

    expect(await command('TAUTRE', USERS.roy, '/pouvoir donner ROY PAYEN')).toEqual([
      expect.stringContaining('Organe inconnu'),
    ]);
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(await peek(bureau(), '/pouvoirs 2026-12-14')).not.toContain('PAYEN');
    expect(await peek(comite(), '/pouvoirs 2026-12-14')).not.toContain('PAYEN');
  });
});
