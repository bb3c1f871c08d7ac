/**
 * @module The Slack door's listeners: slash commands, button clicks and plain messages each become one turn
 * (a command line run as the Slack user's actor) for the bot's pipeline; the door only renders the answer.
 */
import type { App, webApi } from '@slack/bolt';
import { routeOf, type ChatChannels, type DoorHost } from '../../core/door.ts';
import type { Logger } from '../../core/ports.ts';
import type { Reply } from '../../core/reply.ts';
import { decidedMessage, replyToBlockKitMessages, unescapeSlack } from './block-kit.ts';
import { messageToLine } from './message-line.ts';
import { slackOpenRequests } from './open-requests.ts';

type WebClient = webApi.WebClient;
type RespondFn = (message: Record<string, unknown>) => Promise<unknown>;

export interface ListenerDeps {
  /** Routes each request to its body's host (several bodies), or serves every request itself. */
  readonly host: DoorHost;
  readonly log: Logger;
  /** The channels of a host that routes nothing (one body): the secretariat's, where plain messages are read as commands. */
  readonly channels: ChatChannels;
  /** The bot's own user id once known (auth.test), to ignore its own messages. */
  readonly botUserId: () => string | undefined;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Public replies go to the channel; errors and personal answers only to the asker. */
const responseType = (r: Reply) => (r.visibility === 'public' && r.tone !== 'error' ? 'in_channel' : 'ephemeral');

/** Uploads a reply's attachments to a channel (best effort: the reply itself already names them). */
export async function uploadAttachments(
  client: WebClient,
  channel: string | undefined,
  reply: Reply,
  log: Logger,
): Promise<void> {
  if (!channel) return;
  for (const a of reply.attachments ?? []) {
    try {
      // A binary file (the .docx minutes) travels in base64 and is uploaded as bytes; text goes as is.
      const body = a.encoding === 'base64' ? { file: Buffer.from(a.content, 'base64') } : { content: a.content };
      await client.files.uploadV2({ channel_id: channel, filename: a.filename, title: a.filename, ...body });
    } catch (e) {
      log.warn('slack: attachment upload failed', { channel, filename: a.filename, error: errorText(e) });
    }
  }
}

async function respondWith(respond: RespondFn, reply: Reply, log: Logger, what: string): Promise<void> {
  try {
    for (const page of replyToBlockKitMessages(reply)) {
      await respond({
        response_type: responseType(reply),
        replace_original: false,
        text: page.text,
        blocks: page.blocks,
      });
    }
  } catch (e) {
    log.warn('slack: could not send the reply', { what, error: errorText(e) });
  }
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { log } = deps;
  const commands = deps.host.commands;
  /** The host of the body of the workspace `team`; undefined after answering the refusal (nothing ran). */
  async function bodyHost(team: string | undefined, user: string, refuse: (r: Reply) => Promise<void>) {
    const routed = routeOf(deps.host, { ...(team ? { space: team } : {}), account: user }, deps.channels);
    if (routed.host) return routed;
    await refuse(routed.refusal);
    return undefined;
  }

  // One listener per declared command; the dispatcher does everything else.
  const onCommand = async ({
    command,
    ack,
    respond,
    client,
  }: {
    command: {
      command: string;
      text: string;
      user_id: string;
      user_name?: string;
      channel_id?: string;
      team_id?: string;
    };
    ack: () => Promise<void>;
    respond: RespondFn;
    client: WebClient;
  }) => {
    await ack();
    const host = (
      await bodyHost(command.team_id, command.user_id, (r) => respondWith(respond, r, log, command.command))
    )?.host;
    if (!host) return;
    await host.run({
      actor: host.actorFor(command.user_id, command.user_name),
      input: `${command.command} ${unescapeSlack(command.text ?? '')}`.trim(),
      answer: async (reply) => {
        await respondWith(respond, reply, log, command.command);
        if (responseType(reply) === 'in_channel') await uploadAttachments(client, command.channel_id, reply, log);
      },
    });
  };
  // One Bolt listener for every slash command: Bolt runs every listener's middleware on every request, so one
  // listener per declared command cost ~0.1 ms per ack (bench/NOTES.md). Unknown commands still get a French
  // answer from the dispatcher instead of a timeout.
  app.command(/^\//, onCommand);

  // Buttons: the value is a command line, run as whoever clicked; the core decides who may.
  app.action(/.+/, async ({ ack, body, action, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const team = body.team?.id ?? (body.user as { team_id?: string }).team_id;
    const host = (await bodyHost(team, body.user.id, (r) => respondWith(respond as RespondFn, r, log, 'button')))?.host;
    if (!host) return;
    const actor = host.actorFor(body.user.id, body.user.name);
    const value = action.value ?? '';
    if (!value.startsWith('/')) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: "Ce bouton n'est plus valable." });
      return;
    }
    await host.run({
      actor,
      input: value,
      answer: async (reply) => {
        // A refusal or a personal answer (a convocation answer) goes to the clicker alone; the message keeps its buttons.
        if (reply.tone === 'error' || reply.visibility === 'ephemeral') {
          await respondWith(respond as RespondFn, reply, log, 'button');
          return;
        }
        const updated = decidedMessage(body.message?.blocks ?? [], reply, actor.name, body.user.id);
        const channel = body.channel?.id ?? body.container?.channel_id;
        const ts = body.message?.ts;
        try {
          if (!channel || !ts) throw new Error('no message to update');
          await client.chat.update({ channel, ts, text: updated.text, blocks: updated.blocks });
        } catch (e) {
          log.warn('slack: chat.update failed, replacing through response_url', { error: errorText(e) });
          await respond({ replace_original: true, text: updated.text, blocks: updated.blocks }).catch((err: unknown) =>
            log.warn('slack: could not update the decided message', { error: errorText(err) }),
          );
        }
        // This copy already shows the decision: settling then updates only the others (other channels, other doors).
        if (reply.closes)
          await slackOpenRequests(host.store, log).forget(
            reply.closes.key,
            (m) => m.channel === channel && m.ts === ts,
          );
      },
    });
  });

