/**
 * @module `seance check`: what does not add up in a loaded configuration, each with a suggestion. Real
 * minutes never add up everywhere; the bot reports the gaps instead of hiding them.
 */
import { delegatesById, secondConvocationOf, computeQuorum } from './assembly/quorum.ts';
import { applyRecordRules } from './assembly/record-rules.ts';
import { checkTariff } from './catalogue/prices.ts';
import { delegateName, type Config, type ConfigWarning } from './config.ts';
import type { Delegate, Session, SessionRecord } from './model.ts';
import { joursFrancsBetween } from './sessions/convocation.ts';
import { convocationRule, joursFrancsLabel, remoteSessionWarnings } from './sessions/convocation-rule.ts';
import { formatDateLong, fromZoned, toZoned } from './text/dates.ts';
import { formatCents } from './text/format.ts';
import { checkRecordedVotes } from './votes/check-votes.ts';
import { editDistance, foldName } from './text/normalize.ts';

const nameOf = delegateName;

export function checkConfig(config: Config): ConfigWarning[] {
  const out: ConfigWarning[] = [...config.loadWarnings, ...checkProfile(config)];
  const inOffice = config.roster.filter((d) => d.inOffice);
  const votes = inOffice.reduce((s, d) => s + d.votes, 0);

  const stated = config.body.statedTotalVotes;
  if (stated !== undefined && stated !== votes) {
    const byWeight = new Map<number, number>();
    for (const d of inOffice) byWeight.set(d.votes, (byWeight.get(d.votes) ?? 0) + 1);
    const split = [...byWeight.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([v, n]) => `${n} × ${v} voix`)
      .join(' + ');
    const diff = votes - stated;
    out.push({
      path: 'body.statedTotalVotes',
      message: `le procès-verbal annonce ${stated} voix, mais le registre en totalise ${votes} (${inOffice.length} délégués : ${split})`,
      suggestion:
        diff > 0
          ? `vérifier les délégués en exercice (${diff} voix de trop : ${diff} délégué(s) à 1 voix ne seraient plus en exercice ?) ou corriger le total annoncé`
          : `vérifier le registre : il manque ${-diff} voix, peut-être des délégués non nommés au procès-verbal`,
    });
  }

  for (const m of config.members) {
    const ds = config.roster.filter((d) => d.member === m.id);
    if (m.delegates !== undefined && ds.length !== m.delegates) {
      out.push({
        path: `members(${m.id})`,
        message: `${m.name} : ${ds.length} délégués au registre, ${m.delegates} selon les statuts`,
        suggestion: 'compléter le registre ou corriger la composition',
      });
    }
    const off = m.votesEach === undefined ? [] : ds.filter((d) => d.votes !== m.votesEach);
    if (off.length) {
      out.push({
        path: `members(${m.id})`,
        message: `${m.name} : ${off.map(nameOf).join(', ')} n'ont pas ${m.votesEach} voix comme le prévoient les statuts`,
        suggestion: 'corriger les voix au registre',
      });
    }
  }

  const folded = config.roster.map((d) => ({ d, n: foldName(d.lastName) }));
  for (let i = 0; i < folded.length; i++) {
    for (let j = i + 1; j < folded.length; j++) {
      const a = folded[i]!,
        b = folded[j]!;
      if (a.n !== b.n && a.n.length > 3 && editDistance(a.n, b.n) <= 1) {
        out.push({
          path: `roster(${a.d.id}, ${b.d.id})`,
          message: `noms presque identiques : ${nameOf(a.d)} et ${nameOf(b.d)}`,
          suggestion: "vérifier qu'il s'agit bien de deux personnes",
        });
      }
    }
  }

  for (const s of config.catalogue.services) {
    for (const v of s.prices) {
      for (const [label, t] of [
        ['member', v.member],
        ['nonMember', v.nonMember],
        ['all', v.all],
      ] as const) {
        if (!t) continue;
        for (const issue of checkTariff(t, s.vatPercent ?? config.body.vatPercent, formatCents)) {
          out.push({
            path: `catalogue(${s.id}).prices(${v.effective}).${label}.${issue.field}`,
            message: `${s.name} : ${issue.message}`,
            suggestion: issue.suggestion,
          });
        }
      }
    }
  }

  for (const session of config.sessions) out.push(...checkSession(config, session));
  return out;
}

