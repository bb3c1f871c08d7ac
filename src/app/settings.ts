/**
 * @module The doors' settings, parsed once from the environment and the config: which doors run and what each
 * needs. A door never reads `process.env`. A half-configured door is a French error naming what is missing,
 * never a silent fallback to the console (a service manager would see the process exit 0 without a word).
 */
import type { DiscordSettings } from '../adapters/discord/settings.ts';
import type { SlackOAuthSettings, SlackSettings } from '../adapters/slack/settings.ts';
import type { Config } from '../core/config.ts';
import { directoryOf } from './accounts.ts';

export const DEFAULT_PORT = 3000;

/** The public page and calendar feed (src/web), when WEB_PORT is set. */
export interface WebSettings {
  readonly port: number;
  /** Interface to listen on (WEB_HOST; default: all). */
  readonly host?: string;
}

/**
 * Who sends the due reminders (SEANCE_RAPPELS): `auto` (default) leaves them to the process that runs the
 * config's chat doors; `console` makes this process send them even though the config names Slack or Discord
 * channels (a console used on its own); `non` never sends them from this process.
 */
export type RemindersSetting = 'auto' | 'console' | 'non';

export interface DoorSettings {
  readonly slack?: SlackSettings;
  readonly discord?: DiscordSettings;
  /** Set: the process serves the public page, so it is a server even without a chat door (no console). */
  readonly web?: WebSettings;
  /** The public page's address as visitors reach it (SEANCE_PUBLIC_URL), without a trailing slash. */
  readonly publicUrl?: string;
  /** The console runs when no chat door is configured, or when asked (`--console`). */
  readonly console: boolean;
  /** SEANCE_RAPPELS (or `--rappels`, which means `console`); absent: `auto`. */
  readonly reminders?: RemindersSetting;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string) => env[name]?.trim() || undefined;

function port(env: Env): number {
  const n = Number(env.PORT);
  return env.PORT && Number.isInteger(n) && n >= 0 && n < 65536 ? n : DEFAULT_PORT;
}

/** The three OAuth variables come together; a half-set group is named in French. */
function slackOAuth(env: Env): SlackOAuthSettings | undefined {
  const names = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
  const [clientId, clientSecret, stateSecret] = names.map((n) => value(env, n));
  const missing = names.filter((n) => !value(env, n));
  if (missing.length === names.length) return undefined;
  if (missing.length) {
    const set = names.filter((n) => value(env, n));
    throw new SettingsError(
      `Installation Slack (OAuth) à moitié configurée : ${frenchList(missing)} ${missing.length > 1 ? 'manquent' : 'manque'} (${frenchList(set)} ${set.length > 1 ? 'sont définis' : 'est défini'}). Définissez les trois variables, ou retirez-les pour n'utiliser qu'un espace de travail avec SLACK_BOT_TOKEN.`,
    );
  }
  return { clientId: clientId!, clientSecret: clientSecret!, stateSecret: stateSecret! };
}

const frenchList = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}` : (items[0] ?? '');

function slackSettings(env: Env, config: Config): SlackSettings | undefined {
  const botToken = value(env, 'SLACK_BOT_TOKEN');
  const signingSecret = value(env, 'SLACK_SIGNING_SECRET');
  const appToken = value(env, 'SLACK_APP_TOKEN');
  const oauth = slackOAuth(env);
  if (!botToken && !signingSecret && !appToken && !oauth) return undefined;
  const url = value(env, 'SLACK_API_URL');
  const common = {
    port: port(env),
    ...(url ? { apiUrl: url.endsWith('/') ? url : `${url}/` } : {}),
    channels: directoryOf(config).channels.slack ?? {},
  };
  if (oauth) {
    if (botToken)
      throw new SettingsError(
        "Slack : SLACK_BOT_TOKEN et l'installation OAuth (SLACK_CLIENT_ID…) s'excluent : avec OAuth, chaque espace de travail reçoit son jeton à l'installation. Retirez SLACK_BOT_TOKEN, ou les trois variables OAuth pour rester sur un seul espace de travail.",
      );
    if (appToken || !signingSecret)
      throw new SettingsError(
        `Slack : l'installation OAuth passe par HTTP (/slack/install, /slack/oauth_redirect) et demande SLACK_SIGNING_SECRET${appToken ? ', sans SLACK_APP_TOKEN (Socket Mode)' : ''}. ${appToken ? 'Retirez SLACK_APP_TOKEN' : 'Définissez SLACK_SIGNING_SECRET'}, ou retirez les variables OAuth.`,
      );
    return { signingSecret, oauth, ...common };
  }
  if (!botToken) {
    const set = [signingSecret && 'SLACK_SIGNING_SECRET', appToken && 'SLACK_APP_TOKEN'].filter(Boolean).join(' et ');
    throw new SettingsError(
      `Slack à moitié configuré : SLACK_BOT_TOKEN manque (${set} ${set.includes(' et ') ? 'sont définis' : 'est défini'}). Définissez SLACK_BOT_TOKEN (ou SLACK_CLIENT_ID, SLACK_CLIENT_SECRET et SLACK_STATE_SECRET pour l'installation dans plusieurs espaces de travail), ou retirez les variables Slack pour ne pas lancer Slack.`,
    );
  }
  if (!signingSecret && !appToken) {
    throw new SettingsError(
      "Slack à moitié configuré : SLACK_BOT_TOKEN est défini, mais ni SLACK_SIGNING_SECRET (mode HTTP) ni SLACK_APP_TOKEN (Socket Mode). Définissez l'une des deux, ou retirez SLACK_BOT_TOKEN pour ne pas lancer Slack.",
    );
  }
  return { botToken, signingSecret, appToken, ...common };
}

