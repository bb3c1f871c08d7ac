/** @module Registers the generated commands with Discord (`PUT` global or guild commands): a deploy step, not run at start. */
import { REST, Routes, type RESTOptions } from 'discord.js';
import type { Command } from '../../core/command.ts';
import { buildCommands } from './commands.ts';

export interface RegisterOptions {
  readonly token: string;
  readonly applicationId: string;
  /** Register on this server only (updates at once) instead of globally. */
  readonly guildId?: string;
  /** REST base URL (`DISCORD_API_URL`), default Discord's. */
  readonly apiUrl?: string;
  readonly commands: readonly Command[];
  readonly rest?: Partial<RESTOptions>;
}

export interface RegisterResult {
  readonly scope: 'global' | 'guild';
  readonly names: readonly string[];
}

export async function registerCommands(opts: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST({ ...(opts.apiUrl ? { api: opts.apiUrl } : {}), ...opts.rest }).setToken(opts.token);
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const body = buildCommands(opts.commands);
  const answer = (await rest.put(route, { body })) as { name: string }[];
  return { scope: opts.guildId ? 'guild' : 'global', names: answer.map((c) => c.name) };
}

/** `npm run discord:register`: reads the environment, registers, and returns the exit status with a French report. */
export async function registerFromEnv(
  env: NodeJS.ProcessEnv,
  commands: readonly Command[],
  out: (line: string) => void,
  err: (line: string) => void = out,
): Promise<number> {
  const token = env.DISCORD_TOKEN;
  const applicationId = env.DISCORD_APPLICATION_ID;
  if (!token || !applicationId) {
    err('DISCORD_TOKEN et DISCORD_APPLICATION_ID sont requis (voir docs/discord.md).');
    return 2;
  }
  try {
    const r = await registerCommands({
      token,
      applicationId,
      guildId: env.DISCORD_GUILD_ID || undefined,
      apiUrl: env.DISCORD_API_URL || undefined,
      commands,
    });
    const where =
      r.scope === 'guild'
        ? `sur le serveur ${env.DISCORD_GUILD_ID} (immédiat)`
        : "globalement (jusqu'à une heure pour apparaître partout)";
    out(`${r.names.length} commandes enregistrées ${where} : ${r.names.map((n) => `/${n}`).join(', ')}`);
    return 0;
  } catch (e) {
    const status = (e as { status?: number }).status;
    const detail = (e instanceof Error ? e.message : String(e)).split(token).join('[secret]');
    if (status === 401) err('Discord a refusé le jeton du bot (DISCORD_TOKEN invalide ou révoqué).');
    else if (status === 403)
      err(
        "Accès refusé : le bot n'est pas autorisé sur ce serveur (DISCORD_GUILD_ID) ou l'application ne correspond pas au jeton.",
      );
    else err(`Enregistrement des commandes impossible : ${detail}`);
    return 1;
  }
}
