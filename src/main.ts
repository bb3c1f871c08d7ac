/**
 * @module Entry point: load the config → build → start the configured doors (the console when none).
 * `seance check` validates the config and lists what does not add up. Exit status 2 on a bad config.
 */
import { loadBodies, type BodyConfig } from './app/bodies.ts';
import { cachedConfigLoader } from './app/config-cache.ts';
import { createDeployment } from './app/deployment.ts';
import { ConfigError } from './app/load-config.ts';
import { parseDoorSettings, SettingsError, type DoorSettings } from './app/settings.ts';
import { startChatDoors } from './app/start-doors.ts';
import { reminderNotice, reminderOwnership } from './app/reminder-owner.ts';
import type { StartedWeb } from './app/start-web.ts';
import { installProcessGuard } from './app/process-guard.ts';
import { createConsoleAdapter } from './adapters/console/console-adapter.ts';
import type { Actor } from './core/command.ts';
import { checkConfig, formatCheck } from './core/check.ts';
import { createFakeClock, systemClock } from './infra/clock.ts';
import { openStore, storeLabel, DEFAULT_STORE, StoreOpenError } from './infra/keyv-store.ts';
import { createLogger, secretsFromEnv } from './infra/logger.ts';
import type { Ticker } from './infra/ticker.ts';

export const DEFAULT_CONFIG = 'config/somme-numerique.yaml';

interface Cli {
  readonly command: 'run' | 'check' | 'help';
  readonly console: boolean;
  /** `--rappels`: this console sends the due reminders itself (SEANCE_RAPPELS=console). */
  readonly reminders: boolean;
  readonly as?: string;
  /** The body the console acts on (`--organe`), among several. */
  readonly organe?: string;
}

function parseCli(argv: readonly string[]): Cli | string {
  let command: Cli['command'] = 'run';
  let forceConsole = false;
  let reminders = false;
  let as: string | undefined;
  let organe: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === 'check') command = 'check';
    else if (a === '--help' || a === '-h' || a === 'help') command = 'help';
    else if (a === '--console') forceConsole = true;
    else if (a === '--rappels') reminders = true;
    else if (a === '--as') {
      as = argv[++i];
      if (!as) return 'option --as : nom du délégué attendu (ex. --as "M. PAYEN")';
    } else if (a.startsWith('--as=')) as = a.slice(5);
    else if (a === '--organe') {
      organe = argv[++i];
      if (!organe) return "option --organe : identifiant de l'organe attendu (ex. --organe bureau)";
    } else if (a.startsWith('--organe=')) organe = a.slice(9);
    else return `argument inconnu : ${a}`;
  }
  return { command, console: forceConsole, reminders, as, ...(organe ? { organe } : {}) };
}

