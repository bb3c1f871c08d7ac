/**
 * @module /pv 2024-10-07 gives back the structure and every figure of the source minutes, in the chat (headings,
 * paragraphs, tables, lists)
 * and in the Word document attached to the reply, read back from its XML; the console writes that file.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsole } from '../helpers/console-session.ts';
import type { Reply } from '../../src/core/reply.ts';
import { readDocx } from '../helpers/docx-text.ts';
import { replyOutline } from '../helpers/reply-outline.ts';
import { createTestBot, reader, secretary, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot();
});
afterEach(async () => {
  await bot.close();
});

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const markdown = (r: Reply) => replyOutline(r);
const docxOf = (r: Reply) => {
  const a = r.attachments!.find((x) => x.filename.endsWith('.docx'))!;
  expect(a.encoding).toBe('base64');
  return readDocx(new Uint8Array(Buffer.from(a.content, 'base64')));
};

/** The ten items of the agenda of 7 October 2024, in the order of the minutes, each with its result. */
const AGENDA: [string, string][] = [
  [
    '1 – Constat du quorum',
    'quorum atteint (12 présents et 12 représentés, soit 24 délégués sur 47 en exercice, seuil : 24 ; 54 voix sur 104)',
  ],
  ['2 – Pouvoirs', '12 pouvoirs'],
  ['3 – Désignation du secrétaire de séance', 'M. PARSIS Laurent'],
  ['4 – Approbation du procès-verbal de la séance du 17 juin 2024', 'résultat non consigné'],
  ['5. Le mot du Président', 'Pour information'],
  [
    "6. France Numérique Ensemble – Feuille de route départementale d'inclusion numérique",
    'Le comité syndical prend acte',
  ],
  [
    "7. Projet d'établissement 2023-2025",
    'Le comité syndical prend acte (volet financier reporté au prochain Comité syndical)',
  ],
  [
    '8. Délibération n° 1 : Service mutualisé de coffre-fort de mots de passe',
    "Adoptée à l'unanimité des suffrages exprimés (54 voix)",
  ],
  ['9. Délibération n° 2 : Offre FTTH', "Adoptée à l'unanimité des suffrages exprimés (54 voix)"],
  ['10. Information du Président : délibération du Bureau du 23/09/2024', 'Pour information'],
];

/** Every string appears, each after the previous one. */
function expectInOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const part of parts) {
    const i = text.indexOf(part, at + 1);
    expect(i, `« ${part} » after position ${at}`).toBeGreaterThan(at);
    at = i;
  }
}

describe('/pv 2024-10-07: the draft minutes in the order of the source document', () => {
  it('in the chat: header, opening items, composition, quorum, attendance, agenda with results, deliberations, rectifications, closing', async () => {
    const r = await bot.ask('/pv 2024-10-07', reader);
    // The 7 October 2024 minutes are arrêtées (the config records their closing): no longer a draft.
    expect(r.title).toBe('Procès-verbal arrêté');
    const md = markdown(r);
    expectInOrder(md, [
      '# Somme Numérique',
      '## Procès-verbal – Comité syndical du lundi 7 octobre 2024',
      "L'an deux mille vingt-quatre, le sept octobre à 17 h 30",
      'convoquée le 30 septembre 2024',
      'Salle de réunion de Somme Numérique, Amiens, et par téléconférence',
      'présidée par M. VARLET Philippe',
      '### Ouverture de la séance',
      '### Composition et répartition des voix',
      'Département de la Somme : 6 délégués disposant chacun de 6 voix',
      'Total : 104 voix pour la totalité des délégués',
      '### Quorum',
      '12 présents et 12 représentés, soit 24 délégués sur 47 en exercice (seuil : 24), et 54 voix sur 104 : le quorum est atteint',
      'Secrétaire de séance : M. PARSIS Laurent.',
      '### Présents en salle (6)',
      '| M. VARLET | M. DECLÉ | 7 |',
      '| Mme LHOMME | M. FOUCAULT | 12 |',
      '| M. LEFEBVRE | Mme DELETRE | 7 |',
      '### Présents en téléconférence (6)',
      '| M. PAYEN | M. DEBEUGNY | 2 |',
      '| Mme MAILLE-BARBARE | M. FOURNIER | 7 |',
      '### Excusés (35)',
      '1. Mme PINON',
      '35. M. HAZARD',
      '### Ordre du jour',
      '### Liste des délibérations examinées',
      '### Rectifications',
      'Aucune.',
      'la séance est levée à 18 h 40.',
      'ID 080-258004365-20241106-PV_CS_071024-DE',
    ]);
    expectInOrder(md, AGENDA.flat());
    expect(md.match(/Adoptée à l'unanimité des suffrages exprimés \(54 voix\)/g)).toHaveLength(4); // two items, listed twice
  });

  it('attaches a Word document that opens and holds the same structure and figures', async () => {
    const r = await bot.ask('/pv 2024-10-07', reader);
    expect(r.attachments![0]).toMatchObject({
      filename: 'pv-2024-10-07.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const doc = docxOf(r);
    const text = nb(doc.paragraphs.join('\n'));
    expectInOrder(text, [
      'Procès-verbal – Comité syndical',
      'présidée par M. VARLET Philippe',
      ...AGENDA.slice(0, 4).flat(),
      '54 voix sur 104 : le quorum est atteint',
      'Excusés (35)',
      ...AGENDA.slice(4).flat(),
      'la séance est levée à 18 h 40.',
    ]);
    const [room, remote] = doc.tables;
    expect(room).toEqual([
      ['Présents', 'Pouvoirs', 'Voix'],
      ['M. VARLET', 'M. DECLÉ', '7'],
      ['M. PARSIS', 'Mme ROY', '7'],
      ['M. DELFOSSE', 'M. WALIGORA', '2'],
      ['M. DEMARCY', 'M. BLOCKLET', '2'],
      ['Mme LHOMME', 'M. FOUCAULT', '12'],
      ['M. LEFEBVRE', 'Mme DELETRE', '7'],
    ]);
    expect(remote!.slice(1).map((row) => row[2])).toEqual(['2', '2', '2', '2', '2', '7']);
    const voix = [...room!, ...remote!]
      .slice(1)
      .filter((row) => row[2] !== 'Voix')
      .reduce((n, row) => n + Number(row[2]), 0);
    expect(voix).toBe(54);
  });

  it('a session with no attendance yet gives a draft without invented figures', async () => {
    await bot.say('/seance planifier 2026-12-15 18:00 Salle du conseil', secretary);
    const r = await bot.ask('/pv 2026-12-15', reader);
    expect(r.title).toBe('Procès-verbal (projet)');
    const md = markdown(r);
    expect(md).toContain('### Présents en salle (0)');
    expect(md).toContain("le quorum n'est pas atteint");
    expect(md).toContain('Heure de clôture : non renseignée.');
    expect(docxOf(r).paragraphs.join('\n')).toContain('Heure de clôture : non renseignée.');
  });

  it('the console writes the .docx to a path and says where', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'seance-pv-')), 'fichiers');
    const { input, door, output } = openConsole(bot, { filesDir: dir });
    input.end('/pv 2024-10-07\n');
    await door.finished;
    const text = output();
    const path = join(dir, 'pv-2024-10-07.docx');
    expect(text).toContain(`Fichier enregistré : ${path}`);
    expect(existsSync(path)).toBe(true);
    const doc = readDocx(new Uint8Array(readFileSync(path)));
    expect(nb(doc.paragraphs.join('\n'))).toContain('Délibération n° 2 : Offre FTTH');
  });
});
