/**
 * @module `slackManifest`: the Slack app manifest generated from the command declarations (slash commands with
 * descriptions and usage hints, bot scopes, interactivity, event subscriptions). Pure: the script prints it.
 */
import { usage, type Command } from '../../core/command.ts';

/** The placeholder an admin replaces with the public address of `/slack/events`. */
export const PLACEHOLDER_URL = 'https://YOUR-HOST/slack/events';

/** Manifest limits (Slack's app manifest schema). */
export const MAX_COMMAND_NAME = 32;
export const MAX_COMMAND_DESCRIPTION = 2000;
export const MAX_USAGE_HINT = 1000;
export const MAX_APP_NAME = 35;

/**
 * What the door needs, and why: slash commands; posting replies and requests; opening DMs to delegates;
 * reading DMs and the secretariat channel (public or private) for plain-message confirmations; mentions;
 * uploading attachments.
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'im:read',
  'channels:history',
  'groups:history',
  'app_mentions:read',
  'files:write',
] as const;

/** The last two tell an app installed through OAuth that a workspace removed it (its installation is deleted). */
export const BOT_EVENTS = [
  'message.im',
  'message.channels',
  'message.groups',
  'app_mention',
  'app_uninstalled',
  'tokens_revoked',
] as const;

export interface ManifestOptions {
  /** Public URL of the door's endpoint (HTTP mode). */
  readonly url?: string;
  readonly name?: string;
  readonly description?: string;
  /** Socket Mode: no request URLs, the app connects out with SLACK_APP_TOKEN. */
  readonly socketMode?: boolean;
}

export interface SlashCommandManifest {
  command: string;
  description: string;
  usage_hint?: string;
  url?: string;
  should_escape: boolean;
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** The usage hint Slack shows after the command name: the arguments, or each subcommand with its own. */
export function usageHint(cmd: Command): string {
  const strip = (u: string, prefix: string) => u.slice(prefix.length).trim();
  const hint = cmd.subcommands?.length
    ? cmd.subcommands.map((s) => strip(usage(s, cmd), `/${cmd.name}`)).join(' | ')
    : strip(usage(cmd), `/${cmd.name}`);
  return clip(hint, MAX_USAGE_HINT);
}

export function slashCommands(commands: readonly Command[], opts: ManifestOptions = {}): SlashCommandManifest[] {
  return commands.map((cmd) => {
    const hint = usageHint(cmd);
    return {
      command: `/${cmd.name.toLowerCase().slice(0, MAX_COMMAND_NAME - 1)}`,
      description: clip(cmd.description, MAX_COMMAND_DESCRIPTION),
      ...(hint ? { usage_hint: hint } : {}),
      ...(opts.socketMode ? {} : { url: opts.url ?? PLACEHOLDER_URL }),
      // Names are typed as plain words (ROY, "Mme de Waziers"), not Slack mentions.
      should_escape: false,
    };
  });
}

export function slackManifest(commands: readonly Command[], opts: ManifestOptions = {}): Record<string, unknown> {
  const url = opts.url ?? PLACEHOLDER_URL;
  const name = clip(opts.name ?? 'Séance', MAX_APP_NAME);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: clip(
        opts.description ?? "Les écritures de l'assemblée : séances, quorum, pouvoirs, tarifs et devis.",
        140,
      ),
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: slashCommands(commands, opts),
    },
    oauth_config: {
      // Used only by installs through /slack/install (SLACK_CLIENT_ID…); harmless in single-token mode.
      ...(opts.socketMode ? {} : { redirect_urls: [new URL('/slack/oauth_redirect', url).toString()] }),
      scopes: { bot: [...BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: { ...(opts.socketMode ? {} : { request_url: url }), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(opts.socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: Boolean(opts.socketMode),
      token_rotation_enabled: false,
    },
  };
}