/** Rules the statutes cannot set aside for this kind of body. */
function checkProfile(config: Config): ConfigWarning[] {
  const b = config.body;
  const out: ConfigWarning[] = [];
  const err = (path: string, message: string, suggestion: string) =>
    out.push({ path, message, suggestion, severity: 'error' });
  const cgct = b.kind !== 'syndicat-mixte-ouvert';
  if (b.kind === 'commune' && b.remoteAllowed) {
    err(
      'body.remoteAllowed',
      'un conseil municipal ne siège pas à distance depuis la fin du régime temporaire (31 juillet 2022)',
      'retirer remoteAllowed / remoteCountsAsPresent pour une commune',
    );
  }
  if (cgct && b.maxProxiesPerHolder > 1) {
    err(
      'body.maxProxiesPerHolder',
      `${b.maxProxiesPerHolder} pouvoirs par membre : le CGCT (article L2121-20) n'en permet qu'un`,
      'ramener maxProxiesPerHolder à 1',
    );
  }
  if (cgct && b.proxyMaxSessions > 3) {
    err(
      'body.proxyMaxSessions',
      `un pouvoir valable ${b.proxyMaxSessions} séances : le CGCT (article L2121-20) en permet 3 consécutives au plus, sauf maladie`,
      'ramener proxyMaxSessions à 3',
    );
  }
  if (b.kind === 'commune' && b.population !== undefined && b.population >= 3500 && b.convocationDays < 5) {
    err(
      'body.convocationDays',
      `${joursFrancsLabel(b.convocationDays)} pour une commune de ${b.population} habitants : 5 requis (CGCT, article L2121-12)`,
      'porter convocationDays à 5',
    );
  }
  const inOffice = config.roster.filter((d) => d.inOffice).length;
  if (b.seatsInOffice !== undefined && b.seatsInOffice !== inOffice) {
    out.push({
      path: 'body.seats',
      message: `${b.seatsInOffice} membres en exercice selon les sièges (total moins vacants), ${inOffice} au registre : le quorum se calcule sur ${b.seatsInOffice}`,
      suggestion:
        b.seatsInOffice < inOffice
          ? 'marquer inOffice: false les membres qui ne siègent plus, ou corriger les sièges vacants'
          : 'compléter le registre',
      ...(b.seatsInOffice < inOffice ? { severity: 'error' as const } : {}),
    });
  }
  if (!b.substitutes) {
    for (const d of config.roster.filter((x) => x.substitute)) {
      out.push({
        path: `roster(${d.id}).substitute`,
        message: `suppléant désigné pour ${nameOf(d)}, mais l'assemblée n'a pas de suppléants (${b.substitutesSource})`,
        suggestion: 'retirer le suppléant ou régler substitutes: true avec sa source',
      });
    }
  }
  return out;
}

