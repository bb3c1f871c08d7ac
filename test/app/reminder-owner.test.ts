/** @module Which process sends reminders: the one running a chat door, or a console alone; never a console beside a server. */
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { reminderOwnership } from '../../src/app/reminder-owner.ts';
import { parseDoorSettings } from '../../src/app/settings.ts';
import type { Config } from '../../src/core/config.ts';

const sample = loadConfigFile('config/somme-numerique.yaml');
const withoutChat = { ...sample, doors: { ...(sample as { doors: object }).doors, channels: {} } } as unknown as Config;
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' };
const DISCORD = { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '123' };

describe('reminder ownership', () => {
  it('a process with a chat door sends', () => {
    expect(reminderOwnership(parseDoorSettings(SLACK, sample, false), sample)).toEqual({
      sends: true,
      reason: 'chat-doors',
    });
    expect(reminderOwnership(parseDoorSettings(DISCORD, sample, true), sample)).toEqual({
      sends: true,
      reason: 'chat-doors',
    });
  });
  it('a console beside a server (the config has chat channels, this process runs no chat door) does not', () => {
    const plan = parseDoorSettings({}, sample, false);
    expect(plan.console).toBe(true);
    expect(reminderOwnership(plan, sample)).toEqual({ sends: false, reason: 'chat-doors-elsewhere' });
  });
  it('a console alone (no chat door in the environment nor the config) sends to itself', () => {
    expect(reminderOwnership(parseDoorSettings({}, withoutChat, false), withoutChat)).toEqual({
      sends: true,
      reason: 'console-alone',
    });
  });
});
