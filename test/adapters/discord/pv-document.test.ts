/** @module The Discord door attaches the /pv Word document as bytes (real discord.js against the fake Discord), and it opens. */
import { afterEach, describe, expect, it } from 'vitest';
import { readDocx } from '../../helpers/docx-text.ts';
import { expectValidMessage, IDS, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('/pv in Discord', () => {
  it("attaches pv-2024-10-07.docx, a Word file with the minutes' figures", async () => {
    h = await startHarness();
    const sent = h.fake.sendCommand({ name: 'pv', options: { séance: '2024-10-07' }, userId: IDS.SECRETARIAT });
    const { callback, message } = await h.answer(sent);
    expectValidMessage(message);
    const file = callback.files.find((f) => f.filename === 'pv-2024-10-07.docx')!;
    expect(file.data.subarray(0, 2).toString()).toBe('PK');
    const doc = readDocx(new Uint8Array(file.data));
    const text = doc.paragraphs.join('\n').replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('Délibération n° 1 : Service mutualisé de coffre-fort de mots de passe');
    expect(text).toContain("Adoptée à l'unanimité des suffrages exprimés (54 voix)");
    expect(doc.tables[1]!.slice(1).map((row) => row[2])).toEqual(['2', '2', '2', '2', '2', '7']);
  });

  it('shows the minutes in the chat as embeds: the body as author, the document as title, bold parts, no Markdown listing', async () => {
    h = await startHarness();
    const sent = h.fake.sendCommand({ name: 'pv', options: { séance: '2024-10-07' }, userId: IDS.SECRETARIAT });
    const { message } = await h.answer(sent);
    expectValidMessage(message);
    const [head, minutes] = message.embeds;
    expect(head.title).toBe('Procès-verbal arrêté');
    expect(minutes.author.name).toBe('Somme Numérique');
    expect(minutes.title).toBe('Procès-verbal – Comité syndical du lundi 7 octobre 2024');
    const text = message.embeds.map((e: { description?: string }) => e.description ?? '').join('\n');
    expect(text).toContain('__**Excusés (35)**__');
    expect(text).toContain('35\\. M. HAZARD');
    expect(text).toContain("***Adoptée à l'unanimité des suffrages exprimés (54 voix)***");
    expect(text).not.toContain('```markdown');
  });
});
