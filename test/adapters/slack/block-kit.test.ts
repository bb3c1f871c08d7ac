/** @module Unit tests of the pure Block Kit rendering: escaping, tables, limits, splitting, decided messages. */
import { describe, expect, it } from 'vitest';
import {
  MAX_BLOCKS,
  MAX_MESSAGES,
  MAX_TABLE_ROWS,
  clip,
  decidedMessage,
  escapeSlack,
  packLines,
  replyToBlockKit,
  replyToBlockKitMessages,
  type SlackMessage,
} from '../../../src/adapters/slack/block-kit.ts';
import { fields, reply, table, text, type Action, type Block, type Reply } from '../../../src/core/reply.ts';
import { replyToText } from '../../../src/core/reply-text.ts';
import { blockKitViolations, messageText } from './block-kit-limits.ts';

const allTexts = (m: SlackMessage) => JSON.stringify(m.blocks) + m.text;

describe('escapeSlack', () => {
  it('escapes the three markup characters, ampersand first', () => {
    expect(escapeSlack('<!channel> & <@U123> <https://evil.example|ici>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|ici&gt;',
    );
  });
});

describe('the text fallback', () => {
  it('is the reply as text when every block is short, and cuts long strings to 200 characters', () => {
    const short = reply('Pouvoirs', [fields([{ label: 'M. ROY', value: 'à Mme DURAND' }])]);
    expect(replyToBlockKit(short).text).toBe(escapeSlack(replyToText(short)));
    const long = reply('Pouvoirs', [fields([{ label: 'M. ROY', value: `${'x'.repeat(300)} & fin` }])]);
    const fallback = replyToBlockKit(long).text;
    expect(fallback).toContain(`${'x'.repeat(200)}…`);
    expect(fallback).not.toContain('fin');
  });
});

describe('replyToBlockKit', () => {
  it('renders a header, the session and rule as context, and a text fallback', () => {
    const m = replyToBlockKit(
      reply('Quorum atteint', [text('24 délégués')], {
        tone: 'success',
        session: 'Comité syndical du lundi 7 octobre 2024',
        rule: 'article 13',
      }),
    );
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '✅ Quorum atteint', emoji: true },
    });
    expect(m.blocks[1]).toMatchObject({
      type: 'context',
      elements: [{ text: expect.stringContaining('Comité syndical du lundi 7 octobre 2024') }],
    });
    expect(m.blocks.at(-1)).toMatchObject({
      type: 'context',
      elements: [{ text: expect.stringContaining('article 13') }],
    });
    expect(m.text).toContain('Quorum atteint');
    expect(blockKitViolations(m)).toEqual([]);
  });

  it('escapes every string taken from the reply', () => {
    const evil = '<!channel> <@U123> <http://x|y> &';
    const action: Action = {
      id: 'x.y',
      label: evil,
      value: '/pouvoir confirmer ROY',
      command: '/pouvoir confirmer ROY',
    };
    const r = reply(
      evil,
      [
        text(evil),
        { type: 'fields', fields: [{ label: evil, value: evil }] },
        table([evil, 'b'], [[evil, evil]], evil),
        { type: 'list', title: evil, items: [evil] },
        { type: 'code', text: evil },
      ],
      { session: evil, rule: evil, actions: [action] },
    );
    const m = replyToBlockKit(r);
    expect(allTexts(m)).not.toMatch(/<[!@h]/);
    expect(blockKitViolations(m)).toEqual([]);
    expect(messageText(m)).toContain('<!channel>'); // what the reader sees, as plain text
  });

  it("shows a reply's single table as Slack's table block: header row, figures right-aligned, text wrapped", () => {
    const m = replyToBlockKit(
      reply('t', [
        table(
          ['Présents', 'Voix', 'Montant'],
          [
            ['M. VARLET', '7', '35,00 € HT'],
            ['Mme MAILLE', '', ''],
          ],
          'En salle',
        ),
      ]),
    );
    expect(m.blocks.filter((b) => b.type === 'table')).toEqual([
      {
        type: 'table',
        rows: [
          [
            { type: 'raw_text', text: 'Présents' },
            { type: 'raw_text', text: 'Voix' },
            { type: 'raw_text', text: 'Montant' },
          ],
          [
            { type: 'raw_text', text: 'M. VARLET' },
            { type: 'raw_text', text: '7' },
            { type: 'raw_text', text: '35,00 € HT' },
          ],
          // Slack refuses an empty cell: a dash stands for it.
          [
            { type: 'raw_text', text: 'Mme MAILLE' },
            { type: 'raw_text', text: '—' },
            { type: 'raw_text', text: '—' },
          ],
        ],
        column_settings: [{ is_wrapped: true }, { align: 'right' }, { align: 'right' }],
      },
    ]);
    expect(messageText(m)).toContain('*En salle*');
    expect(JSON.stringify(m.blocks)).not.toContain('```');
    expect(blockKitViolations(m)).toEqual([]);
  });

  it('keeps a single wide table in the table block, but a table over 99 rows as one line per row', () => {
    const wide = replyToBlockKit(
      reply('t', [
        table(
          ['Service', 'Membres', 'Non-membres'],
          [['Service mutualisé de coffre-fort de mots de passe', '35,00 € HT/an', '40,00 € HT/an']],
        ),
      ]),
    );
    expect(messageText(wide)).toContain(
      'Service mutualisé de coffre-fort de mots de passe | 35,00 € HT/an | 40,00 € HT/an',
    );
    expect(blockKitViolations(wide)).toEqual([]);
    const rows = Array.from({ length: MAX_TABLE_ROWS }, (_, i) => [`Délégué ${i + 1}`, '1']);
    const long = replyToBlockKitMessages(reply('t', [table(['Nom', 'Voix'], rows)]));
    expect(long.flatMap((x) => x.blocks).some((b) => b.type === 'table')).toBe(false);
    for (const x of long) expect(blockKitViolations(x)).toEqual([]);
    const fits = replyToBlockKit(reply('t', [table(['Nom', 'Voix'], rows.slice(1))]));
    expect(fits.blocks.filter((b) => b.type === 'table')).toHaveLength(1);
    expect(blockKitViolations(fits)).toEqual([]);
  });

  it('renders every table of a reply the same way: the two halves of the proxy table look alike', () => {
    const room = table(['Présents', 'Pouvoirs', 'Voix'], [['M. VARLET', 'M. DECLÉ', '7']], 'Présents en salle');
    const remote = table(
      ['Présents en téléconférence', 'Pouvoirs', 'Voix'],
      [['Mme MAILLE-BARBARE', 'M. FOURNIER', '7']],
      'Présents à distance',
    );
    const m = messageText(replyToBlockKit(reply('Pouvoirs', [room, remote])));
    expect(m).toContain('• *M. VARLET* · Pouvoirs : M. DECLÉ · Voix : 7');
    expect(m).toContain('• *Mme MAILLE-BARBARE* · Pouvoirs : M. FOURNIER · Voix : 7');
    expect(m).not.toContain('```');
    const both = replyToBlockKit(
      reply('Pouvoirs', [
        room,
        table(['Présents', 'Pouvoirs', 'Voix'], [['M. PAYEN', 'M. DEBEUGNY', '2']], 'Présents à distance'),
      ]),
    );
    expect(JSON.stringify(both.blocks).match(/```/g)).toHaveLength(4);
    expect(both.blocks.some((b) => b.type === 'table')).toBe(false); // two tables: never the table block for one of them
  });

  it('renders buttons with the action id, the command line as value and the style', () => {
    const a: Action = {
      id: 'proxy.confirm',
      label: 'Confirmer',
      value: '/pouvoir confirmer ROY 2026-12-14',
      command: '/pouvoir confirmer ROY 2026-12-14',
      style: 'primary',
    };
    const m = replyToBlockKit(
      reply('Demande', [text('x')], { actions: [a, { ...a, id: 'proxy.refuse', label: 'Refuser', style: 'danger' }] }),
    );
    expect(m.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'proxy.confirm',
          value: '/pouvoir confirmer ROY 2026-12-14',
          style: 'primary',
          text: { type: 'plain_text', text: 'Confirmer', emoji: true },
        },
        {
          type: 'button',
          action_id: 'proxy.refuse',
          value: '/pouvoir confirmer ROY 2026-12-14',
          style: 'danger',
          text: { type: 'plain_text', text: 'Refuser', emoji: true },
        },
      ],
    });
  });

  it('uses the command line when the action value is not one, and drops buttons whose value is too long', () => {
    const m = replyToBlockKit(
      reply('x', [], {
        actions: [
          { id: 'a', label: 'A', value: '2024-10-07|roy', command: '/pouvoir confirmer ROY' },
          { id: 'b', label: 'B', value: `/odj ${'x'.repeat(2100)}`, command: `/odj ${'x'.repeat(2100)}` },
        ],
      }),
    );
    const actions = m.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ action_id: 'a', value: '/pouvoir confirmer ROY' }] });
    expect(blockKitViolations(m)).toEqual([]);
  });

  it('keeps the /pv of 47 names whole', () => {
    const names = Array.from({ length: 47 }, (_, i) => `${i + 1}. M. DÉLÉGUÉ-${i + 1}`).join('\n');
    const m = replyToBlockKit(reply('Procès-verbal', [{ type: 'code', text: `## Comité\n${names}` }]));
    expect(messageText(m)).toContain('47. M. DÉLÉGUÉ-47');
    expect(messageText(m)).not.toContain('tronquée');
  });

  it('splits a long reply across messages, then truncates with a French note', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `Délégué n° ${i} avec un nom assez long pour ne pas tenir`,
      `${i}`,
      'représenté',
    ]);
    const r = reply('Très longue liste', [table(['Nom', 'Voix', 'Statut'], rows)], { rule: 'règle' });
    const pages = replyToBlockKitMessages(r);
    expect(pages.length).toBe(MAX_MESSAGES);
    for (const p of pages) expect(blockKitViolations(p)).toEqual([]);
    expect(messageText(pages[1]!)).toContain('(suite de « Très longue liste »)');
    expect(messageText(pages.at(-1)!)).toContain('Réponse tronquée : la suite dépasse les limites de Slack.');
    expect(messageText(pages.at(-1)!)).toContain('règle');
    const single = replyToBlockKit(r);
    expect(single.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(messageText(single)).toContain('Réponse tronquée');
  });
});

