/**
 * @module The minutes as a Word document (DOCX) the secretariat edits in an office suite (Word, LibreOffice).
 * Loaded only when a document is asked for (through docx.ts): the library is ≈ 1 MB of JavaScript. Built with the `docx` library (maintained, pure JavaScript, no native code, no Node-only API needed here):
 * it writes valid Office Open XML and zips it, which we would otherwise have to hand-roll. Returns base64
 * so that the attachment travels as text through every door.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Part } from './outline.ts';

const HEADINGS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;

function cellOf(text: string, header: boolean, numeric: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header })],
      }),
    ],
  });
}

function toDocx(part: Part): (Paragraph | Table)[] {
  switch (part.kind) {
    case 'heading':
      return [new Paragraph({ text: part.text, heading: HEADINGS[part.level] })];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: [new TextRun({ text: part.text, bold: part.strong, italics: part.emphasis })],
        }),
      ];
    case 'table': {
      const numeric = part.columns.map((c) => c === 'Voix');
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: part.columns.map((c, i) => cellOf(c, true, numeric[i]!)) }),
            ...part.rows.map((r) => new TableRow({ children: r.map((c, i) => cellOf(c, false, numeric[i]!)) })),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
    }
    case 'list':
      // Ordered lists keep their number in the text: it is part of the record (« 12. M. FOURNIER »).
      return part.items.map((it, i) =>
        part.ordered ? new Paragraph({ text: `${i + 1}. ${it}` }) : new Paragraph({ text: it, bullet: { level: 0 } }),
      );
  }
}

export async function partsToDocxBase64(
  parts: readonly Part[],
  title: string,
  description = 'Projet de procès-verbal',
): Promise<string> {
  const doc = new Document({
    title,
    creator: 'Séance',
    description,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: parts.flatMap(toDocx) }],
  });
  return Packer.toBase64String(doc);
}
