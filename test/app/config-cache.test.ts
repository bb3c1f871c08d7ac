/** The config cache of `npm start`: the cached config is the checked config, and a changed file is checked again. */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedConfigLoader } from '../../src/app/config-cache.ts';

const loadConfigCached = (file: string, cache: string) => cachedConfigLoader(cache)(file);
import { loadConfigFile } from '../../src/app/load-config.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'seance-config-cache-'));
  dirs.push(d);
  return d;
};

describe('config cache', () => {
  for (const file of [
    'config/somme-numerique.yaml',
    ...readdirSync('config/examples')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `config/examples/${f}`),
  ]) {
    it(`${file}: the cached config equals the checked one (plain JSON data)`, async () => {
      const cache = temp();
      const first = await loadConfigCached(file, cache);
      expect(readdirSync(cache)).toHaveLength(1);
      const again = await loadConfigCached(file, cache);
      expect(again).not.toBe(first); // read from the cache
      expect(again).toEqual(loadConfigFile(file));
    });
  }

  it('checks a changed file again, and reports its errors in French', async () => {
    const cache = temp();
    const file = join(temp(), 'body.yaml');
    copyFileSync('config/somme-numerique.yaml', file);
    await loadConfigCached(file, cache);
    writeFileSync(file, readFileSync(file, 'utf8').replace('assemblyName: Comité syndical', 'assemblyName: Bureau'));
    expect((await loadConfigCached(file, cache)).body.assemblyName).toBe('Bureau');
    writeFileSync(file, 'body: [');
    expect(() => loadConfigCached(file, cache)).toThrow(/body\.yaml/);
  });
});
