/**
 * @module The public site on its own port (WEB_PORT): the handler's paths, a French 404 for the rest.
 * Off unless configured; started by main and stopped with the bot.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports.ts';
import type { WebHandler } from './handler.ts';
import { send } from './http.ts';

export interface WebServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebServer(opts: {
  readonly handler: WebHandler;
  readonly port: number;
  readonly host?: string;
  readonly logger: Logger;
}): Promise<WebServer> {
  const server: Server = createServer((req, res) => {
    opts.handler(req, res).then(
      (handled) => {
        if (!handled) send(req, res, { status: 404, type: 'text/plain; charset=utf-8', body: 'Page introuvable.' });
      },
      (e) => {
        opts.logger.error('web request failed', { error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;
  opts.logger.info('public page listening', { port });
  return {
    port,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
