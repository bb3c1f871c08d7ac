/**
 * @module Private calendar links: a random token (128 bits) shown once to its owner, stored only as its
 * SHA-256. Web Crypto (a global in Node and browsers), so the core imports no Node module.
 */

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function newCalendarToken(): string {
  return hex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** The hash under which a token is stored, and looked up by the web handler. */
export async function calendarTokenHash(token: string): Promise<string> {
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))));
}

export const CALENDAR_PATH = '/calendrier.ics';
export const privateCalendarPath = (token: string) => `/calendrier/${token}.ics`;
