/**
 * Slack installed in several workspaces, end to end: the real Slack door (real Bolt, its OAuth flow) on a bot
 * whose store is a real SQLite file, against the fake Slack. Install in workspace T2 through /slack/install and
 * /slack/oauth_redirect, restart (a new door and store on the same file), then T2's requests are answered with
 * T2's token; an uninstall (app_uninstalled, tokens_revoked) removes the installation. No token in the logs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../../src/app/build.ts';
import { loadConfigFile } from '../../../src/app/load-config.ts';
import { parseDoorSettings } from '../../../src/app/settings.ts';
import { DEPLOYMENT_SCOPE } from '../../../src/adapters/slack/installations.ts';
import { SLACK_ENDPOINT, startSlackDoor, type SlackDoor } from '../../../src/adapters/slack/slack-door.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { reply, text } from '../../../src/core/reply.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { createFakeClock } from '../../../src/infra/clock.ts';
import { openStore } from '../../../src/infra/store/open.ts';
import { postEvent, postSlashCommand, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.ts';
import { SAMPLE_CONFIG } from '../../helpers/test-bot.ts';

const SIGNING_SECRET = 'seance-oauth-signing-secret-3c1d';
const OAUTH = {
  clientId: '1111.2222',
  clientSecret: 'client-secret-9f8e7d6c5b',
  stateSecret: 'state-secret-a1b2c3d4e5',
};
const T2 = {
  teamId: 'T2',
  teamName: 'Mairie de Test',
  botToken: 'xoxb-T2-secret-token-77',
  botUserId: 'UBOT2',
  botId: 'BBOT2',
};
const T3 = {
  teamId: 'T3',
  teamName: 'Bureau',
  botToken: 'xoxb-T3-secret-token-88',
  botUserId: 'UBOT3',
  botId: 'BBOT3',
};
const SECRETARY = 'U0SECRET01';

interface Running {
  bot: Bot;
  door: SlackDoor;
  url: string;
}

describe('Slack OAuth: installed in several workspaces, installations in the Store', () => {
  let fake: FakeSlack;
  const logs: string[] = [];
  const running: Running[] = [];
  const logger: Logger = {
    info: (msg, data) => logs.push(JSON.stringify({ msg, data })),
    warn: (msg, data) => logs.push(JSON.stringify({ msg, data })),
    error: (msg, data) => logs.push(JSON.stringify({ msg, data })),
  };

  afterEach(async () => {
    for (const r of running.splice(0)) await r.bot.stop();
    await fake?.close();
    logs.length = 0;
  });

  async function start(storeUrl: string): Promise<Running> {
    const config = loadConfigFile(SAMPLE_CONFIG);
    const bot = createBot({
      config,
      store: await openStore(storeUrl),
      clock: createFakeClock('2026-11-29T10:00:00Z'),
      logger,
    });
    const env = {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: OAUTH.clientId,
      SLACK_CLIENT_SECRET: OAUTH.clientSecret,
      SLACK_STATE_SECRET: OAUTH.stateSecret,
      SLACK_API_URL: fake.apiUrl,
    };
    const door = await startSlackDoor(bot.hostFor('slack'), parseDoorSettings(env, config).slack!, {
      port: 0,
      host: '127.0.0.1',
      processBeforeResponse: true,
      retryConfig: { retries: 0 },
    });
    bot.addDoor(door);
    const r = { bot, door, url: `http://127.0.0.1:${door.port}` };
    running.push(r);
    return r;
  }

  /** The browser's side of the install: /slack/install, Slack's consent (the fake's code), the redirect back. */
  async function install(base: string, code: string): Promise<{ status: number; page: string }> {
    const begin = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(begin.status).toBe(302);
    const location = new URL(begin.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(location.searchParams.get('scope')).toContain('commands');
    const state = location.searchParams.get('state')!;
    expect(state).toBeTruthy();
    const cookie = begin.headers.get('set-cookie')!.split(';')[0]!;
    const back = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    return { status: back.status, page: await back.text() };
  }

  const slash = (r: Running, team: string, line: string) => {
    const [command, ...rest] = line.split(' ');
    return postSlashCommand(`${r.url}${SLACK_ENDPOINT}`, SIGNING_SECRET, {
      command: command!,
      text: rest.join(' '),
      user_id: SECRETARY,
      team_id: team,
      response_url: fake.responseUrl(`${team}-${Math.random().toString(36).slice(2)}`),
    });
  };
  const dm = (r: Running, team: string, bot: string, line: string) =>
    postEvent(
      `${r.url}${SLACK_ENDPOINT}`,
      SIGNING_SECRET,
      {
        type: 'message',
        channel_type: 'im',
        channel: `D${team}`,
        user: SECRETARY,
        text: line,
        ts: `${Date.now() / 1000}`,
      },
      { team_id: team, bot_user_id: bot },
    );
  const noTokenLogged = () => {
    const all = logs.join('\n');
    for (const secret of [T2.botToken, T3.botToken, OAUTH.clientSecret, OAUTH.stateSecret, SIGNING_SECRET])
      expect(all).not.toContain(secret);
    expect(all).not.toMatch(/xox[a-z]-/);
  };

  it('installs in T2, keeps it across a restart on the SQLite file, answers T2 with its token, forgets it on uninstall', async () => {
    fake = await startFakeSlack({ oauth: { clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret } });
    fake.grantInstall('code-t2', T2);
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-oauth-')), 'seance.sqlite')}`;

    const first = await start(storeUrl);
    const done = await install(first.url, 'code-t2');
    expect(done.status).toBe(200);
    expect(done.page).toContain('Séance est installé dans « Mairie de Test »');
    const exchange = fake.callsTo('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0]!.body).toMatchObject({ code: 'code-t2', client_id: OAUTH.clientId });
    // The same code again (a reload of the redirect page) is refused in French and stores nothing new.
    const again = await install(first.url, 'code-t2');
    expect(again.status).toBe(400);
    expect(again.page).toContain("L'installation de Séance dans Slack n'a pas abouti");
    await first.bot.stop();
    running.splice(0);

    // Restart: a new process's door and store on the same file.
    const second = await start(storeUrl);
    const answered = await slash(second, 'T2', '/quorum 2024-10-07');
    expect(answered.status).toBe(200);
    // Answered in the ack (done within the ack budget), else through the response_url.
    const response = answered.json ?? (await fake.waitForResponse(undefined, 5000)).body;
    expect(JSON.stringify(response)).toContain('Quorum');
    // A DM from T2 is answered through the Web API with T2's token.
    expect((await dm(second, 'T2', T2.botUserId, '/quorum 2024-10-07')).status).toBe(200);
    const posted = await fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'DT2', 5000);
    expect(posted.token).toBe(T2.botToken);
    // The bot's own messages (reminders) go out with the only installation's token.
    const delivered = await second.door.deliver({
      to: { kind: 'secretariat' },
      reply: reply('Rappel', [text('Relancer les pouvoirs')]),
    });
    expect(delivered).toBe(true);
    expect(fake.callsTo('chat.postMessage').at(-1)!.token).toBe(T2.botToken);

    // A workspace that never installed Séance gets nothing run, and no call is made with any token for it.
    const callsBefore = fake.calls.length;
    await slash(second, 'T9', '/rappel ajouter 2026-12-01 09:00 secretariat Pas installé');
    expect(fake.calls.slice(callsBefore).filter((c) => c.token)).toEqual([]);
    const listed = await second.bot.dispatcher.runLine('/rappels', { name: 'S', role: 'secretary', door: 'test' });
    expect(replyToText(listed)).not.toContain('Pas installé');

    // Uninstall: the installation (and its token) is gone from the store; T2's DMs are no longer answered.
    expect(
      (
        await postEvent(
          `${second.url}${SLACK_ENDPOINT}`,
          SIGNING_SECRET,
          { type: 'app_uninstalled' },
          { team_id: 'T2' },
        )
      ).status,
    ).toBe(200);
    const deployment = second.bot.store.forBody(DEPLOYMENT_SCOPE);
    expect(JSON.stringify(await deployment.get('slack:installation:T2'))).not.toContain(T2.botToken);
    expect(await deployment.get('slack:installations')).toEqual([]);
    const postsBefore = fake.callsTo('chat.postMessage').length;
    await dm(second, 'T2', T2.botUserId, '/quorum 2024-10-07');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(await second.door.deliver({ to: { kind: 'secretariat' }, reply: reply('Rappel', [text('x')]) })).toBe(false);
    noTokenLogged();
  });

  it('tokens_revoked for the bot removes the installation; a late uninstall does not erase a newer install', async () => {
    fake = await startFakeSlack();
    fake.grantInstall('code-t3', T3);
    fake.grantInstall('code-t3-again', T3);
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-oauth-')), 'seance.sqlite')}`;
    const r = await start(storeUrl);
    const deployment = r.bot.store.forBody(DEPLOYMENT_SCOPE);
    const oldEventTime = Math.floor(Date.now() / 1000) - 60;
    expect((await install(r.url, 'code-t3')).status).toBe(200);
    expect(await deployment.get('slack:installations')).toEqual(['T3']);

    // An app_uninstalled from before this install (a retry of an old event) leaves it in place.
    await postEvent(
      `${r.url}${SLACK_ENDPOINT}`,
      SIGNING_SECRET,
      { type: 'app_uninstalled' },
      { team_id: 'T3', event_time: oldEventTime },
    );
    expect(await deployment.get('slack:installations')).toEqual(['T3']);

    await postEvent(
      `${r.url}${SLACK_ENDPOINT}`,
      SIGNING_SECRET,
      { type: 'tokens_revoked', tokens: { bot: [T3.botUserId] } },
      { team_id: 'T3' },
    );
    expect(await deployment.get('slack:installations')).toEqual([]);
    expect(JSON.stringify(await deployment.get('slack:installation:T3'))).not.toContain(T3.botToken);

    // Installing again works.
    expect((await install(r.url, 'code-t3-again')).status).toBe(200);
    expect(await deployment.get('slack:installations')).toEqual(['T3']);
    noTokenLogged();
  });
});
