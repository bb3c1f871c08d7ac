/**
 * @module Links to the public page that the bot gives in the chat: the page's base address (SEANCE_PUBLIC_URL,
 * carried by the config) followed by a path. Without it the bot gives no link (a « localhost » address would
 * be wrong for every reader) and says how to set it.
 */
import type { Config } from '../config.ts';

/** `https://seance.example.fr/seances/2024-10-07`, or undefined when the public address is not set. */
export function publicLink(config: Pick<Config, 'publicUrl'>, path: string): string | undefined {
  return config.publicUrl ? `${config.publicUrl}${path}` : undefined;
}

/** What to do when the address is missing, for the person who reads the answer. */
export const PUBLIC_URL_MISSING =
  "L'adresse publique de la page n'est pas configurée : la personne qui installe le bot définit SEANCE_PUBLIC_URL, l'adresse à laquelle la page est servie (par exemple SEANCE_PUBLIC_URL=https://seance.example.fr), puis redémarre le bot.";

export const sessionPagePath = (sessionId: string) => `/seances/${sessionId}`;
export const minutesDocumentPath = (sessionId: string) => `/seances/${sessionId}/proces-verbal.docx`;
