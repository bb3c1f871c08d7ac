/**
 * @module Reads the count a secretary types after `/vote <n°>`: « unanimite », « pour 48 contre 6 abstention 0
 * [blanc 2] [président pour] [secret] », or by names « contre: DELFOSSE, LEFEBVRE [abstention: …] » (everybody
 * else votes pour), with « retrait: NOM » for members who withdrew (L2131-11). Names stay raw text here: the
 * command resolves them against the roster. Pure; bad input throws a `UserError` in French.
 */
import { fail } from '../errors.ts';
import type { Choice } from './model.ts';

export type ParsedTally =
  | { readonly kind: 'unanimity'; readonly abstention?: number }
  | {
      readonly kind: 'figures';
      readonly pour: number;
      readonly contre: number;
      readonly abstention: number;
      readonly blanc?: number;
      readonly president?: Choice;
    }
  | {
      readonly kind: 'names';
      readonly contre: readonly string[];
      readonly abstention: readonly string[];
      readonly blanc: readonly string[];
    };

export interface ParsedVote {
  readonly tally: ParsedTally;
  readonly secret: boolean;
  /** Raw names of the members who withdrew from the item. */
  readonly withdrawn: readonly string[];
}

export const VOTE_USAGE =
  'unanimite | pour <voix> contre <voix> [abstention <voix>] [blanc <voix>] [président pour|contre] [secret] | contre: NOMS [abstention: NOMS] — et retrait: NOMS';

const CHOICES: readonly Choice[] = ['pour', 'contre', 'abstention', 'blanc'];
const LABEL = /(contre|abstentions?|blancs?|retraits?)\s*:/giu;
const FIGURE = /(?:^|\s)(pour|contre|abstentions?|blancs?)\s+(\d{1,6})(?=\s|$)/giu;

const choiceOf = (word: string): 'contre' | 'abstention' | 'blanc' | 'retrait' | 'pour' => {
  const w = word.toLowerCase();
  if (w.startsWith('abstention')) return 'abstention';
  if (w.startsWith('blanc')) return 'blanc';
  if (w.startsWith('retrait')) return 'retrait';
  return w === 'pour' ? 'pour' : 'contre';
};

/** « DELFOSSE, LEFEBVRE et PAYEN » → three raw names. */
const namesIn = (text: string) =>
  text
    .split(/\s*(?:[,;]|\s+et\s+)\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);

export function parseVote(input: string): ParsedVote {
  const text = input.normalize('NFC').trim();
  const lists: Record<'contre' | 'abstention' | 'blanc' | 'retrait', string[]> = {
    contre: [],
    abstention: [],
    blanc: [],
    retrait: [],
  };
  // Named lists: each label takes the text up to the next label.
  const labels = [...text.matchAll(LABEL)];
  labels.forEach((m, i) => {
    const end = labels[i + 1]?.index ?? text.length;
    const kind = choiceOf(m[1]!);
    if (kind === 'pour') return;
    lists[kind].push(...namesIn(text.slice(m.index! + m[0].length, end)));
  });
  const head = labels.length ? text.slice(0, labels[0]!.index) : text;
  const secret = /(?:^|\s)(?:scrutin\s+)?secret(?=\s|$)/iu.test(head);
  const withdrawn = lists.retrait;
  const named = lists.contre.length + lists.abstention.length + lists.blanc.length > 0;

  const figures = new Map<string, number>();
  for (const m of head.matchAll(FIGURE)) {
    const kind = choiceOf(m[1]!);
    if (figures.has(kind)) fail('vote.syntax', `« ${kind} » est indiqué deux fois.`);
    figures.set(kind, Number(m[2]));
  }
  const said = /(?:^|\s)pr[ée]sident(?:e)?\s+(pour|contre|abstention|blanc)(?=\s|$)/iu.exec(head)?.[1]?.toLowerCase();
  const president = CHOICES.find((c) => c === said);
  const unanimity = /(?:^|\s)(?:à\s+l'|a\s+l')?unanimit[ée](?=\s|$)/iu.test(head);

  // « unanimite abstention 6 » is unanimity of the votes cast, not figures.
  const onlyAbstention = [...figures.keys()].every((k) => k === 'abstention');
  const kinds = [unanimity, figures.size > 0 && !(unanimity && onlyAbstention), named].filter(Boolean).length;
  if (kinds > 1) {
    fail(
      'vote.syntax',
      "Indiquer le vote d'une seule façon : l'unanimité, les chiffres ou les noms.",
      [],
      `Usage : ${VOTE_USAGE}`,
    );
  }
  if (unanimity)
    return {
      tally: { kind: 'unanimity', ...(figures.has('abstention') ? { abstention: figures.get('abstention')! } : {}) },
      secret,
      withdrawn,
    };
  if (named)
    return {
      tally: { kind: 'names', contre: lists.contre, abstention: lists.abstention, blanc: lists.blanc },
      secret,
      withdrawn,
    };
  if (figures.has('pour') && figures.has('contre')) {
    return {
      tally: {
        kind: 'figures',
        pour: figures.get('pour')!,
        contre: figures.get('contre')!,
        abstention: figures.get('abstention') ?? 0,
        ...(figures.has('blanc') ? { blanc: figures.get('blanc')! } : {}),
        ...(president ? { president } : {}),
      },
      secret,
      withdrawn,
    };
  }
  if (figures.size)
    fail(
      'vote.syntax',
      'Indiquer au moins les voix pour et les voix contre (0 si aucune) : « pour 48 contre 6 ».',
      [],
      `Usage : ${VOTE_USAGE}`,
    );
  fail('vote.syntax', 'Vote non reconnu.', [], `Usage : ${VOTE_USAGE}`);
}
