/**
 * @module The Slack door's listeners: slash commands, button clicks and plain messages each become one turn
 * (a command line run as the Slack user's actor) for the bot's pipeline; the door only renders the answer.
 */
import type { App, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
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
  /** How long a command may run before Slack is acked empty (default ACK_BUDGET_MS; tests shorten it). */
  readonly ackBudgetMs?: number;
}

/**
 * Slack wants its ack within 3 s, and a user who saw it believes the command done. So a command acks once its
 * change is stored, carrying its answer; a command still running after this budget acks empty and answers
 * through `response_url` when done. 1.5 s keeps half of Slack's 3 s for the network both ways and Slack's own
 * handling; a usual command is stored and answered in a few milliseconds.
 */
export const ACK_BUDGET_MS = 1500;

type AckFn = (body?: Record<string, unknown>) => Promise<void>;

/**
 * One ack per request: `now(body)` acks with `body` unless the budget already acked empty (then it resolves
 * false, and the caller answers another way); past `budgetMs` it acks empty by itself.
 */
function ackWithin(ack: AckFn, budgetMs: number, log: Logger) {
  let acked = false;
  const now = async (body?: Record<string, unknown>): Promise<boolean> => {
    if (acked) return false;
    acked = true;
    clearTimeout(timer);
    try {
      await ack(body);
    } catch (e) {
      log.warn('slack: could not acknowledge the request', { error: errorText(e) });
    }
    return true;
  };
  const timer = setTimeout(() => void now(), budgetMs);
  return { now, empty: () => now().then(() => undefined) };
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

/** A reply as slash-command answers (an ack body, then `response_url` posts): one per Block Kit page. */
export const slackMessagesOf = (reply: Reply) =>
  replyToBlockKitMessages(reply).map((page) => ({
    response_type: responseType(reply),
    text: page.text,
    blocks: page.blocks,
  }));

async function respondAll(
  respond: RespondFn,
  messages: readonly Record<string, unknown>[],
  log: Logger,
  what: string,
): Promise<void> {
  try {
    for (const m of messages) await respond({ ...m, replace_original: false });
  } catch (e) {
    log.warn('slack: could not send the reply', { what, error: errorText(e) });
  }
}

async function respondWith(respond: RespondFn, reply: Reply, log: Logger, what: string): Promise<void> {
  await respondAll(respond, slackMessagesOf(reply), log, what);
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

  const budget = deps.ackBudgetMs ?? ACK_BUDGET_MS;
  // One listener per declared command; the dispatcher does everything else. The turn stores the change before
  // `answer` is called, so the answer rides on the ack: an acknowledged command is a stored one.
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
    ack: AckFn;
    respond: RespondFn;
    client: WebClient;
  }) => {
    const acking = ackWithin(ack, budget, log);
    // The answer (or a refusal): its first page in the ack when still in time, the rest through response_url.
    const answer = async (reply: Reply) => {
      const [first, ...rest] = slackMessagesOf(reply);
      const inAck = first !== undefined && (await acking.now(first));
      await respondAll(respond, inAck ? rest : [first!, ...rest].filter(Boolean), log, command.command);
    };
    try {
      const host = (await bodyHost(command.team_id, command.user_id, answer))?.host;
      if (!host) return;
      await host.run({
        actor: host.actorFor(command.user_id, command.user_name),
        input: `${command.command} ${unescapeSlack(command.text ?? '')}`.trim(),
        answer: async (reply) => {
          await answer(reply);
          if (responseType(reply) === 'in_channel') await uploadAttachments(client, command.channel_id, reply, log);
        },
      });
    } finally {
      await acking.empty();
    }
  };
  // One Bolt listener for every slash command: Bolt runs every listener's middleware on every request, so one
  // listener per declared command cost ~0.1 ms per ack (bench/NOTES.md). Unknown commands still get a French
  // answer from the dispatcher instead of a timeout.
  app.command(/^\//, onCommand);

  // Buttons: the value is a command line, run as whoever clicked; the core decides who may.
  // Acked once the decision is stored (Slack shows nothing of a click's ack body), or empty past the budget.
  app.action(/.+/, async ({ ack, body, action, respond, client }) => {
    const acking = ackWithin(ack as AckFn, budget, log);
    try {
      await onButton(body, action, respond as RespondFn, client, acking.empty);
    } finally {
      await acking.empty();
    }
  });

  async function onButton(
    body: SlackActionMiddlewareArgs['body'],
    action: SlackActionMiddlewareArgs['action'],
    respond: RespondFn,
    client: WebClient,
    acked: () => Promise<void>,
  ): Promise<void> {
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const team = body.team?.id ?? (body.user as { team_id?: string }).team_id;
    const refuse = async (r: Reply) => {
      await acked();
      await respondWith(respond, r, log, 'button');
    };
    const host = (await bodyHost(team, body.user.id, refuse))?.host;
    if (!host) return;
    const actor = host.actorFor(body.user.id, body.user.name);
    const value = action.value ?? '';
    if (!value.startsWith('/')) {
      await acked();
      await respond({ response_type: 'ephemeral', replace_original: false, text: "Ce bouton n'est plus valable." });
      return;
    }
    await host.run({
      actor,
      input: value,
      answer: async (reply) => {
        await acked();
        // A refusal or a personal answer (a convocation answer) goes to the clicker alone; the message keeps its buttons.
        if (reply.tone === 'error' || reply.visibility === 'ephemeral') {
          await respondWith(respond, reply, log, 'button');
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
  }

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
