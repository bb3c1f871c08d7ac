/** @module Tab completion for the console: commands, subcommands, choices, service and delegate names. */
import type { Command } from '../../core/command.ts';
import type { Config } from '../../core/config.ts';
import { fold } from '../../core/text/normalize.ts';

export function createCompleter(cmds: readonly Command[], config: Config) {
  const names = config.roster.map((d) => (d.lastName.includes(' ') ? `"${d.lastName}"` : d.lastName));
  const services = [
    ...new Set(
      config.catalogue.services.flatMap((s) => s.keys.filter((k) => !k.includes(' ')).map((k) => k.toLowerCase())),
    ),
  ];
  return (line: string): [string[], string] => {
    const parts = line.split(/\s+/);
    const last = parts[parts.length - 1] ?? '';
    const pick = (options: readonly string[]) => {
      const hits = options.filter((o) => fold(o).startsWith(fold(last)) || o.startsWith(last));
      return [hits.length ? hits : [], last] as [string[], string];
    };
    if (parts.length <= 1) return pick(cmds.map((c) => `/${c.name}`));
    const cmd = cmds.find((c) => `/${c.name}` === parts[0] || c.name === parts[0]);
    if (!cmd) return [[], last];
    if (cmd.subcommands && parts.length === 2) return pick(cmd.subcommands.map((s) => s.name));
    const sub = cmd.subcommands?.find((s) => s.name === parts[1]);
    const specs = (sub ?? cmd).args ?? [];
    if (specs.some((a) => a.kind === 'service') && parts.length <= (sub ? 3 : 2)) return pick(services);
    const choices = specs.flatMap((a) => a.choices ?? []);
    const delegates = specs.some((a) => a.kind === 'delegate') ? names : [];
    return pick([...choices, ...delegates]);
  };
}
