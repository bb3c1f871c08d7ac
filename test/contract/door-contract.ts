/**
 * @module The contract every door keeps, as a reusable vitest suite: `runDoorContract('slack', makeSlackHarness)`.
 *
 * A door plugs in through a small `DoorHarness` that plays its platform's users against the real door:
 * - `send(line, as)` delivers a command line the platform's natural way (slash command, interaction, or a plain
 *   message when the platform has no such command) as the user behind `as`, and resolves once the door answered;
 * - `lastReplyText()` is what that user reads of the door's last answer (markup decoded);
 * - `replyCount()` counts the answers so far, `limitViolations()` lists every platform limit broken so far;
 * - `sendOwnMessage(text)` feeds the door a message written by the bot itself;
 * - `hub` is the bot behind the door, so the suite can check that nothing changed.
 * `makeHarness({ commands })` must build the door on a Bot made with exactly those commands (the suite adds a
 * command that throws), on the sample config (config/somme-numerique.yaml) and a fresh memory store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/app/build.ts';
import { commands } from '../../src/commands/index.ts';
import { defineCommand, type Actor, type Command } from '../../src/core/command.ts';
import { replyToText } from '../../src/core/reply-text.ts';

/** Who sends: a secretary (staff, may change records), a delegate (ROY), or someone the config does not know. */
export type UserKey = 'secretary' | 'delegate' | 'reader';

export interface DoorHarness {
  readonly hub: Bot;
  send(line: string, as: UserKey): Promise<void>;
  lastReplyText(): string;
  replyCount(): number;
  limitViolations(): string[];
  sendOwnMessage(text: string): Promise<void>;
  close(): Promise<void>;
}

export type MakeHarness = (opts: { readonly commands: readonly Command[] }) => Promise<DoorHarness>;

/** The detail a bug carries; no user may ever read it. */
export const BOOM_DETAIL = 'kaboom: internal detail';

/** A command that throws: the door must answer with a short apology. */
export const boomCommand = defineCommand({
  name: 'boum',
  description: 'Commande de test qui échoue',
  examples: [],
  access: 'read',
  run: () => {
    throw new Error(BOOM_DETAIL);
  },
});

const observer: Actor = { name: 'Contrat', role: 'secretary', door: 'test' };
const QUORUM = '/quorum 2024-10-07';

export function runDoorContract(name: string, makeHarness: MakeHarness): void {
  describe(`door contract: ${name}`, () => {
    let h: DoorHarness;
    const state = async () => replyToText(await h.hub.dispatcher.runLine(QUORUM, observer));
    beforeAll(async () => {
      h = await makeHarness({ commands: [...commands, boomCommand] });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('answers an unknown command with a French error', async () => {
      await h.send('/inconnue', 'delegate');
      expect(h.lastReplyText()).toMatch(/Commande inconnue : « \/?inconnue »/);
      expect(h.lastReplyText()).toContain('/aide');
    });

    it('answers bad arguments with the usage', async () => {
      await h.send('/devis', 'delegate');
      expect(h.lastReplyText()).toContain('Argument manquant');
      expect(h.lastReplyText()).toContain('Usage : /devis <service> <postes>');
    });

    it('refuses a change from someone it does not know, and changes nothing', async () => {
      const before = await state();
      await h.send('/presence ROY salle 2024-10-07', 'reader');
      // The refusal's title says why; the explanation below, as its own sentence.
      expect(h.lastReplyText()).toContain("Accès refusé : votre compte n'est associé à aucun délégué");
      expect(h.lastReplyText()).toContain('Vous pouvez consulter, pas modifier');
      expect(await state()).toBe(before);
    });

    it('answers a bug with a short apology that hides the detail', async () => {
      await h.send('/boum', 'secretary');
      expect(h.lastReplyText()).toContain('Désolé, une erreur inattendue est survenue.');
      expect(h.lastReplyText()).not.toContain(BOOM_DETAIL);
    });

    it("keeps every answer within the platform's limits, the longest included", async () => {
      for (const line of ['/pv 2024-10-07', '/aide', '/tarifs', '/pouvoirs 2024-10-07', '/quorum 2024-10-07'])
        await h.send(line, 'reader');
      expect(h.lastReplyText()).toContain('Quorum');
      expect(h.limitViolations()).toEqual([]);
    });

    it('ignores its own messages', async () => {
      const before = await state();
      const count = h.replyCount();
      await h.sendOwnMessage('/presence ROY salle 2024-10-07');
      await h.sendOwnMessage('/aide');
      expect(h.replyCount()).toBe(count);
      expect(await state()).toBe(before);
    });
  });
}
