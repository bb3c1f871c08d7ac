/** Generated application commands: within Discord's limits for every declared command, and mapped back to the declarations. */
import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commands } from '../../../src/commands/index.ts';
import type { Command } from '../../../src/core/command.ts';
import {
  buildCommands,
  COMMAND_LIMITS as L,
  commandToDiscord,
  createCommandIndex,
  discordName,
  NAME_PATTERN,
  parseInvocation,
} from '../../../src/adapters/discord/commands.ts';

type Json = any;

/** Every limit a command breaks, as Discord would reject it. */
function problems(c: Json): string[] {
  const out: string[] = [];
  let total = 0;
  const named = (o: Json, where: string) => {
    if (!NAME_PATTERN.test(o.name)) out.push(`${where}: bad name ${o.name}`);
    if (o.name !== o.name.toLowerCase()) out.push(`${where}: name not lowercase`);
    if (!o.description || o.description.length > L.description)
      out.push(`${where}: description length ${o.description?.length}`);
    total += o.name.length + o.description.length;
  };
  const options = (list: Json[], where: string) => {
    if (list.length > L.options) out.push(`${where}: ${list.length} options`);
    const names = list.map((o) => o.name);
    if (new Set(names).size !== names.length) out.push(`${where}: duplicate option names`);
    let optionalSeen = false;
    for (const o of list) {
      named(o, `${where} ${o.name}`);
      if (o.type === T.Subcommand) options(o.options ?? [], `${where} ${o.name}`);
      else {
        if (o.required && optionalSeen) out.push(`${where} ${o.name}: required after optional`);
        if (!o.required) optionalSeen = true;
      }
      if (o.choices) {
        if (o.choices.length > L.choices) out.push(`${where} ${o.name}: ${o.choices.length} choices`);
        if (o.autocomplete) out.push(`${where} ${o.name}: choices and autocomplete`);
        for (const ch of o.choices) {
          if (!ch.name || ch.name.length > L.choiceName || String(ch.value).length > L.choiceValue)
            out.push(`${where} ${o.name}: choice ${ch.name}`);
          total += ch.name.length + String(ch.value).length;
        }
      }
    }
    const kinds = new Set(list.map((o) => o.type === T.Subcommand));
    if (kinds.size > 1) out.push(`${where}: subcommands mixed with options`);
  };
  named(c, `/${c.name}`);
  options(c.options ?? [], `/${c.name}`);
  if (total > L.totalChars) out.push(`/${c.name}: ${total} characters in all`);
  return out;
}

const optionOf = (json: Json, sub: string | undefined, name: string) =>
  (sub ? json.options.find((o: Json) => o.name === sub).options : json.options).find((o: Json) => o.name === name);

