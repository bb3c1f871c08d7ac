/**
 * @module `replyToBlockKit`: the pure rendering of a neutral Reply to Slack Block Kit, within Slack's limits
 * (named below): long replies are split across blocks and messages, or truncated with a note, never rejected.
 * Every string taken from a Reply goes through `escapeSlack`, so user text can never become a mention or a link.
 */
import type { Action, Block, Field, Reply } from '../../core/reply.ts';
import { blockToText, replyToText, tableToText } from '../../core/reply-text.ts';

/** Blocks in one message. */
export const MAX_BLOCKS = 50;
/** Characters in a section's text (and in a context element's text). */
export const MAX_SECTION_TEXT = 3000;
/** Fields in one section. */
export const MAX_FIELDS = 10;
/** Characters in one section field. */
export const MAX_FIELD_TEXT = 2000;
/** Characters in a header block. */
export const MAX_HEADER_TEXT = 150;
/** Elements in a context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** Elements in an actions block. */
export const MAX_ACTION_ELEMENTS = 25;
/** Characters in a button's label, its action_id and its value. */
export const MAX_BUTTON_TEXT = 75;
export const MAX_ACTION_ID = 255;
export const MAX_BUTTON_VALUE = 2000;
/** The `text` fallback (notifications, screen readers): Slack truncates beyond 40,000, advises 4,000. */
export const MAX_FALLBACK_TEXT = 4000;
/** Our own budget of block text per message: keeps each message readable and far from Slack's size caps. */
export const MAX_MESSAGE_CHARS = 12_000;
/** Messages one reply may span: a slash command's response_url accepts five. */
export const MAX_MESSAGES = 5;
/** Rows of a table block, its header row included, and cells in a row (Slack's table block). */
export const MAX_TABLE_ROWS = 100;
export const MAX_TABLE_COLUMNS = 20;
/** A table at most this wide (monospace) is shown as is in a code block; wider ones one line per row. */
export const NARROW_TABLE_WIDTH = 40;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  text?: Mrkdwn;
  fields?: Mrkdwn[];
}
export interface ContextBlock {
  type: 'context';
  elements: Mrkdwn[];
}
export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
}
export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
}
export interface TableCell {
  type: 'raw_text';
  text: string;
}
/** Slack's native table: messages only, one per message (Slack refuses a second), shown at the message's end. */
export interface TableBlockKit {
  type: 'table';
  rows: TableCell[][];
  column_settings?: { is_wrapped?: boolean; align?: 'left' | 'right' }[];
}
export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | TableBlockKit;

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const TONE_MARK: Record<Reply['tone'], string> = { info: '', success: '✅ ', warning: '⚠️ ', error: '❌ ' };

const SLACK_MARKUP = /[&<>]/;

/** Escapes the three characters Slack treats as markup, so `<!channel>` or `<@U1>` stay plain text. */
export function escapeSlack(text: string): string {
  // Most strings hold none of the three: one test instead of three replace passes (every string of every reply).
  if (!SLACK_MARKUP.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The inverse, for text Slack sends us (message events arrive escaped). */
export function unescapeSlack(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A cut position at or before `max` that splits neither an `&…;` entity nor a surrogate pair. */
function safeCut(s: string, max: number): number {
  let cut = Math.min(max, s.length);
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && s.indexOf(';', amp) >= cut) cut = amp;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return Math.max(cut, 1);
}

/** Shortens already-escaped text to `max` characters, ending with an ellipsis. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, safeCut(s, max - 1))}…`;
}

/** Splits one escaped line into pieces of at most `max` characters, preferring spaces. */
function splitLine(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = safeCut(rest, max);
    const space = rest.lastIndexOf(' ', cut);
    if (space > max / 2) cut = space;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}

/** Packs escaped lines into chunks of at most `max` characters, breaking between lines when possible. */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => splitLine(l, max))) {
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks.filter((c) => c.trim()); // Slack refuses blank texts
}

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const sections = (lines: readonly string[]): SectionBlock[] => packLines(lines, MAX_SECTION_TEXT).map(section);
const context = (texts: readonly string[]): ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, MAX_CONTEXT_ELEMENTS).map((t) => ({ type: 'mrkdwn', text: clip(t, MAX_SECTION_TEXT) })),
});
const bold = (raw: string) => (raw.trim() ? `*${escapeSlack(raw)}*` : '');

