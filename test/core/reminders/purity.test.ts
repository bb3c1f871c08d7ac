/** @module The reminder and session core stays pure: no node-cron, keyv, platform or node: imports. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = /from\s+['"](node:|node-cron|keyv|@keyv\/|@slack\/|discord\.js|fs|path|os)['"/]/;

describe('the core of reminders', () => {
  for (const dir of ['src/core/reminders', 'src/core/sessions']) {
    it(`${dir} imports no I/O module`, () => {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(dir, file), 'utf8');
        expect(FORBIDDEN.test(source), `${dir}/${file}`).toBe(false);
        expect(source, `${dir}/${file}`).not.toMatch(/Date\.now\(\)|new Date\(\)/);
      }
    });
  }
});