describe('Discord application commands', () => {
  const built = buildCommands(commands);

  it("stays within Discord's limits for every declared command", () => {
    expect(built.length).toBe(commands.length);
    expect(built.length).toBeLessThanOrEqual(L.globalCommands);
    expect(new Set(built.map((c) => c.name)).size).toBe(built.length);
    expect(built.flatMap(problems)).toEqual([]);
  });

  it('keeps accented argument names, which Discord accepts, and folds names it would not', () => {
    expect(discordName('séance')).toBe('séance');
    expect(discordName('délégué')).toBe('délégué');
    expect(NAME_PATTERN.test('séance')).toBe(true);
    expect(discordName('Nom du Lieu !')).toBe('nom-du-lieu');
    expect(discordName('x'.repeat(40))).toHaveLength(32);
    expect(NAME_PATTERN.test('Séance')).toBe(false);
    expect(NAME_PATTERN.test('deux mots')).toBe(false);
  });

  it('types options: integers with bounds, choices, autocomplete for delegates, services and sessions', () => {
    const byName = (n: string) => built.find((c) => c.name === n) as Json;
    expect(optionOf(byName('devis'), undefined, 'postes')).toMatchObject({
      type: T.Integer,
      required: true,
      min_value: 1,
    });
    expect(optionOf(byName('devis'), undefined, 'postes').max_value).toBeGreaterThan(1);
    expect(optionOf(byName('devis'), undefined, 'tarif').choices.map((c: Json) => c.value)).toEqual([
      'membre',
      'non-membre',
    ]);
    expect(optionOf(byName('devis'), undefined, 'service')).toMatchObject({ type: T.String, autocomplete: true });
    expect(optionOf(byName('presence'), undefined, 'statut').choices.map((c: Json) => c.value)).toEqual([
      'salle',
      'distance',
      'excuse',
      'absent',
      'suppleant',
      'arrive',
      'part',
    ]);
    expect(optionOf(byName('presence'), undefined, 'délégué')).toMatchObject({ autocomplete: true });
    expect(optionOf(byName('quorum'), undefined, 'séance')).toMatchObject({ autocomplete: true, required: false });
    expect(optionOf(byName('odj'), 'ajouter', 'nature').choices.map((c: Json) => c.value)).toEqual([
      'information',
      'deliberation',
    ]);
  });

  it('makes subcommands of /pouvoir, /odj and /seance', () => {
    const subs = (n: string) => (built.find((c) => c.name === n) as Json).options.map((o: Json) => [o.type, o.name]);
    expect(subs('pouvoir')).toEqual([
      [T.Subcommand, 'donner'],
      [T.Subcommand, 'retirer'],
      [T.Subcommand, 'confirmer'],
      [T.Subcommand, 'refuser'],
    ]);
    expect(subs('odj')).toEqual([
      [T.Subcommand, 'voir'],
      [T.Subcommand, 'ajouter'],
      [T.Subcommand, 'retirer'],
      [T.Subcommand, 'modifier'],
    ]);
    expect(subs('seance')).toContainEqual([T.Subcommand, 'planifier']);
  });

  it('clips what is too long, puts required options first and folds invalid names', () => {
    const long =
      'Une description beaucoup trop longue pour Discord, qui limite chaque description à cent caractères au plus, pas davantage';
    const cmd: Command = {
      name: 'Essai',
      description: long,
      examples: [],
      access: 'read',
      args: [
        { name: 'Option Facultative', kind: 'text', optional: true, description: long },
        {
          name: 'choix',
          kind: 'choice',
          choices: Array.from({ length: 30 }, (_, i) => `choix-${i}`),
          description: 'trente choix',
        },
        ...Array.from({ length: 30 }, (_, i) => ({
          name: `n${i}`,
          kind: 'integer' as const,
          optional: true,
          description: `nombre ${i}`,
        })),
      ],
    };
    const json = commandToDiscord(cmd) as Json;
    expect(problems(json)).toEqual([]);
    expect(json.name).toBe('essai');
    expect(json.description.endsWith('…')).toBe(true);
    expect(json.options[0]).toMatchObject({ name: 'choix', autocomplete: true }); // 30 choices: autocomplete instead
    expect(json.options[1].name).toBe('option-facultative');
    expect(json.options).toHaveLength(25);
  });

  it('maps Discord options back to the declared argument names', () => {
    const index = createCommandIndex(commands);
    const parsed = parseInvocation(index, 'pouvoir', [
      {
        name: 'donner',
        type: T.Subcommand,
        options: [
          { name: 'mandant', type: T.String, value: 'ROY' },
          { name: 'mandataire', type: T.String, value: 'PARSIS' },
          { name: 'séance', type: T.String, value: '2024-10-07', focused: true },
        ],
      },
    ]);
    expect(parsed.input).toEqual({
      name: 'pouvoir',
      subcommand: 'donner',
      args: { mandant: 'ROY', mandataire: 'PARSIS', séance: '2024-10-07' },
    });
    expect(parsed.focused).toMatchObject({ value: '2024-10-07', spec: { kind: 'session' } });
    const devis = parseInvocation(index, 'devis', [
      { name: 'service', type: T.String, value: 'cyber' },
      { name: 'postes', type: T.Integer, value: 10 },
    ]);
    expect(devis.input).toEqual({ name: 'devis', args: { service: 'cyber', postes: '10' } });
  });

  it('gives every declared argument an option that maps back to it', () => {
    const index = createCommandIndex(commands);
    for (const cmd of commands) {
      for (const target of cmd.subcommands ?? [cmd]) {
        const entry = index.entry(discordName(cmd.name), cmd.subcommands ? discordName(target.name) : undefined);
        expect(entry?.command).toBe(target);
        expect([...entry!.options.values()]).toEqual(target.args ?? []);
      }
    }
  });
});
