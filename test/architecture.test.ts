/** The layers of src/ (docs/architecture.md): each imports only what its rule allows, bare imports included. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importsOf, layerViolations } from './helpers/layers.ts';

describe('architecture', () => {
  it('every layer of src/ imports only what its rule allows', () => {
    expect(layerViolations('.')).toEqual([]);
  });

  it('catches each kind of breach in a deliberately bad tree', () => {
    expect(layerViolations('test/fixtures/bad-layers').sort()).toEqual([
      'src/adapters/chat/door.ts: a door reads process.env (it receives settings)',
      "src/adapters/chat/door.ts: import '../../app/build.ts' (adapters/chat may not import app)",
      "src/commands/quorum.ts: import '../adapters/chat/door.ts' (commands may not import adapters/chat)",
      "src/core/clock.ts: import 'node:fs' (a Node module in the core (I/O, timers...))",
      'src/core/clock.ts: starts a timer',
    ]);
  });

  it('sees bare, re-exported and dynamic imports', () => {
    expect(importsOf("import 'node:fs';\nexport { x } from './x.ts';\nconst m = await import('discord.js');")).toEqual([
      'node:fs',
      './x.ts',
      'discord.js',
    ]);
  });

  it('the console door does not load the Slack or Discord libraries', () => {
    for (const f of [
      'src/adapters/console/console-adapter.ts',
      'src/adapters/console/complete.ts',
      'src/main.ts',
      'src/app/build.ts',
    ]) {
      expect(importsOf(readFileSync(f, 'utf8')).filter((m) => /^(@slack\/bolt|discord\.js)$/.test(m))).toEqual([]);
    }
  });
});
