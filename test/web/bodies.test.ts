/**
 * The public pages of two bodies served by one process: `/` lists them, each body's site is under `/<id>/`
 * with its own sessions, and its links (pages, stylesheet) stay under its prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBodies } from '../../src/app/bodies.ts';
import type { Bot } from '../../src/app/build.ts';
import { createDeployment, type Deployment } from '../../src/app/deployment.ts';
import { startWeb, type StartedWeb } from '../../src/app/start-web.ts';
import type { Logger } from '../../src/core/ports.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/store/open.ts';
import { writeBodiesDir } from '../helpers/bodies-dir.ts';
import { secretary } from '../helpers/test-bot.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let deployment: Deployment;
let web: StartedWeb;
let base: string;

const say = (bot: Bot, line: string) => bot.run({ actor: secretary, input: line, answer: async () => undefined });
const get = async (path: string) => {
  const res = await fetch(base + path, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

beforeAll(async () => {
  deployment = createDeployment({
    bodies: loadBodies(writeBodiesDir()),
    store: await openStore('memory:'),
    clock: createFakeClock('2026-11-29T10:00:00Z'),
    logger: quiet,
  });
  await say(deployment.body('bureau')!.bot, '/seance planifier 2026-12-15 17:30 Amiens');
  web = (await startWeb(deployment, { web: { port: 0, host: '127.0.0.1' }, console: false }))!;
  base = web.server!.url;
});
afterAll(async () => {
  await web.stop();
  await deployment.stop();
});

describe('public pages of several bodies', () => {
  it('lists the bodies at /, and serves each under /<id>/ with its own sessions', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<a href="/bureau/">Bureau de Somme Numérique</a>');
    expect(index.text).toContain('<a href="/comite/">Somme Numérique</a>');

    const bureau = await get('/bureau/');
    expect(bureau.status).toBe(200);
    expect(bureau.text).toContain('15 décembre 2026');
    expect(bureau.text).toContain('href="/bureau/seances/2026-12-15"');
    expect(bureau.text).not.toMatch(/(href|src)="\/(?!bureau\/)/);
    expect((await get('/comite/')).text).not.toContain('15 décembre 2026');

    const css = /href="(\/bureau\/style\.css[^"]*)"/.exec(bureau.text)?.[1];
    expect(css).toBeDefined();
    expect((await get(css!)).status).toBe(200);
    expect((await get('/bureau/seances/2026-12-15')).status).toBe(200);
  });

  it('redirects /<id> to /<id>/, and knows no other body', async () => {
    const r = await get('/bureau');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/bureau/');
    expect((await get('/conseil/')).status).toBe(404);
    expect((await get('/tarifs')).status).toBe(404);
  });
});
