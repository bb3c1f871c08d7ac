/**
 * @module `replyToDiscord`: a Reply as Discord messages (embeds, buttons, files), pure. Long replies are split
 * over several embeds and messages within Discord's limits, never rejected; `replyToDiscordText` is the fallback.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Action, Block, Reply, Tone } from '../../core/reply.ts';
import { replyToText, tableToText } from '../../core/reply-text.ts';
import { actionCustomId } from './actions.ts';
import { DISCORD_LIMITS as L, embedSize } from './limits.ts';
import { clip, codeBlocks, cut, escapeMarkdown, splitText } from './text.ts';

export const TONE_COLOUR: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

/** Tables at most this wide (characters) are shown aligned in a code block; wider ones as one line per row. */
export const CODE_TABLE_MAX_WIDTH = 56;
/** Fields are laid out side by side when every label and value of the block is this short. */
const INLINE_MAX = 40;
const BLANK = '\u200b';

/** No user text may ping anyone: no @everyone/@here, roles or users, not even the person replied to. */
export const NO_MENTIONS = { parse: [] as [], repliedUser: false } as const;

export interface DiscordFile {
  readonly attachment: Buffer;
  readonly name: string;
}

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  files?: DiscordFile[];
  flags?: MessageFlags.Ephemeral;
  allowedMentions: typeof NO_MENTIONS;
}

type Piece =
  | { readonly kind: 'text'; readonly text: string; readonly sep: string }
  /** The body's name (1) heads an embed as its author line, the document's title (2) as its title. */
  | { readonly kind: 'heading'; readonly level: 1 | 2; readonly text: string }
  | { readonly kind: 'field'; readonly name: string; readonly value: string; readonly inline: boolean };

const textPieces = (markdown: string, max: number): Piece[] =>
  splitText(markdown, max).map((text, i) => ({ kind: 'text', text, sep: i === 0 ? '\n\n' : '\n' }));

const bold = (s: string) => `**${escapeMarkdown(s)}**`;

type TableBlock = Extract<Block, { type: 'table' }>;
/** How the tables of one reply are shown: all alike, so the two halves of the proxy table look the same. */
export type TableMode = 'fields' | 'code' | 'lines';

/** A table that reads as inline fields: a few short columns, at most one embed's fields. */
function fitsFields(b: TableBlock): boolean {
  return (
    b.rows.length <= L.embedFields &&
    b.columns.length >= 2 &&
    b.columns.length <= 4 &&
    b.rows.every((r) => r.every((c) => c.length <= INLINE_MAX))
  );
}

const fitsCode = (b: TableBlock) =>
  b.rows.length === 0 || Math.max(...tableToText(b.columns, b.rows).map((l) => l.length)) <= CODE_TABLE_MAX_WIDTH;

/**
 * Inline fields when every table fits them and all their rows fit one embed's fields, else aligned code blocks when all are narrow, else one
 * line per row.
 */
export function tableMode(blocks: readonly Block[]): TableMode {
  const tables = blocks.filter((b): b is TableBlock => b.type === 'table');
  const rows = tables.reduce((n, t) => n + t.rows.length, 0);
  // A document with headings (/pv) reads in order: Discord puts fields after the embed's text, so no fields there.
  const document = blocks.some((b) => b.type === 'heading');
  if (!document && tables.every(fitsFields) && rows <= L.embedFields) return 'fields';
  return tables.every(fitsCode) ? 'code' : 'lines';
}

/** One inline field per row: the first cell names it, the others are its value (labelled when there are several). */
function rowFields(b: TableBlock): Piece[] {
  return b.rows.map((r): Piece => {
    const rest = b.columns.slice(1).map((c, i) => ({ c, v: (r[i + 1] ?? '').trim() || '—' }));
    const value =
      rest.length === 1
        ? escapeMarkdown(rest[0]!.v)
        : rest.map(({ c, v }) => `${escapeMarkdown(c)} : ${escapeMarkdown(v)}`).join('\n');
    return {
      kind: 'field',
      name: clip(escapeMarkdown(r[0] ?? ''), L.fieldName) || BLANK,
      value: cut(value, L.fieldValue),
      inline: true,
    };
  });
}

