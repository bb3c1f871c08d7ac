/** @module Test helper: lists every way a Slack message breaks Block Kit's limits or lets raw markup through. */
import {
  MAX_ACTION_ELEMENTS,
  MAX_ACTION_ID,
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_CONTEXT_ELEMENTS,
  MAX_FALLBACK_TEXT,
  MAX_FIELD_TEXT,
  MAX_FIELDS,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
} from '../../../src/adapters/slack/block-kit.ts';

type Obj = Record<string, unknown>;
const KNOWN = new Set(['header', 'section', 'context', 'actions', 'divider', 'table']);

function text(o: unknown, where: string, max: number, out: string[], kinds = ['mrkdwn', 'plain_text']): string {
  const t = o as Obj | undefined;
  if (!t || typeof t.text !== 'string' || !kinds.includes(String(t.type))) {
    out.push(`${where}: not a text object`);
    return '';
  }
  if (!t.text.trim()) out.push(`${where}: empty text`);
  if (t.text.length > max) out.push(`${where}: ${t.text.length} > ${max} characters`);
  return t.text;
}

export interface LimitOptions {
  /** Mentions the door writes itself (`<@U…>` of the person who decided) are allowed. */
  readonly allowUserMentions?: boolean;
}

/** Raw `<`/`>` or a broken `&` entity: user text escaped badly. */
export function markupProblems(s: string, where: string, opts: LimitOptions = {}): string[] {
  const cleaned = opts.allowUserMentions ? s.replace(/<@[UW][A-Z0-9]+>/g, '') : s;
  const out: string[] = [];
  if (/[<>]/.test(cleaned)) out.push(`${where}: raw markup in ${JSON.stringify(cleaned.slice(0, 80))}`);
  if (/&(?!amp;|lt;|gt;)/.test(cleaned)) out.push(`${where}: broken entity`);
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s))
    out.push(`${where}: split surrogate pair`);
  return out;
}

export function blockKitViolations(message: unknown, opts: LimitOptions = {}): string[] {
  const out: string[] = [];
  const m = message as Obj;
  if (typeof m.text !== 'string' || !m.text.trim()) out.push('text fallback missing');
  else {
    if (m.text.length > MAX_FALLBACK_TEXT) out.push(`text fallback ${m.text.length} > ${MAX_FALLBACK_TEXT}`);
    out.push(...markupProblems(m.text, 'text', opts));
  }
  const blocks = m.blocks as Obj[] | undefined;
  if (!Array.isArray(blocks)) return [...out, 'blocks missing'];
  if (blocks.length > MAX_BLOCKS) out.push(`${blocks.length} blocks > ${MAX_BLOCKS}`);
  const ids = new Set<string>();
  const tables = blocks.filter((b) => b.type === 'table').length;
  if (tables > 1) out.push(`${tables} table blocks: Slack takes one per message`);
  blocks.forEach((b, i) => {
    const w = `block ${i} (${String(b.type)})`;
    const texts: string[] = [];
    if (!KNOWN.has(String(b.type))) out.push(`${w}: unknown type`);
    if (b.type === 'header') texts.push(text(b.text, w, MAX_HEADER_TEXT, out, ['plain_text']));
    if (b.type === 'section') {
      if (b.text === undefined && b.fields === undefined) out.push(`${w}: neither text nor fields`);
      if (b.text !== undefined) texts.push(text(b.text, w, MAX_SECTION_TEXT, out));
      if (b.fields !== undefined) {
        const f = b.fields as unknown[];
        if (!f.length || f.length > MAX_FIELDS) out.push(`${w}: ${f.length} fields`);
        f.forEach((x, j) => texts.push(text(x, `${w} field ${j}`, MAX_FIELD_TEXT, out)));
      }
    }
    if (b.type === 'context') {
      const e = b.elements as unknown[];
      if (!e?.length || e.length > MAX_CONTEXT_ELEMENTS) out.push(`${w}: ${e?.length} elements`);
      e?.forEach((x, j) => texts.push(text(x, `${w} element ${j}`, MAX_SECTION_TEXT, out)));
    }
    if (b.type === 'actions') {
      const e = b.elements as Obj[];
      if (!e?.length || e.length > MAX_ACTION_ELEMENTS) out.push(`${w}: ${e?.length} elements`);
      e?.forEach((x, j) => {
        const bw = `${w} button ${j}`;
        if (x.type !== 'button') out.push(`${bw}: not a button`);
        texts.push(text(x.text, bw, MAX_BUTTON_TEXT, out, ['plain_text']));
        const id = String(x.action_id ?? '');
        if (!id || id.length > MAX_ACTION_ID) out.push(`${bw}: bad action_id`);
        if (ids.has(id)) out.push(`${bw}: duplicate action_id ${id}`);
        ids.add(id);
        if (typeof x.value !== 'string' || x.value.length > MAX_BUTTON_VALUE) out.push(`${bw}: bad value`);
        if (x.style !== undefined && x.style !== 'primary' && x.style !== 'danger') out.push(`${bw}: bad style`);
      });
    }
    if (b.type === 'table') {
      const rows = b.rows as Obj[][] | undefined;
      if (!Array.isArray(rows) || !rows.length || rows.length > MAX_TABLE_ROWS) out.push(`${w}: ${rows?.length} rows`);
      rows?.forEach((r, j) => {
        if (!r.length || r.length > MAX_TABLE_COLUMNS || r.length !== rows[0]!.length)
          out.push(`${w} row ${j}: ${r.length} cells`);
        r.forEach((c, k) => texts.push(text(c, `${w} row ${j} cell ${k}`, MAX_FIELD_TEXT, out, ['raw_text'])));
      });
    }
    for (const t of texts) out.push(...markupProblems(t, w, opts));
  });
  return out;
}

/** What a person reads in a message: header, sections, fields and context, entities decoded. */
export function messageText(message: unknown): string {
  const m = message as Obj;
  const parts: string[] = [];
  for (const b of (m.blocks as Obj[] | undefined) ?? []) {
    const t = b.text as Obj | undefined;
    if (t?.text) parts.push(String(t.text));
    for (const f of (b.fields as Obj[] | undefined) ?? []) parts.push(String(f.text));
    if (b.type === 'context') for (const e of (b.elements as Obj[]) ?? []) parts.push(String(e.text));
    if (b.type === 'actions')
      for (const e of (b.elements as Obj[]) ?? []) parts.push(`[${String((e.text as Obj).text)}]`);
    if (b.type === 'table')
      for (const r of (b.rows as Obj[][]) ?? []) parts.push(r.map((c) => String(c.text)).join(' | '));
  }
  if (!parts.length && typeof m.text === 'string') parts.push(m.text);
  return parts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
