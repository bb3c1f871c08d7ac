/**
 * @module `seance check`: what does not add up in a loaded configuration, each with a suggestion. Real
 * minutes never add up everywhere; the bot reports the gaps instead of hiding them.
 */
import { checkProxy } from './assembly/proxies.ts';
import { checkTariff } from './catalogue/prices.ts';
import { delegateName, type Config, type ConfigWarning } from './config.ts';
import { UserError } from './errors.ts';
import { emptyRecord, type Delegate, type SessionRecord } from './model.ts';
import { joursFrancsBetween } from './sessions/convocation.ts';
import { formatDateLong } from './text/dates.ts';
import { formatCents } from './text/format.ts';
import { checkRecordedVotes } from './votes/check-votes.ts';
import { editDistance, foldName } from './text/normalize.ts';

const nameOf = delegateName;

export function checkConfig(config: Config): ConfigWarning[] {
  const out: ConfigWarning[] = [...config.loadWarnings];
  const inOffice = config.roster.filter((d) => d.inOffice);
  const votes = inOffice.reduce((s, d) => s + d.votes, 0);

  const stated = config.body.statedTotalVotes;
  if (stated !== undefined && stated !== votes) {
    const byWeight = new Map<number, number>();
    for (const d of inOffice) byWeight.set(d.votes, (byWeight.get(d.votes) ?? 0) + 1);
    const split = [...byWeight.entries()].sort((a, b) => b[0] - a[0]).map(([v, n]) => `${n} × ${v} voix`).join(' + ');
    const diff = votes - stated;
    out.push({
      path: 'body.statedTotalVotes',
      message: `le procès-verbal annonce ${stated} voix, mais le registre en totalise ${votes} (${inOffice.length} délégués : ${split})`,
      suggestion: diff > 0
        ? `vérifier les délégués en exercice (${diff} voix de trop : ${diff} délégué(s) à 1 voix ne seraient plus en exercice ?) ou corriger le total annoncé`
        : `vérifier le registre : il manque ${-diff} voix, peut-être des délégués non nommés au procès-verbal`,
    });
  }

  for (const m of config.members) {
    const ds = config.roster.filter((d) => d.member === m.id);
    if (m.delegates !== undefined && ds.length !== m.delegates) {
      out.push({ path: `members(${m.id})`, message: `${m.name} : ${ds.length} délégués au registre, ${m.delegates} selon les statuts`, suggestion: 'compléter le registre ou corriger la composition' });
    }
    const off = m.votesEach === undefined ? [] : ds.filter((d) => d.votes !== m.votesEach);
    if (off.length) {
      out.push({ path: `members(${m.id})`, message: `${m.name} : ${off.map(nameOf).join(', ')} n'ont pas ${m.votesEach} voix comme le prévoient les statuts`, suggestion: 'corriger les voix au registre' });
    }
  }

  const folded = config.roster.map((d) => ({ d, n: foldName(d.lastName) }));
  for (let i = 0; i < folded.length; i++) {
    for (let j = i + 1; j < folded.length; j++) {
      const a = folded[i]!, b = folded[j]!;
      if (a.n !== b.n && a.n.length > 3 && editDistance(a.n, b.n) <= 1) {
        out.push({ path: `roster(${a.d.id}, ${b.d.id})`, message: `noms presque identiques : ${nameOf(a.d)} et ${nameOf(b.d)}`, suggestion: 'vérifier qu\'il s\'agit bien de deux personnes' });
      }
    }
  }

  for (const s of config.catalogue.services) {
    for (const v of s.prices) {
      for (const [label, t] of [['member', v.member], ['nonMember', v.nonMember], ['all', v.all]] as const) {
        if (!t) continue;
        for (const issue of checkTariff(t, config.body.vatPercent, formatCents)) {
          out.push({ path: `catalogue(${s.id}).prices(${v.effective}).${label}.${issue.field}`, message: `${s.name} : ${issue.message}`, suggestion: issue.suggestion });
        }
      }
    }
  }

  for (const session of config.sessions) {
    const seed = config.seedRecords[session.id];
    if (seed) out.push(...replayProxies(config, session.id, seed));
    out.push(...checkRecordedVotes(config, session));
    if (session.convokedOn) {
      const days = joursFrancsBetween(session.convokedOn, session.date);
      if (days < config.body.convocationDays) {
        out.push({
          path: `sessions(${session.id}).convokedOn`,
          message: `convocation du ${formatDateLong(session.convokedOn)} : ${days} jours francs avant la séance, ${config.body.convocationDays} requis`,
          suggestion: 'vérifier la date de convocation ou l\'urgence invoquée',
        });
      }
    }
  }
  return out;
}

/** Re-applies the proxy rules to the proxies the config records, one by one. */
function replayProxies(config: Config, sessionId: string, seed: SessionRecord): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const byId = new Map(config.roster.map((d) => [d.id, d]));
  let acc: SessionRecord = { ...emptyRecord, attendance: seed.attendance };
  seed.proxies.forEach((p, i) => {
    const giver = byId.get(p.giver)!, holder = byId.get(p.holder)!;
    try {
      checkProxy(config.body, acc, { giver, holder, confirmed: true });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      out.push({ path: `sessions(${sessionId}).proxies[${i}]`, message: e.message, suggestion: 'vérifier ce pouvoir dans le procès-verbal' });
    }
    acc = { ...acc, proxies: [...acc.proxies, p] };
  });
  return out;
}

export function formatCheck(config: Config, warnings: readonly ConfigWarning[]): string {
  const head = `Configuration : ${config.file} — ${config.roster.length} délégués, ${config.sessions.length} séance(s), ${config.catalogue.services.length} services.`;
  if (warnings.length === 0) return `${head}\nAucune incohérence relevée.`;
  const lines = warnings.map((w, i) => `${i + 1}. ${w.path} : ${w.message}\n   → ${w.suggestion}`);
  return `${head}\n${warnings.length} avertissement${warnings.length > 1 ? 's' : ''} :\n${lines.join('\n')}`;
}
