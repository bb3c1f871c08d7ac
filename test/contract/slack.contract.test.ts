/** @module The door contract run against the real Slack door (Bolt on 127.0.0.1, fake Slack Web API, signed requests). */
import { afterAll } from 'vitest';
import { closeSlackAgent, type Received } from '../helpers/fake-slack.ts';
import { blockKitViolations, messageText } from '../adapters/slack/block-kit-limits.ts';
import { BOT_USER, startSlackHarness, USERS } from '../adapters/slack/slack-harness.ts';
import { runDoorContract, type DoorHarness, type MakeHarness, type UserKey } from './door-contract.ts';

const USER: Record<UserKey, string> = { secretary: USERS.secretary, delegate: USERS.roy, reader: USERS.stranger };

/** What the door sent back to a user: answers in the ack, response_url posts and messages it posted. */
const isAnswer = (r: Received) =>
  r.kind === 'response' ||
  (r.kind === 'api' && ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(r.method));

const makeSlackHarness: MakeHarness = async ({ commands }) => {
  const h = await startSlackHarness({ commands });
  const declared = new Set(commands.map((c) => c.name));
  // A command done within its ack budget answers in the HTTP ack: kept as a response, the shape it has otherwise.
  const acked: Received[] = [];
  const answers = () => [...acked, ...h.fake.received.filter(isAnswer)];
  let last: Received[] = [];
  return {
    hub: h.hub,
    async send(line, as) {
      const from = h.fake.received.length;
      const name = line.trim().split(/\s+/)[0]!.replace(/^\//, '');
      // Slack only sends the slash commands the app declares; anything else reaches the bot as a DM.
      let inAck: Received[] = [];
      if (declared.has(name)) {
        const { http } = await h.command(USER[as], line);
        if (http.json && typeof http.json === 'object')
          inAck = [{ kind: 'response', id: 'ack', body: http.json, status: http.status, at: Date.now() }];
      } else await h.message(USER[as], line);
      acked.push(...inAck);
      last = [...inAck, ...h.fake.received.slice(from).filter(isAnswer)];
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