function discordSettings(env: Env, config: Config): DiscordSettings | undefined {
  const token = value(env, 'DISCORD_TOKEN');
  const applicationId = value(env, 'DISCORD_APPLICATION_ID');
  if (!token && !applicationId) return undefined;
  if (!token || !applicationId) {
    const [missing, present] = token
      ? ['DISCORD_APPLICATION_ID', 'DISCORD_TOKEN']
      : ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'];
    throw new SettingsError(
      `Discord à moitié configuré : ${missing} manque (${present} est défini). Définissez ${missing}, ou retirez ${present} pour ne pas lancer Discord.`,
    );
  }
  const apiUrl = value(env, 'DISCORD_API_URL');
  return { token, applicationId, ...(apiUrl ? { apiUrl } : {}), channels: directoryOf(config).channels.discord ?? {} };
}

function webSettings(env: Env): WebSettings | undefined {
  const raw = value(env, 'WEB_PORT');
  if (!raw) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535)
    throw new SettingsError(
      `WEB_PORT : numéro de port attendu (0 à 65535), reçu « ${raw} ». Corrigez-le, ou retirez WEB_PORT pour ne pas servir la page publique.`,
    );
  const host = value(env, 'WEB_HOST');
  return { port: n, ...(host ? { host } : {}) };
}

/** « https://seance.example.fr/comite » → itself without a trailing slash; anything else is refused in French. */
function publicUrlSetting(env: Env): string | undefined {
  const raw = value(env, 'SEANCE_PUBLIC_URL');
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
    throw new SettingsError(
      `SEANCE_PUBLIC_URL : adresse web attendue, commençant par https:// (ex. https://seance.example.fr), sans « ? » ni « # », reçu « ${raw} ». Corrigez-la, ou retirez SEANCE_PUBLIC_URL : le bot ne donnera alors pas de lien vers la page publique.`,
    );
  return url.href.replace(/\/+$/, '');
}

const REMINDERS: readonly RemindersSetting[] = ['auto', 'console', 'non'];

function remindersSetting(env: Env, flag: boolean): RemindersSetting | undefined {
  const raw = value(env, 'SEANCE_RAPPELS');
  if (!raw) return flag ? 'console' : undefined;
  const folded = raw.toLowerCase();
  if (!REMINDERS.includes(folded as RemindersSetting))
    throw new SettingsError(
      `SEANCE_RAPPELS : « auto », « console » ou « non » attendu, reçu « ${raw} ». « console » : cette console envoie elle-même les rappels dus ; « auto » (par défaut) : seul le bot qui tourne avec Slack ou Discord les envoie.`,
    );
  if (flag && folded !== 'console')
    throw new SettingsError(
      `--rappels demande que cette console envoie les rappels, mais SEANCE_RAPPELS vaut « ${raw} » : retirez l'un des deux.`,
    );
  return folded as RemindersSetting;
}

/** Command-line switches that settings read (`--console`, `--rappels`). */
export interface CliSwitches {
  readonly console?: boolean;
  readonly reminders?: boolean;
}

/** Throws a `SettingsError` (French) when a door is half-configured or a setting is not understood. */
export function parseDoorSettings(env: Env, config: Config, cli: boolean | CliSwitches = false): DoorSettings {
  const switches = typeof cli === 'boolean' ? { console: cli } : cli;
  const slack = slackSettings(env, config);
  const discord = discordSettings(env, config);
  const web = webSettings(env);
  const publicUrl = publicUrlSetting(env);
  const reminders = remindersSetting(env, Boolean(switches.reminders));
  return {
    slack,
    discord,
    ...(web ? { web } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    console: Boolean(switches.console) || (!slack && !discord && !web),
    ...(reminders ? { reminders } : {}),
  };
}

/** Every secret of the doors' settings, for the logger to scrub. */
export function secretsOf(settings: DoorSettings): string[] {
  const { slack, discord } = settings;
  return [
    slack?.botToken,
    slack?.signingSecret,
    slack?.appToken,
    slack?.oauth?.clientSecret,
    slack?.oauth?.stateSecret,
    discord?.token,
  ].filter((s): s is string => Boolean(s));
}
