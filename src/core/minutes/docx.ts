/**
 * @module The minutes as a Word document: the entry point the commands and the page use. The writer and its
 * `docx` library (≈ 1 MB of JavaScript, ≈ 50 ms of CPU to load) are imported on the first document only, so
 * a start that never writes one (the console's first `/quorum`, a Slack or Discord door) does not pay for it.
 */
import type { Part } from './outline.ts';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function partsToDocxBase64(parts: readonly Part[], title: string, description?: string): Promise<string> {
  const writer = await import('./docx-writer.ts');
  return writer.partsToDocxBase64(parts, title, description);
}