/** Preformatted text in ``` fences, one fence pair per section; user text cannot close the fence early. */
function codeSections(raw: string): SectionBlock[] {
  const lines = escapeSlack(raw.replace(/```/g, '`\u200b``')).split('\n');
  return packLines(lines, MAX_SECTION_TEXT - 8).map((chunk) => section(`\`\`\`\n${chunk}\n\`\`\``));
}

function fieldsBlocks(fields: readonly Field[]): SectionBlock[] {
  // Slack's two-column fields only read well with short values; long ones become "label : value" lines.
  if (fields.some((f) => f.value.length > 40 || f.label.length > 40)) {
    return sections(fields.map((f) => `${bold(f.label)} : ${escapeSlack(f.value)}`));
  }
  const out: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += MAX_FIELDS) {
    out.push({
      type: 'section',
      fields: fields.slice(i, i + MAX_FIELDS).map((f) => ({
        type: 'mrkdwn',
        text: clip(`${bold(f.label)}\n${escapeSlack(f.value)}`.trim() || '—', MAX_FIELD_TEXT),
      })),
    });
  }
  return out;
}

type TableBlock = Extract<Block, { type: 'table' }>;

/** Does the table read as a code block on a phone? */
function tableFits(b: TableBlock): boolean {
  const width = (s: string) => [...s].length;
  const widths = b.columns.map((c, i) => Math.max(width(c), ...b.rows.map((r) => width(r[i] ?? ''))));
  return widths.reduce((a, w) => a + w + 2, -2) <= NARROW_TABLE_WIDTH;
}

/** One rendering for every table of a reply (the two halves of the proxy table look alike): code only if all fit. */
export function tablesFit(blocks: readonly Block[]): boolean {
  return blocks.every((b) => b.type !== 'table' || tableFits(b));
}

/**
 * The reply's table that goes in Slack's table block: Slack takes one per message (and shows it at the end), so
 * only a reply with a single table, of at most 99 rows and 20 columns, gets it; with several tables all of them
 * keep one rendering (code block or lines), so the two halves of the proxy table look alike.
 */
export function nativeTableOf(blocks: readonly Block[]): TableBlock | undefined {
  const tables = blocks.filter((b): b is TableBlock => b.type === 'table');
  const t = tables.length === 1 ? tables[0]! : undefined;
  if (!t || t.rows.length === 0 || t.rows.length >= MAX_TABLE_ROWS) return undefined;
  return t.columns.length >= 1 && t.columns.length <= MAX_TABLE_COLUMNS ? t : undefined;
}

/** Figures (voix, amounts, counts) align right, as in a printed table. */
const FIGURE = /^[-+]?[\d\s\u00a0\u202f.,]+(?:\s?(?:€|%|voix|HT|TTC|\/an))*$/;

function nativeTableBlocks(b: TableBlock): SlackBlock[] {
  // A cell is plain text (never a mention or a link); Slack wants at least one character in it.
  const cell = (s: string): TableCell => ({
    type: 'raw_text',
    text: clip(escapeSlack(s.trim()), MAX_FIELD_TEXT) || '—',
  });
  const figures = b.columns.map((_, i) => b.rows.every((r) => !r[i]?.trim() || FIGURE.test(r[i]!.trim())));
  const table: TableBlockKit = {
    type: 'table',
    rows: [b.columns.map(cell), ...b.rows.map((r) => b.columns.map((_, i) => cell(r[i] ?? '')))],
    column_settings: figures.map((figure) => (figure ? { align: 'right' } : { is_wrapped: true })),
  };
  return [...(b.title ? sections([bold(b.title)]) : []), table];
}

function tableBlocks(b: TableBlock, asCode = tableFits(b)): SectionBlock[] {
  const title = b.title ? [bold(b.title)] : [];
  if (asCode) {
    return [...(title.length ? sections(title) : []), ...codeSections(tableToText(b.columns, b.rows).join('\n'))];
  }
  // Too wide for a phone: one line per row, the first cell in bold, the others labelled by their column.
  const rows = b.rows.map((r) => {
    const rest = r
      .slice(1)
      .map((cell, i) => (cell ? `${escapeSlack(b.columns[i + 1] ?? '')} : ${escapeSlack(cell)}` : ''))
      .filter(Boolean);
    return [`• ${bold(r[0] ?? '') || '—'}`, ...rest].join(' · ');
  });
  return sections([...title, ...rows]);
}

/** A line set in bold, italics or both (`*_…_*`); blank lines stay blank (Slack shows a bare `**`). */
function styled(line: string, strong?: boolean, emphasis?: boolean): string {
  if (!line.trim()) return line;
  const italic = emphasis ? `_${line.trim()}_` : line.trim();
  return strong ? `*${italic}*` : emphasis ? italic : line;
}

/** Headings 1 and 2 (the body, the document) are header blocks; a part's heading is a bold line. */
function headingBlocks(level: 1 | 2 | 3, raw: string): SlackBlock[] {
  if (!raw.trim()) return [];
  if (level === 3) return sections([bold(raw.trim())]);
  return [
    { type: 'header', text: { type: 'plain_text', text: clip(escapeSlack(raw.trim()), MAX_HEADER_TEXT), emoji: true } },
  ];
}

export function blockToSlack(b: Block, tablesAsCode?: boolean, native = false): SlackBlock[] {
  switch (b.type) {
    case 'text':
      return b.text.trim()
        ? sections(
            escapeSlack(b.text)
              .split('\n')
              .map((l) => styled(l, b.strong, b.emphasis)),
          )
        : [];
    case 'heading':
      return headingBlocks(b.level, b.text);
    case 'fields':
      return b.fields.length ? fieldsBlocks(b.fields) : [];
    case 'table':
      return native ? nativeTableBlocks(b) : tableBlocks(b, tablesAsCode);
    case 'list':
      return sections([
        ...(b.title ? [bold(b.title)] : []),
        ...b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '•'} ${escapeSlack(it)}`),
      ]);
    case 'code':
      return b.text ? codeSections(b.text) : [];
  }
}

/** The button's value is what a click runs: the action's value when it is a command line, else its command. */
export function buttonValue(a: Action): string {
  return a.value.startsWith('/') ? a.value : a.command;
}

function actionsBlocks(actions: readonly Action[]): { blocks: ActionsBlock[]; dropped: string[] } {
  const usable = actions.filter((a) => buttonValue(a).length <= MAX_BUTTON_VALUE);
  const shown = usable.slice(0, MAX_ACTION_ELEMENTS);
  const dropped = actions
    .filter((a) => !shown.includes(a))
    .map((a) => `${escapeSlack(a.label)} : ${escapeSlack(a.command)}`);
  if (!shown.length) return { blocks: [], dropped };
  const seen = new Map<string, number>();
  const elements = shown.map((a): ButtonElement => {
    const n = seen.get(a.id) ?? 0;
    seen.set(a.id, n + 1);
    // action_ids must be unique within a message; a repeated id gets a #n suffix the click handler ignores.
    const id = (n ? `${a.id}#${n}` : a.id).slice(0, MAX_ACTION_ID);
    return {
      type: 'button',
      action_id: id,
      value: buttonValue(a),
      text: {
        type: 'plain_text',
        text: clip(escapeSlack(a.label.trim() || a.id), MAX_BUTTON_TEXT) || '—',
        emoji: true,
      },
      ...(a.style ? { style: a.style } : {}),
    };
  });
  return { blocks: [{ type: 'actions', elements }], dropped };
}

const blockChars = (b: SlackBlock): number => JSON.stringify(b).length;

const TRUNCATION_NOTE = section('_… Réponse tronquée : la suite dépasse les limites de Slack._');
const NOTE_CHARS = blockChars(TRUNCATION_NOTE);

const SHORT = 200;

/** True when `shrink` would return the block unchanged (the usual reply: short strings, few items). */
function alreadySmall(b: Block): boolean {
  const short = (t: string) => t.length <= SHORT;
  switch (b.type) {
    case 'text':
    case 'code':
      return b.text.length <= MAX_FALLBACK_TEXT;
    case 'heading':
      return short(b.text);
    case 'fields':
      return b.fields.length <= 50 && b.fields.every((f) => short(f.label) && short(f.value));
    case 'table':
      return b.rows.length <= 50 && b.columns.every(short) && b.rows.every((r) => r.every(short));
    case 'list':
      return b.items.length <= 100 && b.items.every(short);
  }
}

/** A block cut down to what a 4,000-character fallback can show, so huge replies cost little to render. */
function shrink(b: Block): Block {
  if (alreadySmall(b)) return b;
  const cut = (t: string, n = SHORT) => (t.length > n ? `${t.slice(0, safeCut(t, n))}…` : t);
  switch (b.type) {
    case 'text':
    case 'code':
      return { ...b, text: cut(b.text, MAX_FALLBACK_TEXT) };
    case 'heading':
      return { ...b, text: cut(b.text) };
    case 'fields':
      return { ...b, fields: b.fields.slice(0, 50).map((f) => ({ label: cut(f.label), value: cut(f.value) })) };
    case 'table':
      return {
        ...b,
        columns: b.columns.map((c) => cut(c)),
        rows: b.rows.slice(0, 50).map((r) => r.map((c) => cut(c))),
      };
    case 'list':
      return { ...b, items: b.items.slice(0, 100).map((it) => cut(it)) };
  }
}

/** The reply's first blocks, as many as the text fallback can show. */
function fallbackText(reply: Reply): string {
  if (reply.blocks.every(alreadySmall)) {
    // The usual answer: rendered once. Each block's lines are in `whole`, each after a newline, so when `whole` fits
    // the loop below would keep every block unchanged and give the same text.
    const whole = replyToText(reply);
    if (whole.length <= MAX_FALLBACK_TEXT) return clip(escapeSlack(whole), MAX_FALLBACK_TEXT);
  }
  const blocks: Block[] = [];
  let size = 0;
  let same = true;
  for (const b of reply.blocks) {
    if (size > MAX_FALLBACK_TEXT) {
      same = false;
      break;
    }
    const small = shrink(b);
    same &&= small === b;
    blocks.push(small);
    size += blockToText(small).reduce((n, l) => n + l.length + 1, 0);
  }
  return clip(escapeSlack(replyToText(same ? reply : { ...reply, blocks })), MAX_FALLBACK_TEXT);
}

/** Renders a Reply as one or more Slack messages (at most `maxMessages`, the last truncated with a note). */
export function replyToBlockKitMessages(reply: Reply, maxMessages = MAX_MESSAGES): SlackMessage[] {
  const title = `${TONE_MARK[reply.tone]}${reply.title}`;
  const head: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(escapeSlack(title.trim() || '—'), MAX_HEADER_TEXT), emoji: true },
    },
  ];
  if (reply.session) head.push(context([`🗓️ ${escapeSlack(reply.session)}`]));
  const { blocks: actionBlocks, dropped } = actionsBlocks(reply.actions ?? []);
  const notes = [
    ...(reply.rule ? [`⚖️ ${escapeSlack(reply.rule)}`] : []),
    ...(reply.attachments ?? []).map((a) => `📎 Pièce jointe : ${escapeSlack(a.filename)}`),
    ...dropped.map((d) => `→ ${d}`),
  ];
  // The tail (rule, attachments, buttons) ends the last message; it is exempt from our character budget.
  const tail: SlackBlock[] = [...(notes.length ? [context(notes)] : []), ...actionBlocks];

  // Render the body only as far as the messages can carry it.
  const body: SlackBlock[] = [];
  const sizes: number[] = [];
  let complete = true;
  let rendered = 0;
  const tablesAsCode = tablesFit(reply.blocks);
  const native = nativeTableOf(reply.blocks);
  for (const b of reply.blocks) {
    if (body.length > maxMessages * MAX_BLOCKS || rendered > maxMessages * MAX_MESSAGE_CHARS) {
      complete = false;
      break;
    }
    for (const sb of blockToSlack(b, tablesAsCode, b === native)) {
      body.push(sb);
      sizes.push(blockChars(sb));
      rendered += sizes.at(-1)!;
    }
  }
  const after = new Array<number>(body.length + 1).fill(0); // characters of body[i..]
  for (let k = body.length - 1; k >= 0; k--) after[k] = after[k + 1]! + sizes[k]!;

  const pages: SlackBlock[][] = [];
  let page = [...head];
  let chars = page.reduce((n, b) => n + blockChars(b), 0);
  let i = 0;
  const take = () => {
    chars += sizes[i]!;
    page.push(body[i++]!);
  };
  for (;;) {
    const fitsAll =
      page.length + (body.length - i) + tail.length <= MAX_BLOCKS && chars + after[i]! <= MAX_MESSAGE_CHARS;
    if (complete && fitsAll) {
      while (i < body.length) take();
      break;
    }
    if (pages.length === maxMessages - 1) {
      while (
        i < body.length &&
        page.length + 2 + tail.length <= MAX_BLOCKS &&
        chars + sizes[i]! + NOTE_CHARS <= MAX_MESSAGE_CHARS
      )
        take();
      page.push(TRUNCATION_NOTE);
      break;
    }
    const start = i;
    while (i < body.length && page.length < MAX_BLOCKS && chars + sizes[i]! <= MAX_MESSAGE_CHARS) take();
    if (i === start && i < body.length && page.length < MAX_BLOCKS) take(); // one oversized block still goes
    pages.push(page);
    page = [context([`_(suite de « ${clip(escapeSlack(reply.title), 200)} »)_`])];
    chars = blockChars(page[0]!);
  }
  page.push(...tail);
  pages.push(page);

  const fallback = fallbackText(reply);
  return pages.map((blocks, n) => ({
    text: n === 0 ? fallback : clip(escapeSlack(`${reply.title} (suite ${n + 1}/${pages.length})`), MAX_FALLBACK_TEXT),
    blocks,
  }));
}

