/** @module End to end (real Bolt on 127.0.0.1): every declared command answers a signed slash command with valid Block Kit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../src/commands/index.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { reply, text } from '../../../src/core/reply.ts';
import { closeSlackAgent } from '../../helpers/fake-slack.ts';
import { blockKitViolations, messageText } from './block-kit-limits.ts';
import { startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

const fichier = defineCommand({
  name: 'fichier',
  description: 'Commande de test avec pièce jointe',
  examples: [],
  access: 'read',
  run: () =>
    reply('Export', [text('Voici le fichier.')], {
      attachments: [{ filename: 'pv.md', contentType: 'text/markdown', content: '## PV\n' }],
    }),
});

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ commands: [...commands, fichier] });
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

const linesOf = (c: (typeof commands)[number]) => [
  `/${c.name}`,
  ...c.examples,
  ...(c.subcommands ?? []).flatMap((s) => s.examples),
];

describe('every declared command', () => {
  for (const cmd of commands) {
    it(`/${cmd.name} answers with valid Block Kit, for the secretary and for an unmapped user`, async () => {
      for (const user of [USERS.secretary, USERS.stranger]) {
        for (const line of linesOf(cmd)) {
          const { http, responses } = await h.command(user, line);
          expect(http.status, line).toBe(200);
          expect(responses.length, line).toBeGreaterThan(0);
          for (const r of responses) {
            const body = r.body as Record<string, unknown>;
            expect(blockKitViolations(body), line).toEqual([]);
            expect(['in_channel', 'ephemeral']).toContain(body.response_type);
            if (/^(❌|✗)/.test(String(body.text))) expect(body.response_type, line).toBe('ephemeral');
          }
        }
      }
    });
  }
});

describe('replies', () => {
  it('are public for a public answer and ephemeral for an error, in French', async () => {
    const ok = await h.command(USERS.roy, '/quorum 2024-10-07');
    expect((ok.responses[0]!.body as any).response_type).toBe('in_channel');
    const bad = await h.command(USERS.roy, '/devis');
    expect((bad.responses[0]!.body as any).response_type).toBe('ephemeral');
    expect(messageText(bad.responses[0]!.body)).toContain('Usage : /devis <service> <postes>');
  });

  it('show the /pv of the 7 October 2024 session whole, all 47 names, formatted (headers, bold parts), not Markdown', async () => {
    const { responses } = await h.command(USERS.roy, '/pv 2024-10-07');
    const all = responses.map((r) => messageText(r.body)).join('\n');
    const blocks = responses.flatMap((r) => (r.body as { blocks: { type: string; text?: { text: string } }[] }).blocks);
    expect(blocks.filter((b) => b.type === 'header').map((b) => b.text!.text)).toEqual([
      'Procès-verbal arrêté',
      'Somme Numérique',
      'Procès-verbal – Comité syndical du lundi 7 octobre 2024',
    ]);
    expect(all).toContain('*Excusés (35)*');
    expect(all).toMatch(/\*_Adoptée à l'unanimité des suffrages exprimés \(\d+ voix\)_\*/);
    expect(all).not.toContain('###');
    expect(all).toContain('35. M. HAZARD');
    expect(all).not.toContain('tronquée');
  });

  it("upload a public reply's attachments to the channel", async () => {
    await h.command(USERS.roy, '/fichier', { channel: 'C0GENERAL' });
    const complete = await h.fake.waitForCall('files.completeUploadExternal');
    expect(complete.body.channel_id).toBe('C0GENERAL');
    expect(h.fake.uploads.at(-1)!.bytes.toString()).toBe('## PV\n');
  });
});