  // Plain messages: DMs to the bot, the secretariat channel, and mentions elsewhere.
  // In a DM the answer is a plain message; in a channel it goes in the thread, or only to the writer when private.
  async function answerMessage(
    host: DoorHost,
    client: WebClient,
    m: { channel: string; user: string; ts: string; thread_ts?: string },
    line: string,
    inDm: boolean,
  ) {
    await host.run({ actor: host.actorFor(m.user), input: line, answer: answerIn(client, m, inDm) });
  }
  /** Renders a reply to a message: in the DM, in the thread, or only to the writer when private. */
  function answerIn(
    client: WebClient,
    m: { channel: string; user: string; ts: string; thread_ts?: string },
    inDm: boolean,
  ) {
    const threadTs = inDm ? undefined : (m.thread_ts ?? m.ts);
    return async (reply: Reply) => {
      const privately = !inDm && responseType(reply) === 'ephemeral';
      try {
        for (const page of replyToBlockKitMessages(reply)) {
          const base = {
            channel: m.channel,
            text: page.text,
            blocks: page.blocks,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          };
          if (privately) await client.chat.postEphemeral({ ...base, user: m.user });
          else await client.chat.postMessage(base);
        }
      } catch (e) {
        log.warn('slack: could not answer a message', { channel: m.channel, error: errorText(e) });
      }
      if (!privately) await uploadAttachments(client, m.channel, reply, log);
    };
  }

  type Incoming = {
    subtype?: string;
    bot_id?: string;
    user?: string;
    text?: string;
    channel: string;
    channel_type?: string;
    ts: string;
    thread_ts?: string;
    team?: string;
  };
  const botOf = (body: unknown) =>
    deps.botUserId() ?? (body as { authorizations?: { user_id?: string }[] }).authorizations?.[0]?.user_id;
  const fromBot = (e: Incoming, bot: string | undefined) =>
    Boolean(e.subtype || e.bot_id || !e.user || e.user === bot || typeof e.text !== 'string');

  const teamOf = (body: unknown, e: Incoming) => (body as { team_id?: string }).team_id ?? e.team;

  app.event('message', async ({ event, body, client }) => {
    const e = event as unknown as Incoming;
    const bot = botOf(body);
    if (fromBot(e, bot)) return; // Slack's retries of an event: dropped by the replay guard (replay.ts)
    const inDm = e.channel_type === 'im';
    const m = { ...e, user: e.user! };
    // Outside a DM, a workspace no body serves is told so only when it addresses the bot (app_mention, below).
    const routed = await bodyHost(teamOf(body, e), m.user, async (r) => {
      if (inDm) await answerIn(client, m, true)(r);
    });
    if (!routed) return;
    if (!inDm && e.channel !== routed.channels.secretariatChannel) return; // other channels: only mentions, below
    // Addressed to the bot: a DM, or a message starting with its mention; otherwise only slash lines and shortcuts.
    const direct = inDm || Boolean(bot && e.text!.trimStart().startsWith(`<@${bot}>`));
    const line = messageToLine(e.text!, { commands, direct });
    if (line) await answerMessage(routed.host, client, m, line, inDm);
  });

  app.event('app_mention', async ({ event, body, client }) => {
    const e = event as unknown as Incoming;
    if (fromBot(e, botOf(body))) return; // Slack's retries of an event: dropped by the replay guard (replay.ts)
    const m = { ...e, user: e.user! };
    const routed = await bodyHost(teamOf(body, e), m.user, answerIn(client, m, false));
    if (!routed || e.channel === routed.channels.secretariatChannel) return; // read there as a message, above
    const line = messageToLine(e.text!, { commands, direct: true });
    if (line) await answerMessage(routed.host, client, m, line, false);
  });

  app.error(async (error) => {
    log.error('slack: listener failed', { error: errorText(error) });
  });
}
