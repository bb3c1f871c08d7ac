/**
 * @module The public page, when WEB_PORT is set (off otherwise): on its own HTTP server, or — when WEB_PORT
 * is the port the Slack HTTP receiver listens on — as routes of that receiver (one port, one process).
 */
import type { Bot } from './build.ts';
import type { Deployment } from './deployment.ts';
import { bodiesWebHandler } from './web-bodies.ts';
import type { DoorSettings } from './settings.ts';
import { createWebHandler, type WebHandler } from '../web/handler.ts';
import { startWebServer, type WebServer } from '../web/server.ts';

/** A route of the Slack HTTP receiver (Bolt's `customRoutes` shape, without importing Bolt here). */
export interface HttpRoute {
  readonly path: string;
  readonly method: string[];
  readonly handler: (req: Parameters<WebHandler>[0], res: Parameters<WebHandler>[1]) => void;
}

/** The handler's paths as Bolt custom routes (path-to-regexp patterns); `bodies`: also under `/:organe`. */
export function webRoutes(handler: WebHandler, bodies = false): HttpRoute[] {
  const own = [
    '/',
    '/tarifs',
    '/sante',
    '/style.css',
    '/calendrier.ics',
    '/seances/:seance',
    '/seances/:seance/:document',
    '/calendrier/:jeton',
  ];
  const paths = bodies ? ['/', '/sante', '/:organe', ...own.map((p) => `/:organe${p}`)] : own;
  return paths.map((path) => ({
    path,
    method: ['GET', 'HEAD'],
    handler: (req, res) =>
      void handler(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      }),
  }));
}

export interface StartedWeb {
  /** Set when the page is served by the Slack receiver: hand these to the Slack door. */
  readonly slackRoutes?: HttpRoute[];
  readonly server?: WebServer;
  stop(): Promise<void>;
}

/** True when WEB_PORT names the Slack HTTP receiver's port (Slack in HTTP mode, not Socket Mode). */
export function webOnSlackPort(settings: DoorSettings): boolean {
  const { web, slack } = settings;
  return Boolean(web && slack && !slack.appToken && web.port !== 0 && web.port === slack.port);
}

/** Undefined when the page is off; throws when its port cannot be listened on. */
/** One bot: today's paths. A deployment of several bodies: each body's site under `/<id>/`, `/` lists them. */
export async function startWeb(target: Bot | Deployment, settings: DoorSettings): Promise<StartedWeb | undefined> {
  if (!settings.web) return undefined;
  const several = 'bodies' in target && target.bodies.length > 1;
  const bot = 'bodies' in target ? target.bodies[0]!.bot : target;
  const handler =
    'bodies' in target && several
      ? bodiesWebHandler(
          target.bodies.map((b) => ({ id: b.id, name: b.config.body.name, handler: createWebHandler(b.bot) })),
        )
      : createWebHandler(bot);
  if (webOnSlackPort(settings)) {
    bot.logger.info('public page served on the Slack port', { port: settings.web.port });
    return { slackRoutes: webRoutes(handler, several), stop: async () => undefined };
  }
  const server = await startWebServer({
    handler,
    port: settings.web.port,
    host: settings.web.host,
    logger: bot.logger,
  });
  return { server, stop: () => server.close() };
}
