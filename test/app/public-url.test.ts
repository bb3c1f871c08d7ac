/** SEANCE_PUBLIC_URL: the address the bot's links to the public page start with; a bad one stops the start in French. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { parseDoorSettings } from '../../src/app/settings.ts';

const sample = loadConfigFile('config/somme-numerique.yaml');

describe('SEANCE_PUBLIC_URL', () => {
  it('keeps an http(s) address, path included, without its trailing slash; absent, there is none', () => {
    expect(parseDoorSettings({ SEANCE_PUBLIC_URL: 'https://seance.example.fr/' }, sample).publicUrl).toBe(
      'https://seance.example.fr',
    );
    expect(parseDoorSettings({ SEANCE_PUBLIC_URL: ' https://example.fr/comite/ ' }, sample).publicUrl).toBe(
      'https://example.fr/comite',
    );
    expect(parseDoorSettings({}, sample).publicUrl).toBeUndefined();
  });

  it.each(['seance.example.fr', 'ftp://example.fr', 'https://example.fr/?page=1', 'https://example.fr/#haut'])(
    'refuses « %s » in French',
    (raw) => {
      expect(() => parseDoorSettings({ SEANCE_PUBLIC_URL: raw }, sample)).toThrow(
        `SEANCE_PUBLIC_URL : adresse web attendue, commençant par https:// (ex. https://seance.example.fr), sans « ? » ni « # », reçu « ${raw} »`,
      );
    },
  );

  it('main stops with that message and exit status 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, SEANCE_STORE: 'memory:', SEANCE_PUBLIC_URL: 'seance.example.fr' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(err).toContain('SEANCE_PUBLIC_URL : adresse web attendue');
  }, 60_000);
});
