/** @module /pouvoirs: who holds whose proxy, as the minutes' table "Présents / Pouvoirs / Voix", and pending requests. */
import { delegatesById } from '../core/assembly/quorum.ts';
import { applyRecordRules } from '../core/assembly/record-rules.ts';
import { defineCommand, type CommandContext } from '../core/command.ts';
import type { Proxy, Session, SessionRecord } from '../core/model.ts';
import { list, reply, table, text, type Block } from '../core/reply.ts';
import { formatInt } from '../core/text/format.ts';
import { agree, countOf } from '../core/text/french.ts';
import { nameOf, sessionArg, sessionHeading } from './shared.ts';

export interface ProxyTables {
  readonly room: string[][];
  readonly remote: string[][];
  readonly pending: string[];
  readonly idle: string[];
}

/** The minutes' tables: one row per holder present, in the order proxies were recorded. */
export function proxyTables(ctx: CommandContext, record: SessionRecord): ProxyTables {
  const byId = delegatesById(ctx.config.roster);
  const d = (id: string) => byId.get(id);
  const body = ctx.config.body;
  // The domain rules decide which proxies count, whatever wrote the record (config, chat, store).
  const applied = applyRecordRules(body, byId, record);
  const counted = new Set(applied.proxies.map((x) => x.proxy));
  const row = (p: Proxy) => {
    const h = d(p.holder)!,
      g = d(p.giver)!;
    return [nameOf(h), nameOf(g), formatInt(h.votes + g.votes)];
  };
  const valid = (p: Proxy) => !!d(p.holder) && !!d(p.giver);
  const all = record.proxies.filter(valid);
  const effective = all.filter((p) => counted.has(p));
  return {
    room: effective.filter((p) => record.attendance[p.holder] === 'salle').map(row),
    remote: effective.filter((p) => record.attendance[p.holder] === 'distance').map(row),
    pending: all
      .filter((p) => p.status === 'pending')
      .map(
        (p) =>
          `${nameOf(d(p.giver)!)} → ${nameOf(d(p.holder)!)} (déclaré par ${p.declaredBy}) : /pouvoir confirmer ${d(p.giver)!.lastName}`,
      ),
    idle: applied.disregarded.flatMap(({ proxy: p, why }) => {
      if (!p) return [];
      const g = d(p.giver),
        h = d(p.holder);
      return [`${g ? nameOf(g) : p.giver} → ${h ? nameOf(h) : p.holder} : ne compte pas (${why})`];
    }),
  };
}

export function proxyBlocks(t: ProxyTables): Block[] {
  const blocks: Block[] = [];
  const cols = ['Présents', 'Pouvoirs', 'Voix'];
  if (t.room.length) blocks.push(table(cols, t.room, 'Présents en salle'));
  if (t.remote.length)
    blocks.push(table(['Présents en téléconférence', 'Pouvoirs', 'Voix'], t.remote, 'Présents à distance'));
  if (t.pending.length) blocks.push(list(t.pending, 'En attente de confirmation par le secrétariat'));
  if (t.idle.length) blocks.push(list(t.idle, 'Pouvoirs enregistrés qui ne comptent pas'));
  return blocks;
}

export async function loadProxies(ctx: CommandContext, s: Session) {
  return proxyTables(ctx, await ctx.records.record(s.id));
}

export const pouvoirs = defineCommand({
  name: 'pouvoirs',
  description: "Pouvoirs d'une séance : qui détient le pouvoir de qui, et les demandes en attente",
  args: [sessionArg],
  examples: ['/pouvoirs 2024-10-07'],
  access: 'read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const t = await loadProxies(ctx, s);
    const n = t.room.length + t.remote.length;
    const blocks = proxyBlocks(t);
    if (blocks.length === 0)
      blocks.push(
        text('Aucun pouvoir enregistré pour cette séance. Déclarer : /pouvoir donner <mandant> <mandataire>.'),
      );
    return reply(`Pouvoirs (${countOf(n, 'comptabilisé', 'comptabilisés', 'aucun')})`, blocks, {
      session: sessionHeading(ctx, s),
      rule: `Pouvoirs : ${ctx.config.body.proxyRuleSource} ; un pouvoir compte si son détenteur est présent.`,
    });
  },
});
