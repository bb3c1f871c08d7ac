/**
 * @module The public site as one request handler `(req, res) → handled?`, so that it can be mounted on
 * its own server (WEB_PORT) or next to another one (the Slack receiver): it answers its own paths and
 * returns false for anything else. French pages, no script, nothing personal (see site-data.ts).
 *   /                      upcoming sessions and the sessions held
 *   /seances/AAAA-MM-JJ    one session: agenda, deliberations and results, publication, adopted minutes
 *   /seances/AAAA-MM-JJ/proces-verbal.docx   the adopted minutes as a Word document (once arrêtée)
 *   /tarifs                the catalogue with dated prices
 *   /calendrier.ics        the public calendar feed; /calendrier/<jeton>.ics a private one
 *   /sante                 health check for a load balancer
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/ports.ts';
import { DOCX_CONTENT_TYPE } from '../core/minutes/docx.ts';
import type { Part } from '../core/minutes/outline.ts';
import { calendarTokenHash } from '../core/publication/calendar-token.ts';
import { calendarFeed, type FeedAudience } from './calendar-feed.ts';
import { prepare, send, weakEtagOf, type Prepared } from './http.ts';
import { catalogueView } from './pages/catalogue.ts';
import { homeView } from './pages/home.ts';
import { adoptedMinutesDocx, adoptedMinutesParts, minutesFilename } from './pages/minutes.ts';
import { findSession, sessionView } from './pages/session.ts';
import { createRenderer, type NavItem, type PageName } from './render.ts';
import { readSite, type PublicSession, type WebDeps } from './site-data.ts';

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const HTML = 'text/html; charset=utf-8';
const ICS = 'text/calendar; charset=utf-8';
const SESSION_PATH = /^\/seances\/(\d{4}-\d{2}-\d{2}(?:-\d+)?)\/?$/;
const MINUTES_DOCUMENT = /^\/seances\/(\d{4}-\d{2}-\d{2}(?:-\d+)?)\/proces-verbal\.docx$/;
const PRIVATE_FEED = /^\/calendrier\/([A-Za-z0-9_-]{16,64})\.ics$/;
const MAX_RENDERED = 200;

/** Paths this handler owns: anything else is left to the server it is mounted on. */
export function ownsPath(path: string): boolean {
  return (
    path === '/' ||
    path === '/tarifs' ||
    path === '/sante' ||
    path === '/style.css' ||
    path === '/calendrier.ics' ||
    path.startsWith('/seances/') ||
    path.startsWith('/calendrier/')
  );
}

