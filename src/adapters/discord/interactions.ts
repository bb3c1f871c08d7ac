/** @module Slash commands, autocomplete and button clicks → the dispatcher → interaction replies (deferred when slow). */
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction, User } from 'discord.js';
import type { Seance } from '../../app/build.ts';
import type { Actor } from '../../core/command.ts';
import { reply as makeReply, text, type Reply } from '../../core/reply.ts';
import { commandForCustomId, rememberActions } from './actions.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { parseInvocation, type CommandIndex, type RawOption } from './commands.ts';
import { forChannel, NO_MENTIONS } from './embeds.ts';
import { messageProblems } from './limits.ts';
import { discordOpenRequests } from './open-requests.ts';
import { errorText, sendReply } from './send.ts';

export interface InteractionDeps {
  readonly seance: Seance;
  readonly index: CommandIndex;
  /** Past this delay without an answer, acknowledge first (Discord allows 3 s) and answer by editing. */
  readonly deferAfterMs: number;
}

export const actorOf = (seance: Seance, user: User): Actor =>
  seance.actorFor('discord', user.id, user.globalName ?? user.username);

/** Runs `work`, calling `defer` if it is still running after `ms`; tells whether the deferral went through. */
export async function withDeferral<T>(work: Promise<T>, ms: number, defer: () => Promise<unknown>): Promise<{ value: T; deferred: boolean }> {
  let deferring: Promise<boolean> | undefined;
  const timer = setTimeout(() => {
    deferring = defer().then(() => true, () => false);
  }, ms);
  let value: T;
  try {
    value = await work;
  } finally {
    clearTimeout(timer);
  }
  return { value, deferred: deferring ? await deferring : false };
}

async function onCommand(deps: InteractionDeps, i: ChatInputCommandInteraction): Promise<void> {
  const { seance } = deps;
  const { input } = parseInvocation(deps.index, i.commandName, i.options.data as readonly RawOption[]);
  const actor = actorOf(seance, i.user);
  const { value: reply, deferred } = await withDeferral(seance.dispatcher.runStructured(input, actor), deps.deferAfterMs, () => i.deferReply());
  await rememberActions(seance.store, reply.actions);
  await sendReply(reply, async (m, index) => {
    if (index > 0) return i.followUp(m);
    if (!deferred) return i.reply(m);
    // A deferred answer is public; an ephemeral one replaces it as a private follow-up.
    if (m.flags) {
      await i.deleteReply().catch(() => undefined);
      return i.followUp(m);
    }
    return i.editReply(forChannel(m));
  }, seance.logger);
  await seance.settle(reply);
  await seance.deliver(reply.outbox);
}

async function onAutocomplete(deps: InteractionDeps, i: AutocompleteInteraction): Promise<void> {
  const { focused } = parseInvocation(deps.index, i.commandName, i.options.data as readonly RawOption[]);
  const ctx = deps.seance.dispatcher.context(actorOf(deps.seance, i.user));
  const choices = await autocompleteChoices(focused?.spec, focused?.value ?? '', ctx).catch((e: unknown) => {
    deps.seance.logger.warn('discord autocomplete failed', { command: i.commandName, error: errorText(e) });
    return [];
  });
  await i.respond(choices);
}

const expired: Reply = makeReply('Bouton périmé', [text('Ce bouton ne correspond plus à aucune action. Relancez la commande correspondante.')], {
  tone: 'warning', visibility: 'ephemeral',
});

async function onButton(deps: InteractionDeps, i: ButtonInteraction): Promise<void> {
  const { seance } = deps;
  const command = await commandForCustomId(seance.store, i.customId);
  if (!command) {
    await sendReply(expired, (m, k) => (k ? i.followUp(m) : i.reply(m)), seance.logger);
    return;
  }
  const actor = actorOf(seance, i.user);
  const { value: reply, deferred } = await withDeferral(seance.dispatcher.runLine(command, actor), deps.deferAfterMs, () => i.deferUpdate());
  if (reply.tone === 'error' || reply.visibility === 'ephemeral') {
    // A refusal or a personal answer goes to the clicker alone; the message and its buttons stay as they are.
    await sendReply({ ...reply, visibility: 'ephemeral' }, (m, k) => (k || deferred ? i.followUp(m) : i.reply(m)), seance.logger);
  } else {
    await rememberActions(seance.store, reply.actions);
    const kept = i.message.embeds.map((e) => e.toJSON());
    await sendReply(reply, async (m, k) => {
      if (k > 0) return i.followUp(m);
      // The outcome goes under the original request; its buttons are removed (or replaced by the outcome's own).
      const merged = [...kept, ...m.embeds];
      const embeds = messageProblems({ content: m.content, embeds: merged }).length ? m.embeds : merged;
      const update = { content: m.content ?? '', embeds, components: m.components, files: m.files ?? [], allowedMentions: NO_MENTIONS };
      return deferred ? i.editReply(update) : i.update(update);
    }, seance.logger);
    // This copy already shows the decision: settling updates only the others (other channels, other doors).
    if (reply.closes) await discordOpenRequests(seance.store, seance.logger).forget(reply.closes.key, (m) => m.messageId === i.message.id);
  }
  await seance.settle(reply);
  await seance.deliver(reply.outbox);
}

/** Never throws: a failure is logged, and the user sees Discord's « l'application ne répond pas » at worst. */
export async function handleInteraction(deps: InteractionDeps, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await onAutocomplete(deps, interaction);
    else if (interaction.isChatInputCommand()) await onCommand(deps, interaction);
    else if (interaction.isButton()) await onButton(deps, interaction);
  } catch (e) {
    deps.seance.logger.error('discord interaction failed', { type: interaction.type, user: interaction.user.id, error: errorText(e) });
  }
}
