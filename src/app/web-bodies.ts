/**
 * @module The public pages of several bodies on one server: each body's site under `/<id>/` (its own handler,
 * unchanged, sees the path without the prefix; root-absolute links in its HTML get the prefix), `/` lists the
 * bodies, `/sante` answers for the process. With one body nothing of this is used: today's paths stay.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebHandler } from '../web/handler.ts';
import { send } from '../web/http.ts';

export interface BodySite {
  readonly id: string;
  readonly name: string;
  readonly handler: WebHandler;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function indexPage(sites: readonly BodySite[]): string {
  const items = sites.map((s) => `<li><a href="/${s.id}/">${escape(s.name)}</a></li>`).join('\n');
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Organes</title></head>
<body>
<main>
<h1>Organes</h1>
<p>Séances, délibérations et calendrier de chaque organe :</p>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}

/** Has `res` prefix the root-absolute links of an HTML answer (and a redirect) with `prefix`. */
function prefixedResponse(res: ServerResponse, prefix: string): ServerResponse {
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, string>) => ServerResponse;
  const end = res.end.bind(res) as (chunk?: Buffer | string) => ServerResponse;
  let head: { status: number; headers: Record<string, string> } | undefined;
  Object.assign(res, {
    writeHead: (status: number, headers?: Record<string, string>) => {
      head = { status, headers: { ...headers } };
      return res;
    },
    end: (chunk?: Buffer | string) => {
      if (!head) return end(chunk);
      const headers = head.headers;
      if (headers.Location?.startsWith('/')) headers.Location = `${prefix}${headers.Location}`;
      if (String(headers['Content-Type'] ?? '').startsWith('text/html')) {
        if (chunk === undefined)
          delete headers['Content-Length']; // HEAD: the length changes with the links
        else {
          const text = Buffer.from(chunk)
            .toString('utf8')
            .replace(/(href|src|action)="\//g, `$1="${prefix}/`);
          chunk = Buffer.from(text, 'utf8');
          headers['Content-Length'] = String(chunk.length);
        }
      }
      writeHead(head.status, headers);
      return end(chunk);
    },
  });
  return res;
}

export function bodiesWebHandler(sites: readonly BodySite[]): WebHandler {
  const byId = new Map(sites.map((s) => [s.id, s]));
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      send(req, res, { type: 'text/html; charset=utf-8', body: indexPage(sites) });
      return true;
    }
    if (url.pathname === '/sante') return sites[0]!.handler(req, res);
    const m = /^\/([a-z0-9][a-z0-9-]*)(\/.*)?$/.exec(url.pathname);
    const site = m ? byId.get(m[1]!) : undefined;
    if (!m || !site) return false;
    if (!m[2]) {
      send(req, res, {
        status: 301,
        type: 'text/plain; charset=utf-8',
        body: '',
        headers: { Location: `/${site.id}/` },
      });
      return true;
    }
    req.url = `${m[2]}${url.search}`;
    return site.handler(req, prefixedResponse(res, `/${site.id}`));
  };
}