export function createWebHandler(deps: WebDeps & { readonly logger: Logger }): WebHandler {
  const renderer = createRenderer(deps.config);
  // Rendered pages by (path, data they were built from): a page is rendered and hashed once per change of
  // the sessions, publications or date, not once per request. Bounded: cleared when full.
  const rendered = new Map<string, Prepared>();
  const page = (
    req: IncomingMessage,
    res: ServerResponse,
    name: PageName,
    title: string,
    view: () => unknown,
    nav?: NavItem,
    status = 200,
    key = '',
  ) => {
    let prepared = key ? rendered.get(key) : undefined;
    if (!prepared) {
      prepared = prepare({ status, type: HTML, body: renderer.page(name, title, view(), nav) });
      if (key) {
        if (rendered.size >= MAX_RENDERED) rendered.clear();
        rendered.set(key, prepared);
      }
    }
    send(req, res, prepared);
  };
  // The adopted minutes as a Word document, by the same key as the page: built once per change of the record.
  // The DOCX carries its creation time, so its ETag is weak and comes from the minutes' content: a restart or a
  // rebuild does not change it.
  const documents = new Map<string, Prepared>();
  const minutesParts = async (p: PublicSession): Promise<Part[]> =>
    adoptedMinutesParts(deps.config, p, await deps.records.record(p.session.id));
  const notFound = (req: IncomingMessage, res: ServerResponse, message: string) =>
    page(req, res, 'not-found', 'Page introuvable', () => ({ message }), undefined, 404);

  async function audienceOf(token: string): Promise<FeedAudience | undefined> {
    const link = await deps.records.calendarLinkByHash(await calendarTokenHash(token));
    if (!link) return undefined;
    const { config } = deps;
    if (link.owner === 'secretariat' || config.staff.some((p) => p.id === link.owner)) return 'secretariat';
    if (config.roster.some((d) => d.id === link.owner && d.inOffice)) return 'delegate';
    if (config.contacts.some((p) => p.id === link.owner)) return 'public';
    return undefined; // the person left the config: the link dies with them
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/style.css') return send(req, res, renderer.stylesheet);
    if (path === '/sante') {
      await deps.records.plannedSessions(); // the store answers
      return send(req, res, { type: 'application/json; charset=utf-8', body: '{"statut":"ok"}', cache: 'no-store' });
    }
    const site = await readSite(deps);
    const dataKey = JSON.stringify(site);
    if (path === '/')
      return page(req, res, 'home', 'Séances', () => homeView(deps.config, site), 'home', 200, `/ ${dataKey}`);
    if (path === '/tarifs')
      return page(
        req,
        res,
        'catalogue',
        'Tarifs des services',
        () => catalogueView(deps.config, site.today),
        'tarifs',
        200,
        `/tarifs ${dataKey}`,
      );
    if (path === '/calendrier.ics') {
      return send(req, res, {
        type: ICS,
        body: await calendarFeed(deps, site, 'public'),
        headers: { 'Content-Disposition': 'inline; filename="calendrier.ics"' },
      });
    }
    const feed = PRIVATE_FEED.exec(path);
    if (feed) {
      const audience = await audienceOf(feed[1]!);
      if (!audience)
        return notFound(
          req,
          res,
          "Ce lien de calendrier n'existe pas ou a été remplacé. Demandez un nouveau lien avec /calendrier nouveau-lien.",
        );
      return send(req, res, {
        type: ICS,
        body: await calendarFeed(deps, site, audience),
        cache: 'private, no-cache',
        headers: { 'X-Robots-Tag': 'noindex', 'Content-Disposition': 'inline; filename="calendrier.ics"' },
      });
    }
    const docx = MINUTES_DOCUMENT.exec(path);
    if (docx) {
      const p = findSession(site, docx[1]!);
      if (!p || p.state !== 'arretee')
        return notFound(
          req,
          res,
          "Le procès-verbal de cette séance n'est pas encore arrêté : il sera publié ici une fois arrêté.",
        );
      const key = `${path} ${dataKey}`;
      let prepared = documents.get(key);
      if (!prepared) {
        const parts = await minutesParts(p);
        prepared = prepare({
          type: DOCX_CONTENT_TYPE,
          body: await adoptedMinutesDocx(parts, p),
          etag: weakEtagOf(JSON.stringify([minutesFilename(p), p.session.title, p.session.date, parts])),
          headers: { 'Content-Disposition': `attachment; filename="${minutesFilename(p)}"` },
        });
        if (documents.size >= MAX_RENDERED) documents.clear();
        documents.set(key, prepared);
      }
      return send(req, res, prepared);
    }
    const match = SESSION_PATH.exec(path);
    const found = match ? findSession(site, match[1]!) : undefined;
    if (found) {
      const key = `/seances/${found.session.id} ${dataKey}`;
      // The minutes are read from the record only for an arrêtée session, and only when the page is not cached.
      const adopted = found.state === 'arretee' && !rendered.has(key) ? await minutesParts(found) : undefined;
      return page(
        req,
        res,
        'session',
        found.session.title,
        () => sessionView(deps.config, site, found, adopted),
        undefined,
        200,
        key,
      );
    }
    return notFound(
      req,
      res,
      match ? "Aucune séance n'est enregistrée à cette date." : 'Cette adresse ne correspond à aucune page.',
    );
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (!ownsPath(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, {
        status: 405,
        type: 'text/plain; charset=utf-8',
        body: 'Méthode non autorisée : GET ou HEAD.',
        headers: { Allow: 'GET, HEAD' },
      });
      return true;
    }
    try {
      await route(req, res, path);
    } catch (e) {
      deps.logger.error('web page failed', { path: url.pathname, error: e instanceof Error ? e.stack : String(e) });
      if (!res.headersSent)
        send(req, res, {
          status: 500,
          type: 'text/plain; charset=utf-8',
          body: "Erreur interne : la page n'a pas pu être construite. Réessayez dans un instant.",
          cache: 'no-store',
        });
      else res.end();
    }
    return true;
  };
}
