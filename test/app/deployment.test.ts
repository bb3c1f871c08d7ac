/**
 * Two bodies in one process and one store (a SQLite file), built from a directory of body files: through
 * their commands, each sees only its own sessions, proxies, reminders and journal; requests are routed by
 * workspace or server, refused in French when no body serves it; one ticker serves both bodies' reminders
 * and ticks only the bodies that have something due or were changed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBodies } from '../../src/app/bodies.ts';
import { createDeployment, type Deployment } from '../../src/app/deployment.ts';
import type { Bot } from '../../src/app/build.ts';
import type { DoorHost } from '../../src/core/door.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { Outgoing } from '../../src/core/reply.ts';
import { replyToText } from '../../src/core/reply-text.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/store/open.ts';
import { BUREAU_GUILD, BUREAU_TEAM, COMITE_TEAM, writeBodiesDir } from '../helpers/bodies-dir.ts';
import { secretary } from '../helpers/test-bot.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let deployment: Deployment | undefined;

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

async function twoBodies(now = '2026-11-29T10:00:00Z') {
  const store = await openStore(`sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-deploy-')), 'seance.sqlite')}`);
  const clock = createFakeClock(now);
  deployment = createDeployment({
    bodies: loadBodies(writeBodiesDir()),
    store,
    clock,
    logger: quiet,
    reminders: { sleep: async () => undefined },
  });
  // One door shared by both bodies: each body's view records what it was handed.
  const delivered: { body: string; message: Outgoing }[] = [];
  deployment.addDoor({
    name: 'console',
    deliver: async () => false,
    stop: async () => undefined,
    forBody: (host: DoorHost) => ({
      name: 'console',
      deliver: async (message) => {
        delivered.push({ body: host.store.bodyId, message });
        return true;
      },
      stop: async () => undefined,
    }),
  });
  const say = async (bot: Bot, line: string) =>
    replyToText(await bot.run({ actor: secretary, input: line, answer: async () => undefined }));
  return {
    deployment,
    clock,
    delivered,
    say,
    comite: deployment.body('comite')!.bot,
    bureau: deployment.body('bureau')!.bot,
  };
}

describe('two bodies in one deployment', () => {
  it('each sees only its own sessions, proxies, reminders and journal', async () => {
    const { say, comite, bureau } = await twoBodies();
    expect(comite.store.bodyId).toBe('comite');
    await say(comite, '/seance planifier 2026-12-15 17:30 Amiens');
    await say(comite, '/presence PARSIS salle 2026-12-15');
    expect(await say(comite, '/pouvoir donner ROY PARSIS 2026-12-15')).toContain('Pouvoir');
    expect(await say(comite, '/rappel ajouter 2026-12-10 09:00 secretariat Relancer les pouvoirs')).toContain(
      'Rappel n° 1',
    );
    await say(comite, '/seance rectifier 2024-10-07 Départ de Mme LHOMME omis');
    await say(comite, '/presence LHOMME absent 2024-10-07');

    expect(await say(bureau, '/pouvoirs 2026-12-15')).toContain('Aucune séance');
    expect(await say(bureau, '/rappels')).not.toContain('Relancer les pouvoirs');
    expect(await say(bureau, '/journal 2024-10-07')).toContain('Journal vide');
    expect(await say(bureau, '/rappel ajouter 2026-12-11 09:00 secretariat Ordre du jour du bureau')).toContain(
      'Rappel n° 1',
    );
    expect(await say(comite, '/pouvoirs 2026-12-15')).toContain('M. PARSIS');
    expect(await say(comite, '/journal 2024-10-07')).toContain('Journal (2)');
    expect(await say(comite, '/rappels')).not.toContain('Ordre du jour du bureau');
  });

  it('routes by workspace or server, and refuses in French a request no body serves', async () => {
    const { deployment } = await twoBodies();
    const slack = deployment.hostFor('slack');
    const bureau = slack.route!({ space: BUREAU_TEAM, account: 'U0SECRET01' });
    expect(bureau.host?.store.bodyId).toBe('bureau');
    expect(bureau.host?.actorFor('U0SECRET01').role).toBe('secretary');
    expect(slack.route!({ space: COMITE_TEAM, account: 'U0SECRET01' }).host?.store.bodyId).toBe('comite');
    expect(deployment.hostFor('discord').route!({ space: BUREAU_GUILD, account: 'x' }).host?.store.bodyId).toBe(
      'bureau',
    );

    const unmapped = slack.route!({ space: 'TAUTRE', account: 'U0SECRET01' });
    expect(unmapped.host).toBeUndefined();
    expect(replyToText(unmapped.refusal!)).toContain(
      "Cet espace de travail Slack (TAUTRE) n'est rattaché à aucun organe de ce déploiement : rien n'a été fait.",
    );
    // A direct message has no server: someone in both bodies is told how to choose; a stranger, where to write.
    const both = deployment.hostFor('discord').route!({ account: '300000000000000002' });
    expect(replyToText(both.refusal!)).toContain(
      'Vous siégez dans plusieurs organes : Bureau de Somme Numérique (bureau), Somme Numérique (comite).',
    );
    expect(replyToText(both.refusal!)).toContain("écrivez la commande dans le serveur Discord de l'organe concerné");
    const stranger = deployment.hostFor('discord').route!({ account: '399999999999999999' });
    expect(replyToText(stranger.refusal!)).toContain("Votre compte n'est rattaché à aucun organe de ce déploiement");
  });

  it('one ticker: the minute ticks only the bodies with something due or changed', async () => {
    const { say, comite, bureau, clock, deployment, delivered } = await twoBodies();
    await say(comite, '/rappel ajouter 2026-11-29 12:00 secretariat Relancer les pouvoirs');
    const start = await deployment.reminders.start();
    expect(start.ticked).toBe(2);
    const due = Date.parse('2026-11-29T11:00:00Z'); // 12:00 in Paris
    expect(start.reports.get('comite')?.nextMs).toBeLessThanOrEqual(due);

    clock.advance(60_000);
    expect((await deployment.reminders.tick()).ticked).toBe(0); // nothing due, nothing changed

    await say(bureau, '/rappels');
    const afterCommand = await deployment.reminders.tick();
    expect([...afterCommand.reports.keys()]).toEqual(['bureau']);

    clock.set('2026-11-29T11:00:00Z');
    const atNoon = await deployment.reminders.tick();
    expect(atNoon.reports.get('comite')?.sent.length).toBe(1);
    expect(delivered.map((d) => [d.body, d.message.reply.title])).toContainEqual(['comite', 'Rappel']);
    expect(delivered.filter((d) => d.body === 'bureau')).toEqual([]);
  });

  it('a console beside the server (no reminders sent there) marks the body it changed for the sending process', async () => {
    const { clock, deployment: server } = await twoBodies();
    await server.reminders.start();
    clock.advance(60_000);
    expect((await server.reminders.tick()).ticked).toBe(0);
    // Same store, a console process that does not send reminders: its command leaves a mark.
    const consoleSide = createDeployment({
      bodies: loadBodies(writeBodiesDir()),
      store: server.body('comite')!.bot.store,
      clock,
      logger: quiet,
      announceTurns: true,
    });
    const bureau = consoleSide.body('bureau')!.bot;
    await bureau.run({
      actor: secretary,
      input: '/rappel ajouter 2026-11-29 12:00 secretariat Ordre du jour',
      answer: async () => undefined,
    });
    clock.advance(60_000);
    expect([...(await server.reminders.tick()).reports.keys()]).toEqual(['bureau']);
    clock.advance(60_000);
    expect((await server.reminders.tick()).ticked).toBe(0);
    await consoleSide.reminders.stop();
  });
});
