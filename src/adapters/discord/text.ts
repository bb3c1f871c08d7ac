/** @module Plain text → Discord Markdown: escaping, clipping and splitting within a length, never mid-character. */

/** Cuts at `max` UTF-16 units (Discord's count) without leaving half a surrogate pair or a dangling escape. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  let out = text.slice(0, end);
  // An odd run of trailing backslashes would escape whatever comes next.
  const slashes = /\\+$/.exec(out)?.[0].length ?? 0;
  if (slashes % 2 === 1) out = out.slice(0, -1);
  return out;
}

/** Shortens to `max` characters, at a word boundary when one is near, ending with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const room = cut(t, max - 1);
  const space = room.lastIndexOf(' ');
  const base = space > max * 0.6 ? room.slice(0, space) : room;
  return `${base.trimEnd()}…`;
}

const MARKDOWN_HINT = /[\\`*_~|[\]>#\-.]/;

/**
 * Escapes what Discord would read as Markdown in user-supplied plain text: emphasis, code, spoilers,
 * masked links, and quotes, headings and lists at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  // Most strings (names, figures) have nothing to escape: one test instead of three regex passes.
  if (!MARKDOWN_HINT.test(text)) return text;
  return text
    .replace(/[\\`*_~|[\]]/g, '\\$&')
    .replace(/^(\s*)([>#]|-(?=\s))/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/** Text for inside a code block: only a closing fence could break out of it. */
export function escapeCode(text: string): string {
  return text.replace(/```/g, '`\u200b``');
}

/** Splits text into pieces of at most `max` characters, preferring line breaks, then spaces. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const head = cut(rest, max);
    let at = head.lastIndexOf('\n');
    if (at < max * 0.3) at = head.lastIndexOf(' ');
    if (at < max * 0.3) at = head.length;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^[\n ]/, '');
    if (at === 0) break; // cannot happen with max ≥ 2; guards the loop
  }
  out.push(rest);
  return out.filter((p) => p.trim().length > 0);
}

/** Splits preformatted text into fenced code blocks each at most `max` characters long. */
export function codeBlocks(text: string, max: number, language = ''): string[] {
  const open = `\`\`\`${language.replace(/[^\w+-]/g, '')}\n`;
  const close = '\n```';
  const room = Math.max(1, max - open.length - close.length);
  const body = escapeCode(text.replace(/\s+$/, ''));
  return splitText(body.length ? body : ' ', room).map((chunk) => `${open}${chunk}${close}`);
}
