/**
 * @module The OAuth side of the Slack door (several workspaces): Bolt's HTTPReceiver serves `/slack/install`
 * (a redirect to Slack with a signed `state`) and `/slack/oauth_redirect` (the code exchanged with
 * `oauth.v2.access`, the installation stored in the Store); Bolt then authorizes each request with the token of
 * its team. The state is signed with SLACK_STATE_SECRET, not kept on one server, so an install begun on one
 * replica can finish on another. An uninstall (`app_uninstalled`, or the bot's `tokens_revoked`) removes it.
 */
import type { ServerResponse } from 'node:http';
import type { App, HTTPReceiverOptions, webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports.ts';
import type { SlackInstallations } from './installations.ts';
import { BOT_SCOPES } from './manifest.ts';
import type { SlackOAuthSettings } from './settings.ts';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** Text between tags only (never in an attribute): &, < and > are enough. */
const escapeHtml = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

function page(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
  );
}

type OAuthReceiverOptions = Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'installationStore' | 'scopes' | 'installerOptions'
>;

/** What the HTTPReceiver needs to run the OAuth flow, with pages in French. */
export function oauthReceiverOptions(
  oauth: SlackOAuthSettings,
  installations: SlackInstallations,
  clientOptions: webApi.WebClientOptions,
  log: Logger,
): OAuthReceiverOptions {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: installations,
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // Straight to Slack's consent page: no intermediate « Add to Slack » page in English.
      directInstall: true,
      clientOptions,
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          const where = installation.team?.name ?? installation.enterprise?.name ?? 'votre espace de travail';
          log.info('slack: installed', {
            team: installation.team?.id,
            enterprise: installation.enterprise?.id,
          });
          page(
            res,
            200,
            'Séance est installé',
            `Séance est installé dans « ${where} ». Vous pouvez fermer cette page et taper /aide dans Slack.`,
          );
        },
        failure: (error, _options, _req, res) => {
          log.warn('slack: installation failed', { error: error.message, code: (error as { code?: string }).code });
          page(
            res,
            400,
            "L'installation n'a pas abouti",
            "L'installation de Séance dans Slack n'a pas abouti (lien expiré, déjà utilisé ou refusé). Rien n'a été enregistré ; recommencez depuis la page d'installation.",
          );
        },
      },
    },
  };
}

interface UninstallBody {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  event_time?: number;
  event?: { type?: string; tokens?: { bot?: string[] } };
}

/** Bolt skips authorization for these two events, so they arrive even once the token is gone. */
export function registerUninstall(app: App, installations: SlackInstallations, log: Logger): void {
  const remove = async (body: UninstallBody, why: string) => {
    // Slack's event_time is in whole seconds: the end of that second, so an install made in it counts as older.
    const at = body.event_time === undefined ? Date.now() : (body.event_time + 1) * 1000 - 1;
    const where = body.is_enterprise_install
      ? { enterpriseId: body.enterprise_id }
      : { teamId: body.team_id, enterpriseId: body.enterprise_id };
    const removed = await installations.remove(where, at);
    log.info(removed ? 'slack: installation removed' : 'slack: no installation to remove', {
      why,
      team: body.team_id,
      enterprise: body.enterprise_id,
    });
  };
  app.event('app_uninstalled', async ({ body }) => remove(body as UninstallBody, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ body }) => {
    const b = body as UninstallBody;
    // Only the bot's token matters (Séance asks for no user token).
    if ((b.event?.tokens?.bot ?? []).length > 0) await remove(b, 'tokens_revoked');
  });
}
