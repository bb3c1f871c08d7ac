/** @module /aide: every command with its usage and an example, generated from the declarations. */
import { defineCommand, usage, type Command } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import { fields, list, reply, text } from '../core/reply.ts';
import { fold } from '../core/text/normalize.ts';

function lines(cmd: Command): string[] {
  if (cmd.subcommands) return cmd.subcommands.map((s) => `${usage(s, cmd)} : ${s.description}`);
  return [`${usage(cmd)} : ${cmd.description}`];
}

export const aide = defineCommand({
  name: 'aide',
  description: 'Liste des commandes, ou le détail d\'une commande',
  args: [{ name: 'commande', kind: 'text', optional: true, description: 'nom d\'une commande (ex. devis)' }],
  examples: ['/aide', '/aide devis'],
  access: 'read',
  run(args, ctx) {
    const name = args['commande'];
    if (!name) {
      return reply('Commandes de Séance', [
        list(ctx.commands.flatMap(lines)),
        text('Détail et exemples : /aide <commande>. Les délégués se nomment librement (ROY, Mme Roy, de waziers) ; la séance par sa date (2024-10-07 ou 07/10/2024).'),
      ]);
    }
    const cmd = ctx.commands.find((c) => fold(c.name) === fold(name.replace(/^\//, '')));
    if (!cmd) fail('command.unknown', `Commande inconnue : « ${name} ». Tapez /aide pour la liste.`);
    const subs = cmd.subcommands ?? [cmd];
    const examples = [...cmd.examples, ...(cmd.subcommands ?? []).flatMap((s) => s.examples)];
    return reply(`/${cmd.name} — ${cmd.description}`, [
      list(lines(cmd), 'Usage'),
      ...subs.filter((s) => s.args?.length).map((s) =>
        fields(s.args!.map((a) => ({ label: `${subs.length > 1 ? `${s.name} › ` : ''}${a.name}${a.optional ? ' (facultatif)' : ''}`, value: a.description })))),
      list(examples, 'Exemples'),
    ]);
  },
});
