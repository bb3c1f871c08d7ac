/**
 * @module A vote's result in words and figures, as minutes write it: « Adoptée à l'unanimité des suffrages
 * exprimés (54 voix) », « Adoptée par 48 voix pour, 6 contre et 2 abstentions ». French agreement: the subject
 * is a délibération (feminine) by default; 0 and 1 take the singular. Voix is invariable.
 */
import { formatInt, plural } from '../text/format.ts';
import type { BallotResult } from './count.ts';
import type { Choice } from './model.ts';

/** Grammatical gender of what was voted: « la délibération » (f) or « le projet » (m). */
export type Gender = 'f' | 'm';

const agree = (word: string, g: Gender) => (g === 'f' ? `${word}e` : word);

/** « a, b et c »; two parts keep the minutes' comma: « 48 voix pour, 6 contre ». */
function join(parts: string[]): string {
  if (parts.length < 3) return parts.join(', ');
  return `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

function others(r: BallotResult): string[] {
  const out: string[] = [];
  if (r.abstention) out.push(plural(r.abstention, 'abstention', 'abstentions'));
  if (r.blanc) out.push(plural(r.blanc, 'bulletin blanc', 'bulletins blancs'));
  return out;
}

export function resultText(r: BallotResult, g: Gender = 'f'): string {
  const adopted = agree('Adopté', g);
  const rejected = agree('Rejeté', g);
  const { pour, contre = 0, cast = 0 } = r;
  if (pour === undefined) return `${adopted} à l'unanimité`;
  const rest = others(r);
  if (cast === 0) return `${rejected} : aucun suffrage exprimé${rest.length ? ` (${join(rest)})` : ''}`;
  const n = (v: number) => formatInt(v);
  if (r.unanimous) {
    const head = r.adopted ? adopted : rejected;
    return `${head} à l'unanimité des suffrages exprimés (${join([`${n(cast)} voix`, ...rest])})`;
  }
  const forFirst = join([`${n(pour)} voix pour`, `${n(contre)} contre`, ...rest]);
  const againstFirst = join([`${n(contre)} voix contre`, `${n(pour)} pour`, ...rest]);
  if (r.casting) {
    return `${r.adopted ? `${adopted} par ${forFirst}` : `${rejected} par ${againstFirst}`}, la voix du président étant prépondérante`;
  }
  if (r.tie && r.ballot.secret)
    return `${rejected} : partage des voix (${forFirst}) au scrutin secret, sans voix prépondérante`;
  if (r.tie) return `${rejected} faute de majorité : partage des voix (${forFirst})`;
  if (r.adopted) return `${adopted} par ${forFirst}`;
  if (contre > pour) return `${rejected} par ${againstFirst}`;
  return `${rejected} faute de la majorité requise (${n(r.required ?? 0)} voix) : ${forFirst}`;
}

const CHOICE_LABEL: Record<Exclude<Choice, 'pour'>, string> = {
  contre: 'Ont voté contre',
  abstention: 'Se sont abstenus',
  blanc: 'Ont voté blanc',
};

/** For a public ballot by names: who voted against, abstained or voted blank (L2121-15 asks for the names). */
export function namedLines(r: BallotResult, nameById: (id: string) => string): string[] {
  if (!r.choices) return [];
  const lines: string[] = [];
  for (const choice of ['contre', 'abstention', 'blanc'] as const) {
    const ids = Object.entries(r.choices)
      .filter(([, c]) => c === choice)
      .map(([id]) => id);
    if (ids.length) lines.push(`${CHOICE_LABEL[choice]} : ${ids.map(nameById).join(', ')}`);
  }
  return lines;
}