const HELP = `Usage : seance [check] [--console] [--rappels] [--organe ID] [--as "M. PAYEN"]
  (sans argument)  lance le bot : console si aucun jeton Slack/Discord n'est défini
  check            valide la configuration (chaque organe) et liste les incohérences (statut 1 si erreur)
  --console        ouvre aussi la console quand Slack ou Discord tournent
  --rappels        cette console envoie elle-même les rappels dus (comme SEANCE_RAPPELS=console)
  --organe ID      l'organe de la console, quand SEANCE_CONFIG est un dossier de plusieurs organes
  --as NOM         agit en tant que ce délégué (par défaut : droits du secrétariat)
Variables : SEANCE_CONFIG (fichier ou dossier d'organes, défaut ${DEFAULT_CONFIG}), SEANCE_STORE (défaut ${DEFAULT_STORE}, ou memory:),
  SEANCE_STORE_VIDE=oui (repartir d'un stockage vide quand le fichier SQLite a disparu),
  SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP) ou SLACK_BOT_TOKEN + SLACK_APP_TOKEN (Socket Mode),
  DISCORD_TOKEN + DISCORD_APPLICATION_ID,
  WEB_PORT [+ WEB_HOST] (page publique et calendrier ; le port de Slack pour les servir sur le même port),
  SEANCE_PUBLIC_URL (adresse publique de la page, pour les liens que donne le bot),
  SEANCE_RAPPELS=auto|console|non (qui envoie les rappels ; auto par défaut : le bot qui tourne avec Slack ou Discord).`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = parseCli(argv);
  if (typeof cli === 'string') {
    process.stderr.write(`${cli}\n${HELP}\n`);
    return 2;
  }
  if (cli.command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const file = env.SEANCE_CONFIG || DEFAULT_CONFIG;
  let bodies: BodyConfig[];
  try {
    bodies = loadBodies(file, cachedConfigLoader(env.SEANCE_CONFIG_CACHE));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (cli.command === 'check') {
    let failed = false;
    for (const { id, config } of bodies) {
      const found = checkConfig(config);
      if (bodies.length > 1) process.stdout.write(`\n== Organe « ${id} » (${config.file}) ==\n`);
      process.stdout.write(`${formatCheck(config, found)}\n`);
      failed ||= found.some((w) => w.severity === 'error'); // a broken legal rule fails the check
    }
    return failed ? 1 : 0;
  }
  // The console acts on one body: the one named by --organe, or the only one.
  const chosen = cli.organe ? bodies.find((b) => b.id === cli.organe) : bodies.length === 1 ? bodies[0] : undefined;
  if (cli.organe && !chosen) {
    process.stderr.write(
      `--organe : organe inconnu « ${cli.organe} » ; organes de ${file} : ${bodies.map((b) => b.id).join(', ')}.\n`,
    );
    return 2;
  }
  const config = (chosen ?? bodies[0]!).config;

  let plan: DoorSettings;
  try {
    plan = parseDoorSettings(env, config, { console: cli.console, reminders: cli.reminders });
  } catch (e) {
    if (e instanceof SettingsError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (plan.console && !chosen) {
    process.stderr.write(
      `Plusieurs organes dans ${file} : choisissez celui de la console avec --organe (${bodies.map((b) => b.id).join(', ')}), par exemple npm start -- --organe ${bodies[0]!.id}.\n`,
    );
    return 2;
  }
  const logger = createLogger({
    secrets: secretsFromEnv(env),
    quiet: plan.console && !plan.slack && !plan.discord && !env.SEANCE_VERBOSE,
  });
  // From here on, one failing listener or library must not take the doors and the reminders down.
  installProcessGuard(logger);
  const clock = env.SEANCE_NOW ? createFakeClock(env.SEANCE_NOW) : systemClock;
  const storeUrl = env.SEANCE_STORE || DEFAULT_STORE;
  let store;
  try {
    // A SQLite file that vanished is refused (its marker remains) unless the admin chooses to start empty.
    store = await openStore(storeUrl, logger, { startEmpty: /^(oui|1|true)$/i.test(env.SEANCE_STORE_VIDE ?? '') });
  } catch (e) {
    process.stderr.write(
      `${e instanceof StoreOpenError ? e.message : `Stockage indisponible (${storeLabel(storeUrl)}) : ${e instanceof Error ? e.message : String(e)}`}\n`,
    );
    return 2;
  }
  // A console alone serves only its body (its reminders reach that terminal); chat doors serve every body.
  const served = plan.console && !plan.slack && !plan.discord && chosen ? [chosen] : bodies;
  const ownership = reminderOwnership(
    plan,
    served.map((b) => b.config),
  );
  const deployment = createDeployment({
    // The public address is a setting of this deployment, not of the YAML: commands read it from the config.
    bodies: plan.publicUrl ? served.map((b) => ({ ...b, config: { ...b.config, publicUrl: plan.publicUrl } })) : served,
    store,
    clock,
    logger,
    announceTurns: !ownership.sends,
  });
  const bot = (deployment.body((chosen ?? served[0]!).id) ?? deployment.bodies[0]!).bot;
  let ticker: Ticker | undefined;
  let web: StartedWeb | undefined;
  const doorsRetry = new AbortController();
  const shutdown = async () => {
    closed = true;
    doorsRetry.abort();
    await ticker?.stop();
    await web?.stop();
    await deployment.stop();
  };
  // One cron task for the reminders of every body, only in a process that owns the chat doors (or a console
  // alone); a catch-up tick first, once the doors are there. node-cron is loaded here only, after the
  // catch-up: a process that sends no reminders never loads it.
  logger.info('reminders', { sends: ownership.sends, reason: ownership.reason, bodies: served.length });
  let reminding = false;
  let closed = false;
  const startReminders = () => {
    if (!ownership.sends || reminding) return;
    reminding = true;
    void deployment.reminders
      .start()
      .then((r) => logger.info('reminders caught up', { bodies: r.ticked }))
      .catch((e) => logger.error('reminder catch-up failed', { error: e instanceof Error ? e.stack : String(e) }))
      .then(() => import('./infra/ticker.ts'))
      .then(({ startTicker }) => {
        if (!closed)
          ticker = startTicker({ tick: () => deployment.reminders.tick(), timezone: config.body.timezone, logger });
      })
      .catch((e) =>
        logger.error('reminder ticker failed to start', { error: e instanceof Error ? e.stack : String(e) }),
      );
  };
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await shutdown();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    // The page's modules (templates, calendar feed) only when it is served.
    web = plan.web
      ? await (await import('./app/start-web.ts')).startWeb(served.length > 1 ? deployment : bot, plan)
      : undefined;
  } catch (e) {
    process.stderr.write(`Page publique : ${e instanceof Error ? e.message : String(e)}\n`);
    await deployment.stop();
    return 2;
  }
  try {
    await startChatDoors(deployment, plan, { slackRoutes: web?.slackRoutes, signal: doorsRetry.signal });
  } catch (e) {
    logger.error('a chat door could not start', { error: e instanceof Error ? e.message : String(e) });
    await web?.stop();
    await deployment.stop();
    return 1;
  }
  if (!plan.console) startReminders();
  if (plan.console) {
    let actor: Actor = { name: 'Console (secrétariat)', role: 'secretary', door: 'console' };
    if (cli.as) {
      const found = bot.actorByName(cli.as);
      if (!found) {
        process.stderr.write(
          `--as : personne inconnue « ${cli.as} » (un délégué, un membre du secrétariat ou un contact de mairie).\n`,
        );
        await deployment.stop();
        return 2;
      }
      actor = found;
    }
    const door = createConsoleAdapter({
      host: bot.hostFor('console'),
      input: process.stdin,
      output: process.stdout,
      actor,
    });
    bot.addDoor(door);
    const notice = reminderNotice(ownership);
    if (notice) process.stdout.write(`${notice}\n`);
    startReminders();
    await door.finished;
    // With chat doors running, the console ending (stdin closed) must not stop the server.
    if (!plan.slack && !plan.discord && !web) {
      await shutdown();
      return 0;
    }
  }
  return new Promise<number>(() => undefined); // chat doors run until a signal
}

const code = await main(process.argv.slice(2), process.env);
process.exit(code);