function tablePieces(b: TableBlock, max: number, mode: TableMode): Piece[] {
  const head = b.title ? textPieces(bold(b.title), max) : [];
  if (b.rows.length === 0)
    return [...head, ...textPieces(escapeMarkdown(`${b.columns.join(' · ')} : aucune ligne`), max)];
  if (mode === 'fields') return [...head, ...rowFields(b)];
  const lines = tableToText(b.columns, b.rows);
  if (mode === 'code') {
    return [
      ...head,
      ...codeBlocks(lines.join('\n'), max).map(
        (text, i): Piece => ({ kind: 'text', text, sep: i === 0 && !head.length ? '\n\n' : '\n' }),
      ),
    ];
  }
  const rowLine = (r: readonly string[]) => {
    const first = bold(r[0] ?? '');
    if (b.columns.length === 2) return `• ${first} — ${escapeMarkdown(r[1] ?? '')}`;
    const rest = b.columns
      .slice(1)
      .map((c, i) => `${escapeMarkdown(c)} : ${escapeMarkdown(r[i + 1] ?? '—')}`)
      .join(' · ');
    return `• ${first} — ${rest}`;
  };
  const body = textPieces(b.rows.map(rowLine).join('\n'), max);
  return [
    ...head,
    ...body.map((p, i): Piece => (i === 0 && head.length && p.kind === 'text' ? { ...p, sep: '\n' } : p)),
  ];
}

function fieldPieces(fields: readonly { label: string; value: string }[]): Piece[] {
  const inline = fields.length > 1 && fields.every((f) => f.label.length <= INLINE_MAX && f.value.length <= INLINE_MAX);
  return fields.flatMap((f) => {
    const name = clip(escapeMarkdown(f.label), L.fieldName) || BLANK;
    const values = splitText(escapeMarkdown(f.value), L.fieldValue);
    if (values.length === 0) values.push('—');
    return values.map(
      (value, i): Piece => ({
        kind: 'field',
        name: i === 0 ? name : clip(`${name} (suite)`, L.fieldName),
        value,
        inline,
      }),
    );
  });
}

/** A line in bold (`**`), italics (`*`) or both; the text is escaped first, so only these marks are markup. */
function styled(line: string, strong?: boolean, emphasis?: boolean): string {
  if (!line.trim()) return line;
  const mark = `${strong ? '**' : ''}${emphasis ? '*' : ''}`;
  return `${mark}${line.trim()}${[...mark].reverse().join('')}`;
}

function blockPieces(b: Block, max: number, mode: TableMode): Piece[] {
  switch (b.type) {
    case 'text':
      return textPieces(
        escapeMarkdown(b.text)
          .split('\n')
          .map((l) => styled(l, b.strong, b.emphasis))
          .join('\n'),
        max,
      );
    case 'heading': {
      const t = b.text.trim();
      if (!t) return [];
      if (b.level === 3) return textPieces(`__${bold(t)}__`, max);
      return [
        { kind: 'heading', level: b.level, text: clip(escapeMarkdown(t), b.level === 1 ? L.authorName : L.embedTitle) },
      ];
    }
    case 'fields':
      return fieldPieces(b.fields);
    case 'list': {
      const items = b.items.map((it, i) => `${b.ordered ? `${i + 1}\\.` : '•'} ${escapeMarkdown(it)}`);
      const pieces = textPieces(items.join('\n'), max);
      return b.title
        ? [
            ...textPieces(bold(b.title), max),
            ...pieces.map((p, i): Piece => (i === 0 && p.kind === 'text' ? { ...p, sep: '\n' } : p)),
          ]
        : pieces;
    }
    case 'table':
      return tablePieces(b, max, mode);
    case 'code':
      return codeBlocks(b.text, max, b.language).map(
        (text, i): Piece => ({ kind: 'text', text, sep: i === 0 ? '\n\n' : '\n' }),
      );
  }
}

/** Packs pieces into embeds of at most `budget` counted characters each. */
function packEmbeds(pieces: readonly Piece[], budget: number, colour: number): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  type Current = { description: string; fields: APIEmbedField[]; size: number; title?: string; author?: string };
  let cur: Current = { description: '', fields: [], size: 0 };
  const flush = () => {
    if (!cur.description && cur.fields.length === 0 && !cur.title && !cur.author) return;
    // An author line alone is no embed: it becomes the title.
    const title = cur.title ?? (cur.description || cur.fields.length ? undefined : cur.author);
    const author = title === cur.author ? undefined : cur.author;
    embeds.push({
      color: colour,
      ...(author ? { author: { name: author } } : {}),
      ...(title ? { title } : {}),
      ...(cur.description ? { description: cur.description } : {}),
      ...(cur.fields.length ? { fields: cur.fields } : {}),
    });
    cur = { description: '', fields: [], size: 0 };
  };
  const hasBody = () => cur.description !== '' || cur.fields.length > 0;
  const addField = (field: APIEmbedField) => {
    const n = field.name.length + field.value.length;
    if (cur.fields.length >= L.embedFields || cur.size + n > budget) flush();
    cur.fields.push(field);
    cur.size += n;
  };
  for (const p of pieces) {
    if (p.kind === 'heading') {
      // A heading opens an embed: the body's name above the document's title, then the text under them.
      if (hasBody() || cur.title || (p.level === 1 && cur.author)) flush();
      if (p.level === 1) cur.author = p.text;
      else cur.title = p.text;
      cur.size += p.text.length;
      continue;
    }
    if (p.kind === 'field') {
      addField({ name: p.name, value: p.value, inline: p.inline });
      continue;
    }
    if (cur.fields.length === 0) {
      const add = cur.description ? p.sep + p.text : p.text;
      if (cur.description.length + add.length <= L.embedDescription && cur.size + add.length <= budget) {
        cur.description += add;
        cur.size += add.length;
        continue;
      }
    } else if (p.text.length <= L.fieldValue) {
      // Text after fields stays below them, as a field without a heading.
      addField({ name: BLANK, value: p.text, inline: false });
      continue;
    }
    flush();
    cur.description = p.text;
    cur.size = p.text.length;
  }
  flush();
  return embeds;
}

