/**
 * @module /delegues: the roster by member body — each delegate's votes, attendance and proxy for the next
 * session (else the latest). Chat accounts live in the app layer (src/app/accounts.ts), not shown here.
 */
import { proxiesHeldBy, proxyOf, statusLabel } from '../core/assembly/proxies.ts';
import { delegatesById } from '../core/assembly/quorum.ts';
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Delegate, SessionRecord } from '../core/model.ts';
import { reply, table, text, type Block } from '../core/reply.ts';
import { matchByName } from '../core/text/match.ts';
import { agree, countOf, listOf } from '../core/text/french.ts';
import { nameOf, sessionHeading } from './shared.ts';

/** « donné à M. PARSIS », « détient celui de Mme ROY (en attente) », or « — ». */
function proxyCell(d: Delegate, record: SessionRecord | undefined, name: (id: string) => string): string {
  if (!record) return '—';
  const pending = (p: { status: string }) => (p.status === 'pending' ? ' (en attente)' : '');
  const given = proxyOf(record, d.id);
  if (given) return `donné à ${name(given.holder)}${pending(given)}`;
  const held = proxiesHeldBy(record, d.id);
  if (held.length) return `détient celui de ${listOf(held.map((p) => `${name(p.giver)}${pending(p)}`))}`;
  return '—';
}

function nameCell(d: Delegate): string {
  const notes = [
    d.role === 'president' ? agree(d, 'président', 'présidente') : '',
    d.inOffice ? '' : 'hors exercice',
  ].filter(Boolean);
  return `${nameOf(d)}${d.firstName ? ` ${d.firstName}` : ''}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export const delegues = defineCommand({
  name: 'delegues',
  description: 'Les délégués par membre : voix, présence et pouvoir pour la prochaine séance',
  args: [
    {
      name: 'membre',
      kind: 'text',
      optional: true,
      description: 'un membre (ex. Amiens Métropole, departement) ; par défaut tous',
    },
  ],
  examples: ['/delegues', '/delegues Amiens Métropole'],
  access: 'read',
  async run(args, ctx) {
    const { config } = ctx;
    let members = config.members;
    const asked = args['membre'];
    if (asked) {
      const m = matchByName(
        asked,
        config.members.map((x) => ({ ...x, keys: [x.id, x.name] })),
        false,
      );
      if (m.kind !== 'found') {
        fail(
          'member.unknown',
          `Membre inconnu : « ${asked} ». Membres : ${listOf(
            config.members.map((x) => x.name.replace(/ \(.*$/, '')),
            'or',
          )}.`,
        );
      }
      members = config.members.filter((x) => x.id === m.item.id);
    }
    const sessions = await ctx.sessions();
    const s = sessions.length ? await ctx.session() : undefined;
    const record = s ? await ctx.records.record(s.id) : undefined;
    const byId = delegatesById(config.roster);
    const name = (id: string) => {
      const d = byId.get(id);
      return d ? nameOf(d) : id;
    };

    const blocks: Block[] = [];
    for (const member of members) {
      const ds = config.roster.filter((d) => d.member === member.id);
      if (!ds.length) continue;
      const votes = ds.reduce((n, d) => n + d.votes, 0);
      const rows = ds.map((d) => [
        nameCell(d),
        String(d.votes),
        record ? statusLabel(record.attendance[d.id], d) : '—',
        proxyCell(d, record, name),
      ]);
      blocks.push(
        table(
          ['Délégué', 'Voix', 'Présence', 'Pouvoir'],
          rows,
          `${member.name.replace(/ \(.*\)$/, '')} : ${countOf(ds.length, 'délégué', 'délégués')}, ${countOf(votes, 'voix', 'voix')}`,
        ),
      );
    }
    if (!blocks.length) blocks.push(text('Aucun délégué enregistré pour ce membre.'));
    const shown = config.roster.filter((d) => members.some((m) => m.id === d.member));
    const inOffice = shown.filter((d) => d.inOffice);
    return reply(
      `Délégués (${countOf(inOffice.length, 'en exercice', 'en exercice')}, ${countOf(
        inOffice.reduce((n, d) => n + d.votes, 0),
        'voix',
        'voix',
      )})`,
      blocks,
      {
        ...(s ? { session: `Présence et pouvoirs : ${sessionHeading(ctx, s)}` } : {}),
      },
    );
  },
});
