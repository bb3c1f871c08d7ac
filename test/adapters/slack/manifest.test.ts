/** @module The Slack app manifest: generated from the declarations, within the manifest's limits; the script prints it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BOT_EVENTS,
  BOT_SCOPES,
  MAX_COMMAND_DESCRIPTION,
  MAX_COMMAND_NAME,
  MAX_USAGE_HINT,
  PLACEHOLDER_URL,
  slackManifest,
  usageHint,
  type SlashCommandManifest,
} from '../../../src/adapters/slack/manifest.ts';
import { commands } from '../../../src/commands/index.ts';

const slashOf = (m: Record<string, unknown>) =>
  (m.features as { slash_commands: SlashCommandManifest[] }).slash_commands;

describe('slackManifest', () => {
  it('lists every declared command with its description, usage hint and the events URL', () => {
    const slash = slashOf(slackManifest(commands));
    expect(slash.map((s) => s.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const [i, s] of slash.entries()) {
      expect(s.description).toBe(commands[i]!.description);
      expect(s.description.length).toBeLessThanOrEqual(MAX_COMMAND_DESCRIPTION);
      expect(s.command.length).toBeLessThanOrEqual(MAX_COMMAND_NAME);
      expect((s.usage_hint ?? '').length).toBeLessThanOrEqual(MAX_USAGE_HINT);
      expect(s.url).toBe(PLACEHOLDER_URL);
    }
    expect(slash.find((s) => s.command === '/pouvoir')?.usage_hint).toBe(
      usageHint(commands.find((c) => c.name === 'pouvoir')!),
    );
    expect(slash.find((s) => s.command === '/devis')?.usage_hint).toBe(
      '<service> <postes> [membre|non-membre] [premiere]',
    );
  });

  it('asks for the scopes, events and interactivity the door uses', () => {
    const m = slackManifest(commands, { url: 'https://seance.example.org/slack/events' }) as any;
    expect(m.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'im:write', 'im:history', 'channels:history', 'files:write']),
    );
    expect(m.settings.event_subscriptions).toEqual({
      request_url: 'https://seance.example.org/slack/events',
      bot_events: [...BOT_EVENTS],
    });
    expect(m.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://seance.example.org/slack/events',
    });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(BOT_SCOPES).toContain('app_mentions:read');
  });

  it('has no request URLs in Socket Mode', () => {
    const m = slackManifest(commands, { socketMode: true }) as any;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(m)).not.toContain('YOUR-HOST');
  });
});

describe('npm run slack:manifest', () => {
  it('prints YAML that lists every declared command', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/slack-manifest.ts', '--url', 'https://h.example/slack/events'],
      { timeout: 30_000 },
    );
    const m = parse(stdout) as Record<string, unknown>;
    expect(slashOf(m).map((s) => s.command)).toEqual(commands.map((c) => `/${c.name}`));
    expect(stdout).toContain('https://h.example/slack/events');
  });
});
