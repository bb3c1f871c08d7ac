import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the runtime', () => {
  it('the tests run on the Node.js that npm ci installs (devDependency "node", Node 24)', () => {
    const installed = execFileSync('node_modules/.bin/node', ['--version'], { encoding: 'utf8' }).trim();
    expect(installed).toMatch(/^v24\./);
    expect(process.version).toBe(installed);
  });
});
