import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN = /^(node:|@slack\/|discord\.js|@discordjs\/|keyv|@keyv\/|node-cron|ws$|express|fs$|path$|os$|http$|crypto$)/;

describe('architecture', () => {
  it('src/core imports no platform, store, scheduler or node: module', () => {
    const offenders: string[] = [];
    for (const f of files('src/core')) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        if (FORBIDDEN.test(spec)) offenders.push(`${f}: ${spec}`);
        if (spec.startsWith('.') && /\/(adapters|infra|app)\//.test(join(f, '..', spec))) offenders.push(`${f}: ${spec}`);
      }
      if (/process\.env|Date\.now\(\)|new Date\(\)/.test(src)) offenders.push(`${f}: reads the environment or the system clock`);
    }
    expect(offenders).toEqual([]);
  });
  it('the console door does not load the Slack or Discord libraries', () => {
    for (const f of [...files('src/adapters/console'), 'src/main.ts', 'src/app/build.ts']) {
      expect(readFileSync(f, 'utf8')).not.toMatch(/from ['"](@slack\/bolt|discord\.js)['"]/);
    }
  });
});
