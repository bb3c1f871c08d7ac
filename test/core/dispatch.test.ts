/** Routing a command line or structured options to the declared command, with access, validation and errors. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { arg, defineCommand, type Actor, type ArgsOf, type Command } from '../../src/core/command.ts';
import { checkRegistry, createDispatcher } from '../../src/core/dispatch.ts';
import { ERROR_CODES, type ErrorCode } from '../../src/core/errors.ts';
import { createRecords } from '../../src/core/records.ts';
import { reply, text } from '../../src/core/reply.ts';
import { replyToText } from '../../src/core/reply-text.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';
import { SAMPLE_CONFIG } from '../helpers/test-bot.ts';

const seen: unknown[] = [];
const echo = defineCommand({
  name: 'écho',
  description: 'Répète',
  examples: [],
  access: 'read',
  args: [
    arg({ name: 'n', kind: 'integer', description: 'combien' }),
    arg({ name: 'mot', kind: 'text', optional: true, description: 'quoi' }),
  ],
  run: (args) => {
    seen.push(args);
    return reply('Écho', [text(`${args.n} × ${args.mot ?? '…'}`)]);
  },
});
const planner = defineCommand({
  name: 'plan',
  description: 'Sous-commandes',
  examples: [],
  access: 'read',
  defaultSubcommand: 'voir',
  subcommands: [
    defineCommand({ name: 'voir', description: 'Voir', examples: [], access: 'read', run: () => reply('Vu', []) }),
    defineCommand({
      name: 'fixer',
      description: 'Fixer',
      examples: [],
      access: 'session.plan',
      run: () => reply('Fixé', []),
    }),
  ],
});
const boom = defineCommand({
  name: 'boum',
  description: 'Bug',
  examples: [],
  access: 'read',
  run: () => {
    throw new Error('secret detail');
  },
});

const errors: unknown[] = [];
async function dispatcher(commands: readonly Command[] = [echo, planner, boom]) {
  const config = loadConfigFile(SAMPLE_CONFIG);
  const store = await openStore('memory:');
  const logger = {
    info: () => undefined,
    warn: () => undefined,
    error: (m: string, d?: unknown) => errors.push([m, d]),
  };
  return createDispatcher({
    config,
    records: createRecords(store, config),
    clock: createFakeClock('2026-11-29T10:00:00Z'),
    logger,
    commands,
  });
}
const reader: Actor = { name: 'Lecteur', role: 'reader', door: 'test' };
const secretary: Actor = { name: 'Secrétariat', role: 'secretary', door: 'test' };

describe('dispatch', () => {
  it('routes a line to its command with validated, typed arguments (name folded, slash optional)', async () => {
    const d = await dispatcher();
    expect(replyToText(await d.runLine('/ECHO 3 bonjour', reader))).toContain('3 × bonjour');
    expect(replyToText(await d.runLine('echo 2', reader))).toContain('2 × …');
    expect(seen.at(-1)).toEqual({ n: 2 });
  });
  it('routes structured options the same way', async () => {
    const d = await dispatcher();
    expect(replyToText(await d.runStructured({ name: 'écho', args: { n: '4', mot: 'oui' } }, reader))).toContain(
      '4 × oui',
    );
    expect(replyToText(await d.runStructured({ name: 'plan', subcommand: 'voir', args: {} }, reader))).toContain('Vu');
  });
  it('runs the default subcommand, and checks access per subcommand', async () => {
    const d = await dispatcher();
    expect((await d.runLine('/plan', reader)).title).toBe('Vu');
    const refused = await d.runLine('/plan fixer', reader);
    expect(refused.tone).toBe('error');
    expect(replyToText(refused)).toContain('Cette commande est réservée à : secrétariat.');
    expect((await d.runLine('/plan fixer', secretary)).title).toBe('Fixé');
  });
  it('answers an unknown command with the closest names, and an empty one with /aide', async () => {
    const d = await dispatcher();
    expect(replyToText(await d.runLine('/echi 1', reader))).toContain('Vouliez-vous dire : /écho ?');
    expect(replyToText(await d.runLine('   ', reader))).toContain('Commande vide');
  });
  it('refuses a line over the size limit before any work', async () => {
    const d = await dispatcher();
    expect(replyToText(await d.runLine(`/écho 1 ${'a'.repeat(3000)}`, reader))).toContain('Commande trop longue');
  });
  it('turns a bug into a short apology and logs the detail', async () => {
    const d = await dispatcher();
    const r = await d.runLine('/boum', reader);
    expect(replyToText(r)).toContain('Désolé, une erreur inattendue est survenue.');
    expect(replyToText(r)).not.toContain('secret detail');
    expect(JSON.stringify(errors.at(-1))).toContain('secret detail');
  });
});

describe('the command registry', () => {
  it('refuses two commands with the same (folded) name at start', async () => {
    const twin = defineCommand({
      name: 'Echo',
      description: 'Double',
      examples: [],
      access: 'read',
      run: () => reply('x', []),
    });
    await expect(dispatcher([echo, twin])).rejects.toThrow(/command \/Echo clashes with command \/écho/);
  });
  it('refuses a subcommand declared twice, and a command named like a message shortcut', () => {
    const sub = defineCommand({
      name: 'voir',
      description: 'v',
      examples: [],
      access: 'read',
      run: () => reply('x', []),
    });
    expect(() =>
      checkRegistry([
        defineCommand({ name: 'plan', description: 'p', examples: [], access: 'read', subcommands: [sub, sub] }),
      ]),
    ).toThrow(/subcommand \/plan voir is declared twice/);
    const pouvoir = defineCommand({
      name: 'pouvoir',
      description: 'p',
      examples: [],
      access: 'read',
      subcommands: [defineCommand({ ...sub, name: 'confirmer' })],
    });
    const confirmer = defineCommand({
      name: 'confirmer',
      description: 'c',
      examples: [],
      access: 'read',
      run: () => reply('x', []),
    });
    expect(() => checkRegistry([pouvoir, confirmer])).toThrow(
      /message shortcut « confirmer » clashes with command \/confirmer/,
    );
  });
  it('accepts the real command list', async () => {
    const { commands } = await import('../../src/commands/index.ts');
    expect(() => checkRegistry(commands)).not.toThrow();
  });
});

describe('typed declarations', () => {
  it('infers each handler argument from its spec', () => {
    const specs = [
      arg({ name: 'n', kind: 'integer', description: 'n' }),
      arg({ name: 'c', kind: 'choice', choices: ['salle', 'distance'], description: 'c' }),
      arg({ name: 's', kind: 'session', optional: true, description: 's' }),
    ] as const;
    expectTypeOf<ArgsOf<typeof specs>>().toEqualTypeOf<{
      readonly n: number;
      readonly c: 'salle' | 'distance';
      readonly s: string | undefined;
    }>();
  });
  it('keeps error codes to a closed list', () => {
    expectTypeOf<'proxy.self'>().toExtend<ErrorCode>();
    expectTypeOf<'proxy.whatever'>().not.toExtend<ErrorCode>();
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