describe('packLines and clip', () => {
  it('never cuts inside an entity or a surrogate pair', () => {
    const s = escapeSlack('<'.repeat(50) + '😀'.repeat(50));
    for (let max = 6; max < 60; max++) {
      for (const chunk of packLines([s], max)) {
        expect(chunk.length).toBeLessThanOrEqual(max);
        expect(chunk).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      expect(clip(s, max)).not.toMatch(/&(?!amp;|lt;|gt;)[^…]*…$/);
    }
  });
});

describe('decidedMessage', () => {
  it('drops the buttons and appends the outcome and who decided', () => {
    const request = replyToBlockKit(
      reply('Demande de pouvoir à confirmer', [text('Mme ROY déclare donner pouvoir à M. PARSIS (6 voix).')], {
        actions: [{ id: 'proxy.confirm', label: 'Confirmer', value: '/p', command: '/p' }],
      }),
    );
    const m = decidedMessage(
      request.blocks,
      reply('Pouvoir confirmé', [text('Pouvoir de Mme ROY à M. PARSIS confirmé.')], { tone: 'success' }),
      'Secrétariat <b>',
      'U0SECRET01',
    );
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(messageText(m)).toContain('Mme ROY déclare donner pouvoir');
    expect(messageText(m)).toContain('✅ *Pouvoir confirmé*');
    expect(messageText(m)).toContain('Décision : Secrétariat <b> (<@U0SECRET01>)');
    expect(blockKitViolations(m, { allowUserMentions: true })).toEqual([]);
  });
});

// Property-style: random replies, some enormous, full of markup characters, never break a limit.
describe('limits hold for any reply', () => {
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  }
  const ALPHABET = ['a', 'É', ' ', ' ', '\n', '<', '>', '&', '@', '!', '*', '`', '😀', 'ç', '|', '-'];

  it('for 100 random replies', () => {
    const rand = rng(20241007);
    const int = (max: number) => Math.floor(rand() * max);
    const size = () => [0, 1, 5, 40, 200, 3500, int(10) ? 900 : 20_000][int(7)]!;
    const str = (n = size()) => Array.from({ length: n }, () => ALPHABET[int(ALPHABET.length)]).join('');
    const block = (): Block => {
      switch (int(5)) {
        case 0:
          // Text in bold or italics, or a heading of a document (the minutes).
          return int(3) === 0
            ? { type: 'heading', level: (1 + int(3)) as 1 | 2 | 3, text: str(int(3) ? int(60) : 500) }
            : { type: 'text', text: str(), strong: rand() < 0.3, emphasis: rand() < 0.3 };
        case 1:
          return {
            type: 'fields',
            fields: Array.from({ length: int(30) }, () => ({
              label: str(int(60)),
              value: str(int(3) ? int(30) : size()),
            })),
          };
        case 2: {
          const cols = 1 + int(5);
          return table(
            Array.from({ length: cols }, () => str(int(20))),
            Array.from({ length: [0, 3, 50, 400][int(4)]! }, () =>
              Array.from({ length: cols }, () => str(int(40) ? int(25) : size())),
            ),
            int(2) ? str(int(80)) : undefined,
          );
        }
        case 3:
          return {
            type: 'list',
            items: Array.from({ length: [0, 3, 47, 1000][int(4)]! }, () => str(int(80))),
            ordered: rand() < 0.5,
            title: int(2) ? str(30) : undefined,
          };
        default:
          return { type: 'code', text: str() };
      }
    };
    for (let k = 0; k < 100; k++) {
      const r: Reply = reply(str(int(3) ? 30 : 500), Array.from({ length: [1, 3, 20, 60][int(4)]! }, block), {
        tone: (['info', 'success', 'warning', 'error'] as const)[int(4)]!,
        session: int(2) ? str(int(300)) : undefined,
        rule: int(2) ? str(int(3) ? 200 : 5000) : undefined,
        actions: Array.from({ length: int(3) ? int(3) : 40 }, (_, i) => ({
          id: `a.${int(3)}`,
          label: str(int(120)),
          value: `/x ${str(int(3) ? 20 : 2500)}`,
          command: '/x',
          style: int(2) ? ('primary' as const) : undefined,
        })).map((a, i) => ({ ...a, id: i % 7 === 0 ? 'same.id' : a.id })),
        attachments: int(4) ? undefined : [{ filename: str(40), contentType: 'text/markdown', content: 'x' }],
      });
      const pages = replyToBlockKitMessages(r);
      expect(pages.length).toBeLessThanOrEqual(MAX_MESSAGES);
      for (const p of [...pages, replyToBlockKit(r)]) {
        const problems = blockKitViolations(p);
        expect(problems, `reply ${k}: ${problems.slice(0, 3).join('; ')}`).toEqual([]);
      }
    }
  });
});