/** Renders a Reply as one Slack message, truncated with a note when it would need more. */
export function replyToBlockKit(reply: Reply): SlackMessage {
  return replyToBlockKitMessages(reply, 1)[0]!;
}

/**
 * The message that replaces a request once someone decided on it: the original blocks without their
 * buttons, then the outcome and who decided. `originalBlocks` are the request's blocks as Slack sent them back.
 */
export function decidedMessage(
  originalBlocks: readonly unknown[],
  outcome: Reply,
  decider: string,
  deciderUserId?: string,
): SlackMessage {
  const kept = originalBlocks.filter((b) => (b as { type?: string })?.type !== 'actions') as SlackBlock[];
  const who = `Décision : ${escapeSlack(decider)}${deciderUserId && /^[UW][A-Z0-9]+$/.test(deciderUserId) ? ` (<@${deciderUserId}>)` : ''}`;
  const added: SlackBlock[] = [
    section(clip(`${TONE_MARK[outcome.tone]}${bold(outcome.title)}`, MAX_SECTION_TEXT)),
    ...outcome.blocks.flatMap((b) => blockToSlack(b, tablesFit(outcome.blocks))).slice(0, 10),
    context([who]),
  ];
  const blocks = [...kept.slice(0, MAX_BLOCKS - added.length), ...added];
  return { text: clip(escapeSlack(`${outcome.title} — ${decider}`), MAX_FALLBACK_TEXT), blocks };
}

/**
 * A request settled elsewhere (a command, another door, the console): the request as it was posted, without its
 * buttons, then the outcome line (« Confirmé par … »).
 */
export function settledMessage(request: SlackMessage, outcome: string): SlackMessage {
  const kept = request.blocks.filter((b) => b.type !== 'actions');
  return {
    text: clip(`${request.text} — ${escapeSlack(outcome)}`, MAX_FALLBACK_TEXT),
    blocks: [...kept.slice(0, MAX_BLOCKS - 1), section(clip(`→ ${bold(outcome)}`, MAX_SECTION_TEXT))],
  };
}
