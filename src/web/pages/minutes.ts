/**
 * @module The adopted minutes as the public page shows them and as their Word document: the same parts as /pv
 * (src/core/minutes/outline.ts), read from the record once the session is arrêtée, followed by the line that
 * dates the adoption and the publication. HTML comes from the Eta template (session.eta), the DOCX from the
 * `docx` renderer: both read these parts, so they say the same thing.
 */
import type { Config } from '../../core/config.ts';
import { partsToDocxBase64 } from '../../core/minutes/docx.ts';
import { minutesOutline, type Part } from '../../core/minutes/outline.ts';
import { sessionMinutes } from '../../core/minutes/session-minutes.ts';
import type { SessionRecord } from '../../core/model.ts';
import { formatDateLong } from '../../core/text/dates.ts';
import type { PublicSession } from '../site-data.ts';
import { minutesLine } from './format.ts';

export function adoptedMinutesParts(config: Config, p: PublicSession, record: SessionRecord): Part[] {
  const line = minutesLine(p, config.body.timezone);
  return [
    ...minutesOutline(sessionMinutes(config, p.session, record)),
    ...(line ? [{ kind: 'paragraph', text: `${line}.`, emphasis: true } as const] : []),
  ];
}

/** A part as the template writes it: headings one level down (the page's own h1 and h2 come first). */
export type HtmlPart =
  | { readonly kind: 'heading'; readonly tag: 'h3' | 'h4'; readonly text: string }
  | Exclude<Part, { readonly kind: 'heading' }>;

export function htmlParts(parts: readonly Part[]): HtmlPart[] {
  return parts.flatMap((part): HtmlPart[] => {
    if (part.kind !== 'heading') return [part];
    // The body's name (level 1) is the site's own header: not repeated inside the page.
    if (part.level === 1) return [];
    return [{ kind: 'heading', tag: part.level === 2 ? 'h3' : 'h4', text: part.text }];
  });
}

export const minutesFilename = (p: PublicSession) => `pv-${p.session.id}.docx`;

export async function adoptedMinutesDocx(parts: readonly Part[], p: PublicSession): Promise<Buffer> {
  const title = `Procès-verbal – ${p.session.title} du ${formatDateLong(p.session.date)}`;
  return Buffer.from(await partsToDocxBase64(parts, title, 'Procès-verbal arrêté'), 'base64');
}
