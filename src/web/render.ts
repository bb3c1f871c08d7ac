/**
 * @module HTML rendering with Eta (a maintained, dependency-free template engine): templates in views/,
 * compiled once and cached, every `<%= %>` HTML-escaped. The stylesheet is served under a content-hashed
 * URL, so browsers may keep it for a year.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { Config } from '../core/config.ts';
import { prepare, type Prepared } from './http.ts';

const VIEWS = fileURLToPath(new URL('./views', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('./style.css', import.meta.url));

export type PageName = 'home' | 'session' | 'catalogue' | 'not-found';
export type NavItem = 'home' | 'tarifs' | undefined;

export interface Renderer {
  page(name: PageName, title: string, view: unknown, nav?: NavItem): string;
  readonly stylesheet: Prepared;
  readonly stylesheetPath: string;
}

export function createRenderer(config: Config): Renderer {
  const eta = new Eta({ views: VIEWS, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
  const stylesheet = prepare({
    type: 'text/css; charset=utf-8',
    body: readFileSync(STYLESHEET, 'utf8'),
    cache: 'public, max-age=31536000, immutable',
  });
  const stylesheetPath = `/style.css?v=${stylesheet.etag.slice(1, 13)}`;
  const site = { name: config.body.name, assembly: config.body.assemblyName, stylesheet: stylesheetPath };
  return {
    stylesheet,
    stylesheetPath,
    page: (name, title, view, nav) => eta.render(name, { site, title, view, nav }),
  };
}
