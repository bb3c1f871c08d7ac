import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import { createCompleter } from '../../../src/adapters/console/complete.ts';
import { createTestBot, secretary, type TestBot } from '../../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function run(lines: string[], actor = secretary) {
  bot = await createTestBot();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c) => {
    text += c.toString();
  });
  const door = createConsoleAdapter({
    host: bot.hub.hostFor('console'),
    input,
    output,
    actor: { ...actor, door: 'console' },
    interactive: false,
  });
  bot.hub.addDoor(door);
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await door.finished;
  return text;
}

describe('the console door over streams', () => {
  it('answers each piped line in order and finishes at end of input', async () => {
    const out = await run(['/quorum 2024-10-07', 'devis cyber 10 membre', '', '# a comment']);
    expect(out.indexOf('Quorum atteint')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('540,00')).toBeGreaterThan(out.indexOf('Quorum atteint'));
  });
  it('shows messages sent to the secretariat', async () => {
    bot = undefined;
    const out = await run(['/seance planifier 2026-12-15 17:30 Amiens', '/pouvoir donner ROY PARSIS']);
    expect(out).toContain('── Message pour Mme ROY ──');
  });
  it('stops at /quitter', async () => {
    const out = await run(['/quitter', '/quorum']);
    expect(out).not.toContain('Quorum');
  });
});

describe('tab completion', () => {
  it('completes commands, subcommands, services and delegate names', async () => {
    bot = await createTestBot();
    const complete = createCompleter(bot.hub.dispatcher.commands, bot.config);
    expect(complete('/quo')[0]).toEqual(['/quorum']);
    expect(complete('/pouvoir do')[0]).toEqual(['donner']);
    expect(complete('/devis cy')[0]).toContain('cyber');
    expect(complete('/tarifs ft')[0]).toContain('ftth');
    expect(complete('/pouvoir donner MAILLE')[0].sort()).toEqual(['MAILLE', 'MAILLE-BARBARE']);
    expect(complete('/presence PAYEN dis')[0]).toEqual(['distance']);
  });
});

describe('npm start with piped input', () => {
  it('answers and exits 0 at end of input, acting as the delegate given by --as', () => {
    const r = spawnSync('npx', ['tsx', 'src/main.ts', '--as', 'M. PAYEN'], {
      input: '/quorum 2024-10-07\n/presence ROY salle 2024-10-07\n',
      encoding: 'utf8',
      env: { ...process.env, SEANCE_STORE: 'memory:', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Quorum atteint');
    expect(r.stdout).toContain('ne peut enregistrer que sa propre présence');
    expect(r.stderr).toBe('');
  });
  it('refuses an unknown --as with status 2', () => {
    const r = spawnSync('npx', ['tsx', 'src/main.ts', '--as', 'Zorglub'], {
      input: '',
      encoding: 'utf8',
      env: { ...process.env, SEANCE_STORE: 'memory:' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('personne inconnue « Zorglub »');
  });
});
