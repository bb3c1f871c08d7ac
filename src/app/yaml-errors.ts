/**
 * @module YAML syntax errors in French for the administrator who edits the body's file: line, column,
 * what was expected, and the line itself. The `yaml` library's codes are stable; its messages are English.
 */
import type { ErrorCode } from 'yaml';

const EXPECTED: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'indentation incorrecte : aligner cette ligne sur les clés de même niveau',
  MISSING_CHAR: 'caractère fermant manquant (guillemet, ] ou }) : fermer la chaîne ou la liste ouverte plus haut',
  DUPLICATE_KEY: "clé en double : chaque clé ne peut apparaître qu'une fois au même niveau",
  TAB_AS_INDENT: 'tabulation interdite pour indenter : utiliser des espaces',
  BLOCK_AS_IMPLICIT_KEY: "une clé ne peut pas être un bloc : vérifier les deux-points et l'indentation",
  MULTILINE_IMPLICIT_KEY: 'une clé doit tenir sur une ligne : il manque sans doute « : » ou un tiret',
  UNEXPECTED_TOKEN: 'caractère inattendu à cet endroit',
  BAD_SCALAR_START: 'valeur mal commencée : mettre le texte entre guillemets',
  BAD_DQ_ESCAPE: "séquence d'échappement invalide entre guillemets doubles",
  BLOCK_IN_FLOW: 'bloc impossible dans une liste ou un objet entre [ ] ou { }',
  BAD_ALIAS: 'alias (*nom) invalide',
  MULTIPLE_DOCS: 'un seul document attendu (pas de « --- » en cours de fichier)',
  KEY_OVER_1024_CHARS: 'clé trop longue (1 024 caractères au plus)',
  NON_STRING_KEY: 'une clé doit être un texte simple',
  BAD_COLLECTION_TYPE: 'type de collection inattendu',
  TAG_RESOLVE_FAILED: 'étiquette (!tag) inconnue',
};

/** « ligne 2, colonne 1 : caractère fermant manquant … ; ligne : « a: [1, 2 » ». */
export function yamlErrorText(
  code: ErrorCode,
  englishMessage: string,
  line: number,
  col: number,
  source: string,
): string {
  const unclosed = /Flow (sequence|mapping)/.exec(englishMessage);
  const what = unclosed
    ? `${unclosed[1] === 'sequence' ? 'liste entre [ ] non fermée ou mal indentée' : 'objet entre { } non fermé ou mal indenté'} : il manque sans doute « ${unclosed[1] === 'sequence' ? ']' : '}'} » plus haut`
    : (EXPECTED[code] ?? `syntaxe YAML invalide (${englishMessage.split('\n')[0]})`);
  const text = source.split(/\r?\n/)[line - 1]?.trim();
  return `ligne ${line}, colonne ${col} : ${what}${text ? ` ; ligne concernée : « ${text.length > 60 ? `${text.slice(0, 57)}...` : text} »` : ''}`;
}
