/** `replyToDiscord`: embeds by tone with fields and footer; huge replies split within every Discord limit, nothing rejected. */
import { describe, expect, it } from 'vitest';
import {
  replyToDiscord,
  replyToDiscordText,
  TONE_COLOUR,
  type DiscordMessage,
} from '../../../src/adapters/discord/embeds.ts';
import { DISCORD_LIMITS, embedSize, messageProblems } from '../../../src/adapters/discord/limits.ts';
import { actionCustomId } from '../../../src/adapters/discord/actions.ts';
import { escapeMarkdown } from '../../../src/adapters/discord/text.ts';
import { fields, heading, list, reply, table, text, type Block, type Reply } from '../../../src/core/reply.ts';

const allText = (ms: DiscordMessage[]) =>
  ms
    .flatMap((m) => [
      m.content ?? '',
      ...m.embeds.flatMap((e) => [
        e.author?.name,
        e.title,
        e.description,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
        e.footer?.text,
      ]),
    ])
    .join('\n');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWithinLimits(ms: DiscordMessage[]): void {
  expect(ms.length).toBeGreaterThan(0);
  for (const m of ms) {
    expect(messageProblems(m)).toEqual([]);
    expect(m.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(LONE_SURROGATE.test(allText([m]))).toBe(false);
  }
}

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = [
  'a',
  'é',
  ' ',
  ' ',
  '\n',
  '*',
  '_',
  '`',
  '```',
  '|',
  '>',
  '#',
  '-',
  '@everyone',
  '😀',
  '€',
  '\\',
  '[',
  ']',
  'ß',
  '\u202f',
];

function randomReply(seed: number): { reply: Reply; markers: string[] } {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const markers: string[] = [];
  const marker = () => {
    const m = `MK${seed}x${markers.length}Z`;
    markers.push(m);
    return m;
  };
  const str = (max: number) => {
    const n = int(max);
    let s = '';
    while (s.length < n) s += ALPHABET[int(ALPHABET.length)];
    return s;
  };
  const big = () => (r() < 0.2 ? 8000 : r() < 0.5 ? 1500 : 120);
  const blocks: Block[] = [];
  for (let i = int(12); i >= 0; i--) {
    switch (int(5)) {
      case 0:
        // Text in bold or italics, or a heading of a document (the minutes).
        if (r() < 0.3) blocks.push(heading((1 + int(3)) as 1 | 2 | 3, `${marker()} ${str(r() < 0.2 ? 400 : 60)}`));
        else blocks.push({ type: 'text', text: `${marker()} ${str(big())}`, strong: r() < 0.3, emphasis: r() < 0.3 });
        break;
      case 1:
        blocks.push(
          fields(
            Array.from({ length: int(60) + 1 }, () => ({
              label: `${marker()}${str(r() < 0.1 ? 400 : 30)}`,
              value: str(r() < 0.1 ? 3000 : 60),
            })),
          ),
        );
        break;
      case 2:
        blocks.push(
          list(
            Array.from({ length: int(200) }, () => `${marker()} ${str(80)}`),
            r() < 0.5 ? str(300) : undefined,
            r() < 0.5,
          ),
        );
        break;
      case 3: {
        const cols = int(5) + 1;
        blocks.push(
          table(
            Array.from({ length: cols }, () => str(20) || 'c'),
            Array.from({ length: int(300) }, () => [
              marker(),
              ...Array.from({ length: cols - 1 }, () => str(r() < 0.5 ? 10 : 60)),
            ]),
            r() < 0.5 ? str(50) : undefined,
          ),
        );
        break;
      }
      case 4:
        blocks.push({ type: 'code', text: `${marker()}\n${str(big())}`, language: r() < 0.5 ? 'markdown' : undefined });
        break;
    }
  }
  const tones = ['info', 'success', 'warning', 'error'] as const;
  return {
    markers,
    reply: reply(str(r() < 0.2 ? 1000 : 80), blocks, {
      tone: tones[int(4)]!,
      visibility: r() < 0.5 ? 'ephemeral' : 'public',
      session: r() < 0.5 ? str(r() < 0.2 ? 3000 : 80) : undefined,
      rule: r() < 0.5 ? str(r() < 0.2 ? 3000 : 200) : undefined,
      actions: Array.from({ length: int(r() < 0.2 ? 40 : 3) }, (_, k) => ({
        id: `a${k}`,
        label: str(120) || 'x',
        value: String(k),
        command: `/pouvoir confirmer ${k} ${str(r() < 0.3 ? 200 : 10)}`,
      })),
      attachments: Array.from({ length: int(r() < 0.2 ? 25 : 2) }, (_, k) => ({
        filename: `f${k}.md`,
        contentType: 'text/markdown',
        content: str(100),
      })),
    }),
  };
}

describe('replyToDiscord', () => {
  it('renders a reply as one embed: title, fields, colour by tone, footer with the session and the rule', () => {
    const [m, ...rest] = replyToDiscord(
      reply(
        'Quorum atteint',
        [
          fields([
            { label: 'Présents', value: '12' },
            { label: 'Seuil', value: '24' },
          ]),
          text('Total : 104 voix.'),
        ],
        {
          tone: 'success',
          session: 'Comité syndical du lundi 7 octobre 2024',
          rule: 'article 13 du règlement intérieur',
        },
      ),
    );
    expect(rest).toEqual([]);
    expect(m!.flags).toBeUndefined();
    expect(m!.embeds).toHaveLength(1);
    const e = m!.embeds[0]!;
    expect(e).toMatchObject({
      title: 'Quorum atteint',
      color: TONE_COLOUR.success,
      footer: { text: 'Comité syndical du lundi 7 octobre 2024\narticle 13 du règlement intérieur' },
    });
    expect(e.fields).toEqual([
      { name: 'Présents', value: '12', inline: true },
      { name: 'Seuil', value: '24', inline: true },
      { name: '\u200b', value: 'Total : 104 voix.', inline: false },
    ]);
  });

  it('shows short tables as inline fields (first cell as name), narrow ones in code blocks, wide ones as lines', () => {
    const short = replyToDiscord(
      reply('Pouvoirs', [table(['Présents', 'Pouvoirs', 'Voix'], [['M. VARLET', 'M. DECLÉ', '7']], 'En salle')]),
    );
    expect(short[0]!.embeds[0]!.description).toBe('**En salle**');
    expect(short[0]!.embeds[0]!.fields).toEqual([
      { name: 'M. VARLET', value: 'Pouvoirs : M. DECLÉ\nVoix : 7', inline: true },
    ]);
    expectWithinLimits(short);
    const rows = Array.from({ length: DISCORD_LIMITS.embedFields + 1 }, (_, i) => [`M. N${i}`, '1']);
    const narrow = replyToDiscord(
      reply('Pouvoirs', [
        table(['Présents', 'Voix'], [['M. VARLET', '7']], 'En salle'),
        table(['Présents', 'Voix'], rows, 'À distance'),
      ]),
    );
    // One table too long for fields: both tables in code blocks, so the two halves look alike.
    expect(allText(narrow)).toContain('```\nPrésents   Voix\n─────────  ────\nM. VARLET  7\n```');
    expect(narrow.flatMap((m) => m.embeds).flatMap((e) => e.fields ?? [])).toEqual([]);
    expectWithinLimits(narrow);
    const wide = replyToDiscord(
      reply('Séances', [
        table(
          ['Date', 'Heure', 'Lieu'],
          [['lundi 7 octobre 2024', '17 h 30', 'Salle de réunion de Somme Numérique, Amiens et à distance']],
        ),
      ]),
    );
    expect(wide[0]!.embeds[0]!.description).toBe(
      '• **lundi 7 octobre 2024** — Heure : 17 h 30 · Lieu : Salle de réunion de Somme Numérique, Amiens et à distance',
    );
  });

  it('escapes Markdown in user text', () => {
    const [m] = replyToDiscord(
      reply('*titre*', [text('# pas un titre\n> pas une citation\n**gras** `code` ||spoiler|| [lien](http://x)')]),
    );
    expect(m!.embeds[0]!.title).toBe('\\*titre\\*');
    expect(m!.embeds[0]!.description).toBe(
      '\\# pas un titre\n\\> pas une citation\n\\*\\*gras\\*\\* \\`code\\` \\|\\|spoiler\\|\\| \\[lien\\](http://x)',
    );
  });

  it('turns actions into buttons carrying the command, and ephemeral replies into ephemeral messages', () => {
    const [m] = replyToDiscord(
      reply('Demande', [text('x')], {
        visibility: 'ephemeral',
        actions: [
          {
            id: 'proxy.confirm',
            label: 'Confirmer',
            value: 'v',
            command: '/pouvoir confirmer ROY 2024-10-07',
            style: 'primary',
          },
          {
            id: 'proxy.refuse',
            label: 'Refuser',
            value: 'v',
            command: '/pouvoir refuser ROY 2024-10-07',
            style: 'danger',
          },
        ],
      }),
    );
    expect(m!.flags).toBe(64);
    expect(m!.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, custom_id: 'act:/pouvoir confirmer ROY 2024-10-07', label: 'Confirmer', style: 1 },
          { type: 2, custom_id: 'act:/pouvoir refuser ROY 2024-10-07', label: 'Refuser', style: 4 },
        ],
      },
    ]);
  });

  it('keys a command too long for a custom_id by a short hash', () => {
    const id = actionCustomId({ command: `/odj ajouter 2026-12-15 deliberation ${'x'.repeat(200)}` });
    expect(id).toMatch(/^act#[\w-]{24}$/);
    expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
  });

  it('splits a huge reply over several messages, within every limit, losing no line', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`ligne ${i}`, 'x'.repeat(70)]);
    const many = Array.from({ length: 120 }, (_, i) => ({ label: `Champ ${i}`, value: 'v'.repeat(900) }));
    const ms = replyToDiscord(
      reply('Très long', [table(['Ligne', 'Valeur'], rows), fields(many), text('fin')], { session: 's', rule: 'r' }),
    );
    expectWithinLimits(ms);
    expect(ms.length).toBeGreaterThan(2);
    const all = allText(ms);
    for (const r of rows) expect(all).toContain(`**${r[0]}**`);
    for (const f of many) expect(all).toContain(f.label);
    expect(ms.at(-1)!.embeds.at(-1)!.footer?.text).toBe('s\nr');
  });

  it('never exceeds a limit, whatever the reply (300 random replies, huge and full of Markdown)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { reply: r, markers } = randomReply(seed);
      const ms = replyToDiscord(r);
      try {
        expectWithinLimits(ms);
        const all = allText(ms);
        for (const m of markers) expect(all).toContain(m);
        expect(ms.flatMap((m) => m.files ?? [])).toHaveLength(r.attachments?.length ?? 0);
        expect(ms.flatMap((m) => m.embeds).every((e) => e.color === TONE_COLOUR[r.tone])).toBe(true);
        expect(ms.every((m) => (m.flags === 64) === (r.visibility === 'ephemeral'))).toBe(true);
        expectWithinLimits(replyToDiscordText(r));
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`);
      }
    }
  });

  it('counts the 6,000 characters over all the embeds of a message', () => {
    const ms = replyToDiscord(
      reply(
        'T',
        Array.from({ length: 30 }, (_, i) => text(`${i} ${'a'.repeat(3000)}`)),
      ),
    );
    for (const m of ms)
      expect(m.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it('falls back to plain text messages of at most 2,000 characters', () => {
    const ms = replyToDiscordText(
      reply('Titre', [text('é'.repeat(5000))], { actions: [{ id: 'a', label: 'A', value: 'v', command: '/aide' }] }),
    );
    expectWithinLimits(ms);
    expect(ms.length).toBe(3);
    expect(ms.every((m) => m.embeds.length === 0)).toBe(true);
    expect(ms.at(-1)!.components).toHaveLength(1);
    expect(escapeMarkdown('a*b')).toBe('a\\*b');
  });
});
