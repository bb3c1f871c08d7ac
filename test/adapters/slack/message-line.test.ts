/** @module Unit tests of `messageToLine`: what a plain Slack message asks the bot to run, if anything. */
import { describe, expect, it } from 'vitest';
import { messageToLine } from '../../../src/adapters/slack/message-line.ts';
import { commands } from '../../../src/commands/index.ts';

const dm = (t: string) => messageToLine(t, { commands, direct: true });
const channel = (t: string) => messageToLine(t, { commands, direct: false });

describe('messageToLine', () => {
  it('turns the proxy shortcuts into /pouvoir lines, in a DM or a channel', () => {
    for (const run of [dm, channel]) {
      expect(run('confirmer ROY')).toBe('/pouvoir confirmer ROY');
      expect(run('Refuser ROY 2026-12-14')).toBe('/pouvoir refuser ROY 2026-12-14');
      expect(run('pouvoir ROY PARSIS')).toBe('/pouvoir donner ROY PARSIS');
      expect(run('pouvoir retirer ROY')).toBe('/pouvoir retirer ROY');
      expect(run('/quorum 2024-10-07')).toBe('/quorum 2024-10-07');
    }
  });

  it('takes a command name without its slash in a DM only', () => {
    expect(dm('quorum 2024-10-07')).toBe('/quorum 2024-10-07');
    expect(channel('quorum atteint ?')).toBeUndefined();
    expect(channel('bonjour à tous')).toBeUndefined();
    expect(dm('bonjour')).toBe('/bonjour'); // the dispatcher answers "Commande inconnue" in French
  });

  it('drops a leading mention of the bot and decodes Slack escapes', () => {
    expect(dm('<@UFAKEBOT> confirmer ROY')).toBe('/pouvoir confirmer ROY');
    expect(dm('<@UFAKEBOT|seance>: /devis &lt;!channel&gt; 3')).toBe('/devis <!channel> 3');
    expect(dm('   ')).toBeUndefined();
  });
});