function buttons(actions: readonly Action[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const list: APIButtonComponentWithCustomId[] = [];
  for (const a of actions) {
    const custom_id = actionCustomId(a);
    if (seen.has(custom_id)) continue; // same command twice: one button does it
    seen.add(custom_id);
    const style =
      a.style === 'primary' ? ButtonStyle.Primary : a.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary;
    list.push({ type: ComponentType.Button, custom_id, label: clip(a.label, L.buttonLabel) || '…', style });
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < list.length && rows.length < L.actionRows; i += L.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: list.slice(i, i + L.buttonsPerRow) });
  }
  return rows;
}

const footerOf = (r: Reply) => cut([r.session, r.rule].filter(Boolean).join('\n'), L.footerText);

/** Groups embeds into messages (≤ 10 embeds, ≤ 6,000 characters each), then adds buttons, files and flags. */
function toMessages(r: Reply, embeds: APIEmbed[], content: string[] = []): DiscordMessage[] {
  const messages: DiscordMessage[] = content.map((c) => ({
    content: c,
    embeds: [],
    components: [],
    allowedMentions: NO_MENTIONS,
  }));
  let cur: APIEmbed[] = [];
  let size = 0;
  for (const e of embeds) {
    const n = embedSize(e);
    if (cur.length && (cur.length >= L.embedsPerMessage || size + n > L.embedTotal)) {
      messages.push({ embeds: cur, components: [], allowedMentions: NO_MENTIONS });
      cur = [];
      size = 0;
    }
    cur.push(e);
    size += n;
  }
  if (cur.length) messages.push({ embeds: cur, components: [], allowedMentions: NO_MENTIONS });
  const files = (r.attachments ?? []).map((a) => ({
    attachment: Buffer.from(a.content, a.encoding ?? 'utf8'),
    name: a.filename,
  }));
  for (let i = 0; i < files.length; i += L.filesPerMessage) {
    const slot =
      messages[i / L.filesPerMessage] ??
      messages[messages.push({ embeds: [], components: [], allowedMentions: NO_MENTIONS }) - 1]!;
    slot.files = files.slice(i, i + L.filesPerMessage);
  }
  const rows = buttons(r.actions ?? []);
  if (rows.length) messages[messages.length - 1]!.components = rows;
  if (r.visibility === 'ephemeral') for (const m of messages) m.flags = MessageFlags.Ephemeral;
  return messages;
}

/** A Reply as one or more Discord messages: embeds with fields, colour by tone, footer with the session and the rule. */
export function replyToDiscord(r: Reply): DiscordMessage[] {
  const colour = TONE_COLOUR[r.tone] ?? TONE_COLOUR.info;
  const title = clip(escapeMarkdown(r.title), L.embedTitle);
  const footer = footerOf(r);
  // Every embed keeps room for the title and the footer, so whichever embed carries them stays within 6,000.
  const budget = L.embedTotal - title.length - footer.length;
  const max = Math.min(L.embedDescription, budget);
  const mode = tableMode(r.blocks);
  const embeds = packEmbeds(
    r.blocks.flatMap((b) => blockPieces(b, max, mode)),
    budget,
    colour,
  );
  if (embeds.length === 0) embeds.push({ color: colour });
  // A document that opens with its own headings keeps them; the reply's title goes in an embed before it.
  if (title && (embeds[0]!.title || embeds[0]!.author)) embeds.unshift({ color: colour, title });
  else if (title) embeds[0]!.title = title;
  else if (!embeds[0]!.description && !embeds[0]!.fields?.length) embeds[0]!.description = BLANK;
  if (footer) embeds[embeds.length - 1]!.footer = { text: footer };
  return toMessages(r, embeds);
}

/** The same Reply as plain text messages (≤ 2,000 characters each), for when embeds are refused. */
export function replyToDiscordText(r: Reply): DiscordMessage[] {
  const chunks = splitText(escapeMarkdown(replyToText(r)), L.content);
  return toMessages(r, [], chunks.length ? chunks : [BLANK]);
}

/** Message options without the ephemeral flag, for channel and DM posts where it has no meaning. */
export function forChannel(m: DiscordMessage): Omit<DiscordMessage, 'flags'> {
  const { flags: _ephemeral, ...rest } = m;
  return rest;
}
