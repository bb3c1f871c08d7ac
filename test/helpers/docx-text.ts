/**
 * @module Reads a .docx back for assertions: unzips it with fflate (the zip library `docx` itself uses) and
 * takes the text of word/document.xml paragraph by paragraph, and its tables row by row.
 */
import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]!);
const textOf = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

export interface DocxContent {
  readonly paragraphs: readonly string[];
  /** Each table as rows of cell texts. */
  readonly tables: readonly (readonly (readonly string[])[])[];
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const entry = files['word/document.xml'];
  if (!entry) throw new Error('word/document.xml missing: not a Word document');
  const xml = strFromU8(entry);
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
    ),
  );
  return { paragraphs, tables };
}
