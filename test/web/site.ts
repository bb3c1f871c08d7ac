/**
 * `startSite()`: the bot in-process (createTestBot) with its public page on a free 127.0.0.1 port, a session
 * planned from chat with an agenda, for the web tests. Plain fetch helpers that keep the bytes.
 */
import { createWebHandler } from '../../src/web/handler.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { createTestBot, SAMPLE_CONFIG, type TestBot, type TestBotOptions } from '../helpers/test-bot.ts';

export const NEXT = '2026-12-15';
/** The public address the bot's links use (SEANCE_PUBLIC_URL); the tests reach the page on 127.0.0.1. */
export const PUBLIC_URL = 'https://seance.example.fr';

export interface Site {
  readonly bot: TestBot;
  readonly server: WebServer;
  readonly url: string;
  get(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string }>;
  close(): Promise<void>;
}

export async function startSite(
  opts: TestBotOptions & { readonly plan?: boolean; readonly publicUrl?: string | null } = {},
): Promise<Site> {
  const publicUrl = opts.publicUrl === undefined ? PUBLIC_URL : opts.publicUrl;
  const config = opts.config ?? (opts.yaml ? undefined : loadConfigFile(SAMPLE_CONFIG));
  const bot = await createTestBot({
    now: '2026-11-29T10:00:00Z',
    ...opts,
    ...(config ? { config: publicUrl ? { ...config, publicUrl } : config } : {}),
  });
  if (opts.plan !== false) {
    await bot.say(`/seance planifier ${NEXT} 17:30 Salle de réunion de Somme Numérique, Amiens et visio`);
    await bot.say(`/odj ajouter ${NEXT} deliberation Budget primitif 2027`);
    await bot.say(`/odj ajouter ${NEXT} information Rapport d'activité 2026`);
  }
  const server = await startWebServer({
    handler: createWebHandler(bot.hub),
    port: 0,
    host: '127.0.0.1',
    logger: bot.hub.logger,
  });
  return {
    bot,
    server,
    url: server.url,
    async get(path, init) {
      const res = await fetch(server.url + path, init);
      return { status: res.status, headers: res.headers, text: await res.text() };
    },
    async close() {
      await server.close();
      await bot.close();
    },
  };
}

/** Page text with no-break spaces made plain (fr-FR money and numbers use them). */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
