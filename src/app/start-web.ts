/**
 * @module The public page, when WEB_PORT is set (off otherwise): on its own HTTP server, or — when WEB_PORT
 * is the port the Slack HTTP receiver listens on — as routes of that receiver (one port, one process).
 */
import type { Seance } from './build.ts';
import type { DoorPlan } from './start-doors.ts';
import { createWebHandler, type WebHandler } from '../web/handler.ts';
import { startWebServer, webPortFromEnv, type WebServer } from '../web/server.ts';

/** A route of the Slack HTTP receiver (Bolt's `customRoutes` shape, without importing Bolt here). */
export interface HttpRoute {
  readonly path: string;
  readonly method: string[];
  readonly handler: (req: Parameters<WebHandler>[0], res: Parameters<WebHandler>[1]) => void;
}

/** The handler's paths as Bolt custom routes (path-to-regexp patterns). */
export function webRoutes(handler: WebHandler): HttpRoute[] {
  const paths = ['/', '/tarifs', '/sante', '/style.css', '/calendrier.ics', '/seances/:seance', '/calendrier/:jeton'];
  return paths.map((path) => ({
    path, method: ['GET', 'HEAD'],
    handler: (req, res) => void handler(req, res).then((handled) => { if (!handled) res.writeHead(404).end(); }),
  }));
}

export interface StartedWeb {
  /** Set when the page is served by the Slack receiver: hand these to the Slack door. */
  readonly slackRoutes?: HttpRoute[];
  readonly server?: WebServer;
  stop(): Promise<void>;
}

/** True when WEB_PORT names the Slack HTTP receiver's port (Slack tokens set, no Socket Mode). */
export function webOnSlackPort(env: NodeJS.ProcessEnv, plan: DoorPlan, port: number): boolean {
  return plan.slack && !env.SLACK_APP_TOKEN && port !== 0 && String(port) === (env.PORT?.trim() || '3000');
}

/** Throws a French message for a bad WEB_PORT; returns undefined when the page is off. */
export async function startWeb(seance: Seance, env: NodeJS.ProcessEnv, plan: DoorPlan): Promise<StartedWeb | undefined> {
  const port = webPortFromEnv(env);
  if (port === undefined) return undefined;
  const handler = createWebHandler(seance);
  if (webOnSlackPort(env, plan, port)) {
    seance.logger.info('public page served on the Slack port', { port });
    return { slackRoutes: webRoutes(handler), stop: async () => undefined };
  }
  const server = await startWebServer({ handler, port, host: env.WEB_HOST || undefined, logger: seance.logger });
  return { server, stop: () => server.close() };
}
