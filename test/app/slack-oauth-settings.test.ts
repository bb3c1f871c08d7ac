/** The Slack OAuth settings (several workspaces): all three variables or none, HTTP only, never with a bot token. */
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { parseDoorSettings, secretsOf, SettingsError } from '../../src/app/settings.ts';
import { SAMPLE_CONFIG } from '../helpers/test-bot.ts';

const config = loadConfigFile(SAMPLE_CONFIG);
const OAUTH = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-x',
  SLACK_STATE_SECRET: 'state-secret-y',
};
const parse = (env: Record<string, string>) => parseDoorSettings(env, config);
const refusal = (env: Record<string, string>) => {
  try {
    parse(env);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('Slack OAuth settings', () => {
  it('reads the three variables beside the signing secret, without a bot token, and scrubs both secrets', () => {
    const settings = parse({ ...OAUTH, SLACK_SIGNING_SECRET: 'signing-z' });
    expect(settings.slack).toMatchObject({
      oauth: { clientId: '1111.2222', clientSecret: 'client-secret-x', stateSecret: 'state-secret-y' },
      signingSecret: 'signing-z',
    });
    expect(settings.slack?.botToken).toBeUndefined();
    expect(secretsOf(settings)).toEqual(expect.arrayContaining(['client-secret-x', 'state-secret-y', 'signing-z']));
  });

  it('names what is missing in a half-set group, in French', () => {
    expect(refusal({ SLACK_CLIENT_ID: '1', SLACK_SIGNING_SECRET: 's' })).toBe(
      "Installation Slack (OAuth) à moitié configurée : SLACK_CLIENT_SECRET et SLACK_STATE_SECRET manquent (SLACK_CLIENT_ID est défini). Définissez les trois variables, ou retirez-les pour n'utiliser qu'un espace de travail avec SLACK_BOT_TOKEN.",
    );
    expect(refusal({ SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2' })).toContain(
      'SLACK_STATE_SECRET manque (SLACK_CLIENT_ID et SLACK_CLIENT_SECRET sont définis)',
    );
  });

  it('refuses OAuth with a bot token, with Socket Mode, or without the signing secret', () => {
    expect(refusal({ ...OAUTH, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).toContain(
      "SLACK_BOT_TOKEN et l'installation OAuth (SLACK_CLIENT_ID…) s'excluent",
    );
    expect(refusal({ ...OAUTH, SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1' })).toContain(
      'sans SLACK_APP_TOKEN (Socket Mode)',
    );
    expect(refusal(OAUTH)).toContain('demande SLACK_SIGNING_SECRET. Définissez SLACK_SIGNING_SECRET');
  });

  it('leaves the single-token mode as it was', () => {
    expect(parse({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({
      botToken: 'xoxb-1',
      signingSecret: 's',
    });
    expect(parse({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack?.oauth).toBeUndefined();
  });
});
