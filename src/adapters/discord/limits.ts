/** @module Discord's message limits as named constants, and a checker that lists what a message would break. */
import type { APIEmbed } from 'discord.js';

/** https://discord.com/developers/docs/resources/message#embed-object-embed-limits and the message/component docs. */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of all the embeds of one message together. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  content: 2000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  filesPerMessage: 10,
} as const;

/** The characters Discord counts towards the 6,000 of a message. */
export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** The message shape this door sends; a subset of discord.js message options. */
export interface MessageShape {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly {
    readonly components: readonly { readonly custom_id?: string; readonly label?: string }[];
  }[];
  readonly files?: readonly unknown[];
}

/** Every limit a message breaks, in words (empty when Discord would accept it). */
export function messageProblems(m: MessageShape): string[] {
  const L = DISCORD_LIMITS;
  const out: string[] = [];
  const embeds = m.embeds ?? [];
  if ((m.content ?? '').length > L.content) out.push(`content ${m.content!.length} > ${L.content}`);
  if (!m.content && embeds.length === 0 && !m.files?.length && !m.components?.length) out.push('empty message');
  if (embeds.length > L.embedsPerMessage) out.push(`${embeds.length} embeds > ${L.embedsPerMessage}`);
  const total = embeds.reduce((n, e) => n + embedSize(e), 0);
  if (total > L.embedTotal) out.push(`embeds total ${total} > ${L.embedTotal}`);
  embeds.forEach((e, i) => {
    if ((e.title?.length ?? 0) > L.embedTitle) out.push(`embed ${i} title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > L.embedDescription) out.push(`embed ${i} description ${e.description!.length}`);
    if ((e.footer?.text.length ?? 0) > L.footerText) out.push(`embed ${i} footer ${e.footer!.text.length}`);
    if ((e.author?.name.length ?? 0) > L.authorName) out.push(`embed ${i} author ${e.author!.name.length}`);
    if ((e.fields?.length ?? 0) > L.embedFields) out.push(`embed ${i} has ${e.fields!.length} fields`);
    if (!e.title && !e.description && !e.fields?.length) out.push(`embed ${i} is empty`);
    (e.fields ?? []).forEach((f, j) => {
      if (f.name.length === 0 || f.name.length > L.fieldName) out.push(`embed ${i} field ${j} name ${f.name.length}`);
      if (f.value.length === 0 || f.value.length > L.fieldValue)
        out.push(`embed ${i} field ${j} value ${f.value.length}`);
    });
  });
  const rows = m.components ?? [];
  if (rows.length > L.actionRows) out.push(`${rows.length} action rows > ${L.actionRows}`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.components.length === 0 || row.components.length > L.buttonsPerRow)
      out.push(`row of ${row.components.length} buttons`);
    for (const b of row.components) {
      if ((b.label?.length ?? 0) > L.buttonLabel) out.push(`button label ${b.label!.length}`);
      const id = b.custom_id ?? '';
      if (id.length === 0 || id.length > L.customId) out.push(`custom_id length ${id.length}`);
      if (ids.has(id)) out.push(`duplicate custom_id ${id}`);
      ids.add(id);
    }
  }
  if ((m.files?.length ?? 0) > L.filesPerMessage) out.push(`${m.files!.length} files > ${L.filesPerMessage}`);
  return out;
}
