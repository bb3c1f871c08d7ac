/** @module The door contract run against the real Slack door (Bolt on 127.0.0.1, fake Slack Web API, signed requests). */
import { afterAll } from 'vitest';
import { closeSlackAgent, type Received } from '../helpers/fake-slack.ts';
import { blockKitViolations, messageText } from '../adapters/slack/block-kit-limits.ts';
import { BOT_USER, startSlackHarness, USERS } from '../adapters/slack/slack-harness.ts';
import { runDoorContract, type DoorHarness, type MakeHarness, type UserKey } from './door-contract.ts';

const USER: Record<UserKey, string> = { secretary: USERS.secretary, delegate: USERS.roy, reader: USERS.stranger };

/** What the door sent back to a user: response_url posts and messages it posted. */
const isAnswer = (r: Received) =>
  r.kind === 'response' ||
  (r.kind === 'api' && ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(r.method));

const makeSlackHarness: MakeHarness = async ({ commands }) => {
  const h = await startSlackHarness({ commands });
  const declared = new Set(commands.map((c) => c.name));
  const answers = () => h.fake.received.filter(isAnswer);
  let last: Received[] = [];
  return {
    hub: h.hub,
    async send(line, as) {
      const from = h.fake.received.length;
      const name = line.trim().split(/\s+/)[0]!.replace(/^\//, '');
      // Slack only sends the slash commands the app declares; anything else reaches the bot as a DM.
      if (declared.has(name)) await h.command(USER[as], line);
      else await h.message(USER[as], line);
      last = h.fake.received.slice(from).filter(isAnswer);
    },
    lastReplyText: () => last.map((r) => messageText((r as { body: unknown }).body)).join('\n'),
    replyCount: () => answers().length,
    limitViolations: () =>
      answers().flatMap((r) => blockKitViolations((r as { body: unknown }).body, { allowUserMentions: true })),
    async sendOwnMessage(text) {
      await h.message(BOT_USER, text);
      await h.message(undefined, text, { subtype: 'bot_message', bot_id: 'BFAKEBOT' });
    },
    close: () => h.close(),
  } satisfies DoorHarness;
};

afterAll(() => closeSlackAgent());
runDoorContract('slack', makeSlackHarness);
