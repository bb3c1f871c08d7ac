/**
 * @module Which process sends reminders: the one running a chat door, or a console alone; never a console beside a
 * server unless asked (SEANCE_RAPPELS=console or --rappels).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { REMINDERS_ELSEWHERE, REMINDERS_HERE, reminderOwnership } from '../../src/app/reminder-owner.ts';
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

describe('SEANCE_RAPPELS', () => {
  it('console (or --rappels) makes a console beside the config’s chat doors send; non keeps even a chat door from it', () => {
    expect(reminderOwnership(parseDoorSettings({ SEANCE_RAPPELS: 'console' }, sample), sample)).toEqual({
      sends: true,
      reason: 'asked',
    });
    expect(reminderOwnership(parseDoorSettings({}, sample, { reminders: true }), sample)).toEqual({
      sends: true,
      reason: 'asked',
    });
    expect(reminderOwnership(parseDoorSettings({ SEANCE_RAPPELS: 'auto' }, sample), sample).sends).toBe(false);
    expect(reminderOwnership(parseDoorSettings({ ...SLACK, SEANCE_RAPPELS: 'non' }, sample), sample)).toEqual({
      sends: false,
      reason: 'refused',
    });
  });

  it('refuses, in French, a value it does not know and a --rappels that contradicts it', () => {
    expect(() => parseDoorSettings({ SEANCE_RAPPELS: 'oui' }, sample)).toThrow(
      /SEANCE_RAPPELS : « auto », « console » ou « non » attendu, reçu « oui »/,
    );
    expect(() => parseDoorSettings({ SEANCE_RAPPELS: 'non' }, sample, { reminders: true })).toThrow(
      /--rappels demande que cette console envoie les rappels, mais SEANCE_RAPPELS vaut « non »/,
    );
  });
});

/** `npm start` as a person runs it on the sample config (which names Slack and Discord channels), no token. */
function consoleProcess(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: {
      ...process.env,
      SEANCE_STORE: 'memory:',
      SEANCE_NOW: '2026-11-19T08:00:00Z', // the seminar's J-7 reminder is due (09:00 in Paris)
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      WEB_PORT: '',
      SEANCE_RAPPELS: '',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (text: string) => {
    for (let i = 0; i < 600 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 100));
    return out.includes(text);
  };
  return { child, exited, waitFor, out: () => out, err: () => err };
}

const J7 = 'Séminaire annuel de Somme Numérique dans 7 jours';

describe('a console asked to send the reminders (main, real process)', () => {
  it('with SEANCE_RAPPELS=console it sends the due reminder to itself and says so', async () => {
    const c = consoleProcess({ SEANCE_RAPPELS: 'console' });
    expect(await c.waitFor(J7)).toBe(true);
    expect(c.out()).toContain(REMINDERS_HERE);
    c.child.stdin.end('/rappels\n');
    expect(await c.exited).toBe(0);
  }, 90_000);

  it('by default it still leaves them to the server, and says how to change that', async () => {
    const c = consoleProcess({});
    expect(await c.waitFor(REMINDERS_ELSEWHERE)).toBe(true);
    expect(REMINDERS_ELSEWHERE).toContain('SEANCE_RAPPELS=console');
    c.child.stdin.end('/rappels\n');
    expect(await c.exited).toBe(0);
    expect(c.out()).not.toContain(J7);
    expect(c.out()).toContain('Séminaire annuel'); // /rappels shows it as due
  }, 90_000);

  it('a bad value stops the start with a French message (exit 2)', async () => {
    const c = consoleProcess({ SEANCE_RAPPELS: 'toujours' });
    expect(await c.exited).toBe(2);
    expect(c.err()).toContain('SEANCE_RAPPELS : « auto », « console » ou « non » attendu');
  }, 90_000);
});
