/** @module /aide: every command with its usage and an example, generated from the declarations. */
import { defineCommand, usage, type ArgSpec, type Command } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { fields, list, reply, text, type Block } from '../core/reply.ts';
import { synonymLines } from '../core/text/choice.ts';
import { fold } from '../core/text/normalize.ts';

function lines(cmd: Command): string[] {
  if (cmd.subcommands) return cmd.subcommands.map((s) => `${usage(s, cmd)} : ${s.description}`);
  return [`${usage(cmd)} : ${cmd.description}`];
}

/** An argument's description, with the words it also accepts (« présente » for salle). */
function argValue(a: ArgSpec): string {
  if (a.kind === 'delegate') return `${a.description} ; « moi » vous désigne`;
  if (a.synonyms) return `${a.description}. Mots acceptés : ${synonymLines(a).join(' ; ')}`;
  return a.description;
}

const named = (cmd: Command, name: string) =>
  [cmd.name, ...(cmd.aliases ?? [])].some((n) => (fold(n) || n) === (fold(name) || name));

export const aide = defineCommand({
  name: 'aide',
  aliases: ['help', '?'],
  description: "Liste des commandes, ou le détail d'une commande",
  args: [{ name: 'commande', kind: 'text', optional: true, description: "nom d'une commande (ex. devis)" }],
  examples: ['/aide', '/aide devis'],
  access: 'read',
  run(args, ctx) {
    const name = args['commande'];
    if (!name) {
      return reply('Commandes de Séance', [
        list(ctx.commands.flatMap(lines)),
        text(
          'Détail et exemples : /aide <commande> (ou help, ?). Les délégués se nomment librement (ROY, Mme Roy, de waziers, moi) ; ' +
            'la séance par sa date (2024-10-07, 07/10/2024, 7 octobre 2024, lundi 7 octobre, demain, lundi prochain) ; une heure : 18h, 18 h 30, 18:30. Les accents sont facultatifs.',
        ),
      ]);
    }
    const cmd = ctx.commands.find((c) => named(c, name.replace(/^\//, '')));
    if (!cmd) fail('command.unknown', `Commande inconnue : « ${name} ». Tapez /aide pour la liste.`);
    const subs = cmd.subcommands ?? [cmd];
    const examples = [...cmd.examples, ...(cmd.subcommands ?? []).flatMap((s) => s.examples)];
    const blocks: Block[] = [list(lines(cmd), 'Usage')];
    if (cmd.aliases?.length) blocks.push(text(`Aussi : ${cmd.aliases.join(', ')}.`));
    blocks.push(
      ...subs
        .filter((s) => s.args?.length)
        .map((s) =>
          fields(
            s.args!.map((a) => ({
              label: `${subs.length > 1 ? `${s.name} › ` : ''}${a.name}${a.optional ? ' (facultatif)' : ''}`,
              value: argValue(a),
            })),
          ),
        ),
    );
    blocks.push(list(examples, 'Exemples'));
    return reply(`/${cmd.name} — ${cmd.description}`, blocks);
  },
});