function checkSession(config: Config, session: Session): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const b = config.body;
  const at = `sessions(${session.id})`;
  const seed = config.seedRecords[session.id];
  if (seed) out.push(...recordErrors(config, session.id, seed));
  out.push(...checkRecordedVotes(config, session));
  const rule = convocationRule(b, session);
  if (session.convokedOn) {
    const days = joursFrancsBetween(session.convokedOn, session.date);
    if (days < rule.days) {
      out.push({
        path: `${at}.convokedOn`,
        message: `convocation du ${formatDateLong(session.convokedOn)} : ${joursFrancsLabel(days)} avant la séance, ${rule.days} requis (${rule.source})`,
        suggestion: rule.urgency
          ? "la convocation doit précéder la séance d'un jour franc au moins"
          : "vérifier la date de convocation ou l'urgence invoquée (urgency: true)",
        ...(days < 1 ? { severity: 'error' as const } : {}),
      });
    }
  }
  for (const w of remoteSessionWarnings(session, b)) {
    out.push({
      path: `${at}.remote`,
      message: w,
      suggestion: b.remoteAllowed
        ? 'tenir ce point en présentiel ou retirer la participation à distance'
        : 'retirer remote: true',
      severity: b.remoteAllowed ? 'warning' : 'error',
    });
  }
  const second = secondConvocationOf(b, session);
  if (second) {
    if (!second.valid)
      out.push({
        path: `${at}.secondConvocationOf`,
        message: second.text,
        suggestion: 'vérifier les dates des deux séances',
        severity: 'error',
      });
    const first = config.sessions.find((x) => x.id === second.of);
    const firstRecord = config.seedRecords[second.of];
    if (!first) {
      out.push({
        path: `${at}.secondConvocationOf`,
        message: `la séance sans quorum du ${formatDateLong(second.of, false)} n'est pas dans la configuration`,
        suggestion: 'ajouter cette séance avec ses présences pour que le défaut de quorum soit vérifiable',
      });
    } else if (firstRecord && computeQuorum(b, config.roster, firstRecord, first).reached) {
      out.push({
        path: `${at}.secondConvocationOf`,
        message: `la séance du ${formatDateLong(second.of, false)} avait atteint le quorum selon ses présences : pas de seconde convocation sans quorum`,
        suggestion: 'vérifier les présences de la première séance',
        severity: 'error',
      });
    }
  }
  // A wall time the clocks skip (02:30 on the last Sunday of March in Europe/Paris) does not exist.
  const real = toZoned(fromZoned(session.date, session.time, b.timezone), b.timezone);
  if (real.date !== session.date || real.time !== session.time) {
    out.push({
      path: `${at}.time`,
      message: `${session.time} n'existe pas le ${formatDateLong(session.date, false)} dans le fuseau ${b.timezone} (changement d'heure)`,
      suggestion: 'choisir une autre heure',
      severity: 'error',
    });
  }
  return out;
}

/** The domain rules applied to what the config records: each disregarded record is an error. */
function recordErrors(config: Config, sessionId: string, seed: SessionRecord): ConfigWarning[] {
  const byId = delegatesById(config.roster);
  const applied = applyRecordRules(config.body, byId, seed);
  const recorded = Object.keys(seed.attendance).length > 0;
  return (
    applied.disregarded
      // A future session with no attendance yet: a proxy's holder is simply not marked present so far.
      .filter((d) => recorded || d.code !== 'holder-unmarked')
      .map((d) => {
        const i = d.proxy ? seed.proxies.indexOf(d.proxy) : -1;
        return {
          path: d.proxy ? `sessions(${sessionId}).proxies[${i}]` : `sessions(${sessionId}).attendance(${d.delegateId})`,
          message: `${d.what} : non pris en compte (${d.why})`,
          suggestion: d.proxy
            ? 'vérifier ce pouvoir dans le procès-verbal : il ne compte ni pour le quorum ni dans le procès-verbal'
            : 'corriger la présence enregistrée',
          severity: 'error' as const,
        };
      })
  );
}

export function formatCheck(config: Config, warnings: readonly ConfigWarning[]): string {
  const head = `Configuration : ${config.file} — ${config.roster.length} délégués, ${config.sessions.length} séance(s), ${config.catalogue.services.length} services.`;
  if (warnings.length === 0) return `${head}\nAucune incohérence relevée.`;
  const errors = warnings.filter((w) => w.severity === 'error');
  const others = warnings.filter((w) => w.severity !== 'error');
  const section = (title: string, ws: readonly ConfigWarning[], tag: string) =>
    ws.length
      ? [`${title} :`, ...ws.map((w, i) => `${i + 1}. ${tag}${w.path} : ${w.message}\n   → ${w.suggestion}`)]
      : [];
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  return [
    head,
    ...section(plural(errors.length, 'erreur'), errors, 'ERREUR '),
    ...section(plural(others.length, 'avertissement'), others, ''),
  ].join('\n');
}
