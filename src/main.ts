/**
 * @module Entry point: load the config → build → start the configured doors (the console when none).
 * `seance check` validates the config and lists what does not add up. Exit status 2 on a bad config.
 */
import { createBot } from './app/build.ts';
import { ConfigError, loadConfigFile } from './app/load-config.ts';
import { parseDoorSettings, SettingsError, type DoorSettings } from './app/settings.ts';
import { startChatDoors } from './app/start-doors.ts';
import { reminderNotice, reminderOwnership } from './app/reminder-owner.ts';
import { startWeb, type StartedWeb } from './app/start-web.ts';
import { installProcessGuard } from './app/process-guard.ts';
import { createConsoleAdapter } from './adapters/console/console-adapter.ts';
import type { Actor } from './core/command.ts';
import { checkConfig, formatCheck } from './core/check.ts';
import { createFakeClock, systemClock } from './infra/clock.ts';
import { openStore, storeLabel, DEFAULT_STORE, StoreOpenError } from './infra/keyv-store.ts';
import { createLogger, secretsFromEnv } from './infra/logger.ts';
import { startTicker, type Ticker } from './infra/ticker.ts';

export const DEFAULT_CONFIG = 'config/somme-numerique.yaml';

interface Cli {
  readonly command: 'run' | 'check' | 'help';
  readonly console: boolean;
  /** `--rappels`: this console sends the due reminders itself (SEANCE_RAPPELS=console). */
  readonly reminders: boolean;
  readonly as?: string;
}

function parseCli(argv: readonly string[]): Cli | string {
  let command: Cli['command'] = 'run';
  let forceConsole = false;
  let reminders = false;
  let as: string | undefined;
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
    else return `argument inconnu : ${a}`;
  }
  return { command, console: forceConsole, reminders, as };
}

const HELP = `Usage : seance [check] [--console] [--rappels] [--as "M. PAYEN"]
  (sans argument)  lance le bot : console si aucun jeton Slack/Discord n'est défini
  check            valide la configuration et liste les incohérences (statut 1 si erreur)
  --console        ouvre aussi la console quand Slack ou Discord tournent
  --rappels        cette console envoie elle-même les rappels dus (comme SEANCE_RAPPELS=console)
  --as NOM         agit en tant que ce délégué (par défaut : droits du secrétariat)
Variables : SEANCE_CONFIG (défaut ${DEFAULT_CONFIG}), SEANCE_STORE (défaut ${DEFAULT_STORE}, ou memory:),
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
  let config;
  try {
    config = loadConfigFile(file);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (cli.command === 'check') {
    const found = checkConfig(config);
    process.stdout.write(`${formatCheck(config, found)}\n`);
    return found.some((w) => w.severity === 'error') ? 1 : 0; // a broken legal rule fails the check
  }

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
    store = await openStore(storeUrl, logger);
  } catch (e) {
    process.stderr.write(
      `${e instanceof StoreOpenError ? e.message : `Stockage indisponible (${storeLabel(storeUrl)}) : ${e instanceof Error ? e.message : String(e)}`}\n`,
    );
    return 2;
  }
  // The public address is a setting of this deployment, not of the YAML: commands read it from the config.
  const bot = createBot({
    config: plan.publicUrl ? { ...config, publicUrl: plan.publicUrl } : config,
    store,
    clock,
    logger,
  });
  let ticker: Ticker | undefined;
  let web: StartedWeb | undefined;
  const doorsRetry = new AbortController();
  const shutdown = async () => {
    doorsRetry.abort();
    await ticker?.stop();
    await web?.stop();
    await bot.stop();
  };
  // One cron task for the reminders, only in a process that owns the chat doors (or a console alone); a
  // catch-up tick first, once the doors are there.
  const ownership = reminderOwnership(plan, config);
  logger.info('reminders', { sends: ownership.sends, reason: ownership.reason });
  const startReminders = () => {
    if (!ownership.sends || ticker) return;
    ticker = startTicker({ tick: () => bot.reminders.tick(), timezone: config.body.timezone, logger });
    void bot.reminders
      .start()
      .catch((e) => logger.error('reminder catch-up failed', { error: e instanceof Error ? e.stack : String(e) }));
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
    web = await startWeb(bot, plan);
  } catch (e) {
    process.stderr.write(`Page publique : ${e instanceof Error ? e.message : String(e)}\n`);
    await bot.stop();
    return 2;
  }
  try {
    await startChatDoors(bot, plan, { slackRoutes: web?.slackRoutes, signal: doorsRetry.signal });
  } catch (e) {
    logger.error('a chat door could not start', { error: e instanceof Error ? e.message : String(e) });
    await web?.stop();
    await bot.stop();
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
        await bot.stop();
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
