/**
 * @module The Slack door uploads the /pv Word document as bytes (real Bolt against the fake Slack), and it opens;
 * the chat shows the minutes formatted (test/adapters/slack/commands.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSlackAgent, type FileUpload } from '../../helpers/fake-slack.ts';
import { readDocx } from '../../helpers/docx-text.ts';
import { startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

describe('/pv in Slack', () => {
  it("uploads pv-2024-10-07.docx to the channel, a Word file with the minutes' figures", async () => {
    await h.command(USERS.roy, '/pv 2024-10-07', { channel: 'C0GENERAL' });
    const upload = await h.fake.waitFor(
      (u): u is FileUpload => u.kind === 'upload' && u.filename === 'pv-2024-10-07.docx',
    );
    expect(upload.bytes.subarray(0, 2).toString()).toBe('PK'); // a zip, not base64 text
    const doc = readDocx(new Uint8Array(upload.bytes));
    const text = doc.paragraphs.join('\n').replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('54 voix sur 104 : le quorum est atteint');
    expect(text).toContain("Adoptée à l'unanimité des suffrages exprimés (54 voix)");
    expect(doc.tables[0]![5]).toEqual(['Mme LHOMME', 'M. FOUCAULT', '12']);
    const complete = await h.fake.waitForCall('files.completeUploadExternal');
    expect(complete.body.channel_id).toBe('C0GENERAL');
  });
});
