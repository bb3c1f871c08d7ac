/** @module Slash commands, autocomplete and button clicks → the bot's turn pipeline → interaction replies (deferred when slow). */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  User,
} from 'discord.js';
import type { Actor } from '../../core/command.ts';
import { routeOf, type ChatChannels, type DoorHost } from '../../core/door.ts';
import { reply as makeReply, text, type Reply } from '../../core/reply.ts';
import { commandForCustomId, rememberActions } from './actions.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { parseInvocation, type CommandIndex, type RawOption } from './commands.ts';
import { forChannel, NO_MENTIONS } from './embeds.ts';
import { messageProblems } from './limits.ts';
import { discordOpenRequests } from './open-requests.ts';
import { errorText, sendReply } from './send.ts';

export interface InteractionDeps {
  /** Routes each interaction to its body's host (several bodies), or serves every interaction itself. */
  readonly host: DoorHost;
  /** The channels of a host that routes nothing (one body). */
  readonly channels: ChatChannels;
  readonly index: CommandIndex;
  /** Past this delay without an answer, acknowledge first (Discord allows 3 s) and answer by editing. */
  readonly deferAfterMs: number;
}

export const actorOf = (host: DoorHost, user: User): Actor => host.actorFor(user.id, user.globalName ?? user.username);

/** Runs `work`, calling `defer` if it is still running after `ms`; tells whether the deferral went through. */
export async function withDeferral<T>(
  work: Promise<T>,
  ms: number,
  defer: () => Promise<unknown>,
): Promise<{ value: T; deferred: boolean }> {
  let deferring: Promise<boolean> | undefined;
  const timer = setTimeout(() => {
    deferring = defer().then(
      () => true,
      () => false,
    );
  }, ms);
  let value: T;
  try {
    value = await work;
  } finally {
    clearTimeout(timer);
  }
  return { value, deferred: deferring ? await deferring : false };
}

/** The host of the interaction's body: by its server, or by who writes in a DM. */
function routed(deps: InteractionDeps, i: Interaction) {
  return routeOf(deps.host, { ...(i.guildId ? { space: i.guildId } : {}), account: i.user.id }, deps.channels);
}

/** A refusal (no body for this server): to the asker alone, nothing ran. */
async function refuse(deps: InteractionDeps, i: ChatInputCommandInteraction | ButtonInteraction, refusal: Reply) {
  await sendReply(
    { ...refusal, visibility: 'ephemeral' },
    (m, k) => (k ? i.followUp(m) : i.reply(m)),
    deps.host.logger,
  );
}

async function onCommand(deps: InteractionDeps, i: ChatInputCommandInteraction): Promise<void> {
  const route = routed(deps, i);
  if (!route.host) return refuse(deps, i, route.refusal);
  const { host } = route;
  const { input } = parseInvocation(deps.index, i.commandName, i.options.data as readonly RawOption[]);
  let deferred = false;
  await host.run({
    actor: actorOf(host, i.user),
    input,
    running: async (work) => {
      const r = await withDeferral(work, deps.deferAfterMs, () => i.deferReply());
      deferred = r.deferred;
      return r.value;
    },
    answer: async (reply) => {
      await rememberActions(host.store, reply.actions);
      await sendReply(
        reply,
        async (m, index) => {
          if (index > 0) return i.followUp(m);
          if (!deferred) return i.reply(m);
          // A deferred answer is public; an ephemeral one replaces it as a private follow-up.
          if (m.flags) {
            await i.deleteReply().catch(() => undefined);
            return i.followUp(m);
          }
          return i.editReply(forChannel(m));
        },
        host.logger,
      );
    },
  });
}

async function onAutocomplete(deps: InteractionDeps, i: AutocompleteInteraction): Promise<void> {
  const { focused } = parseInvocation(deps.index, i.commandName, i.options.data as readonly RawOption[]);
  const host = routed(deps, i).host;
  if (!host) return i.respond([]); // the command itself will say why
  const ctx = host.context(actorOf(host, i.user));
  const choices = await autocompleteChoices(focused?.spec, focused?.value ?? '', ctx).catch((e: unknown) => {
    deps.host.logger.warn('discord autocomplete failed', { command: i.commandName, error: errorText(e) });
    return [];
  });
  await i.respond(choices);
}

const expired: Reply = makeReply(
  'Bouton périmé',
  [text('Ce bouton ne correspond plus à aucune action. Relancez la commande correspondante.')],
  {
    tone: 'warning',
    visibility: 'ephemeral',
  },
);

async function onButton(deps: InteractionDeps, i: ButtonInteraction): Promise<void> {
  const route = routed(deps, i);
  if (!route.host) return refuse(deps, i, route.refusal);
  const { host } = route;
  const command = await commandForCustomId(host.store, i.customId);
  if (!command) {
    await sendReply(expired, (m, k) => (k ? i.followUp(m) : i.reply(m)), host.logger);
    return;
  }
  let deferred = false;
  await host.run({
    actor: actorOf(host, i.user),
    input: command,
    running: async (work) => {
      const r = await withDeferral(work, deps.deferAfterMs, () => i.deferUpdate());
      deferred = r.deferred;
      return r.value;
    },
    answer: async (reply) => {
      if (reply.tone === 'error' || reply.visibility === 'ephemeral') {
        // A refusal or a personal answer goes to the clicker alone; the message and its buttons stay as they are.
        await sendReply(
          { ...reply, visibility: 'ephemeral' },
          (m, k) => (k || deferred ? i.followUp(m) : i.reply(m)),
          host.logger,
        );
        return;
      }
      await rememberActions(host.store, reply.actions);
      const kept = i.message.embeds.map((e) => e.toJSON());
      await sendReply(
        reply,
        async (m, k) => {
          if (k > 0) return i.followUp(m);
          // The outcome goes under the original request; its buttons are removed (or replaced by the outcome's own).
          const merged = [...kept, ...m.embeds];
          const embeds = messageProblems({ content: m.content, embeds: merged }).length ? m.embeds : merged;
          const update = {
            content: m.content ?? '',
            embeds,
            components: m.components,
            files: m.files ?? [],
            allowedMentions: NO_MENTIONS,
          };
          return deferred ? i.editReply(update) : i.update(update);
        },
        host.logger,
      );
      // This copy already shows the decision: settling then updates only the others (other channels, other doors).
      if (reply.closes)
        await discordOpenRequests(host.store, host.logger).forget(
          reply.closes.key,
          (m) => m.messageId === i.message.id,
        );
    },
  });
}

/** Never throws: a failure is logged, and the user sees Discord's « l'application ne répond pas » at worst. */
export async function handleInteraction(deps: InteractionDeps, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await onAutocomplete(deps, interaction);
    else if (interaction.isChatInputCommand()) await onCommand(deps, interaction);
    else if (interaction.isButton()) await onButton(deps, interaction);
  } catch (e) {
    deps.host.logger.error('discord interaction failed', {
      type: interaction.type,
      user: interaction.user.id,
      error: errorText(e),
    });
  }
}
