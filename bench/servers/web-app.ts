/**
 * @module A child process for the web benchmark, one of:
 *   page  the bot's public page (`createWebHandler` on `startWebServer`) over the sample config, a memory
 *         store and one upcoming session with an agenda (what the home page shows);
 *   bare  a bare node:http server answering every request with the bytes and headers the page server
 *         sent for `/` (rendered once at start, in this process, with the same fixture).
 * Listens on 127.0.0.1, port 0, and reports its port over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebHandler } from '../../src/web/handler.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { answerCpuAsks, exitWithParent, signalReady } from '../lib/child.ts';
import { benchSeance, sampleConfig, secretaryActor, silentLogger } from '../lib/fixtures.ts';

const kind = process.argv[2];

async function pageServer(): Promise<{ server: WebServer; close: () => Promise<void> }> {
  const bench = await benchSeance(sampleConfig());
  await bench.hub.dispatcher.runLine(
    '/seance planifier 2026-12-15 17:30 Salle de réunion de Somme Numérique, Amiens et visio',
    secretaryActor,
  );
  await bench.hub.dispatcher.runLine('/odj ajouter 2026-12-15 deliberation Budget primitif 2027', secretaryActor);
  await bench.hub.dispatcher.runLine("/odj ajouter 2026-12-15 information Rapport d'activité 2026", secretaryActor);
  const server = await startWebServer({
    handler: createWebHandler(bench.hub),
    port: 0,
    host: '127.0.0.1',
    logger: silentLogger,
  });
  return {
    server,
    close: async () => {
      await server.close();
      await bench.close();
    },
  };
}

async function startPage(): Promise<() => Promise<void>> {
  const { server, close } = await pageServer();
  signalReady({ port: server.port });
  return close;
}

async function startBare(): Promise<() => Promise<void>> {
  const page = await pageServer();
  const res = await fetch(`${page.server.url}/`);
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'date' && k !== 'connection' && k !== 'keep-alive') headers[k] = v;
  });
  await page.close();
  const server = http.createServer((_req, out) => {
    out.writeHead(200, headers);
    out.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  signalReady({ port: (server.address() as AddressInfo).port, bytes: body.length });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

const starters: Record<string, () => Promise<() => Promise<void>>> = { page: startPage, bare: startBare };
const start = kind ? starters[kind] : undefined;
if (!start) {
  process.stderr.write('usage: web-app.ts page|bare\n');
  process.exit(2);
}
answerCpuAsks();
const stop = await start();
exitWithParent(stop);
