/**
 * @module Proxy (pouvoir) and attendance rules, as pure transitions on a session record. Each transition
 * returns the new record plus French notes on side effects, or throws a `UserError` citing the rule.
 */
import { delegateName } from '../config.ts';
import { fail } from '../errors.ts';
import { withJournal } from '../journal.ts';
import type { AttendanceStatus, BodyProfile, Delegate, Proxy, SessionRecord } from '../model.ts';
import { isPresent, sitsInPerson } from './record-rules.ts';
import { agree, himself, statusWords } from '../text/french.ts';

export interface Change {
  readonly record: SessionRecord;
  /** What else happened, for the reply (a proxy cancelled because its giver came...). */
  readonly notes: readonly string[];
}

export type { Who } from '../journal.ts';
import type { Who } from '../journal.ts';

/** « présente en salle » for Mme ROY, « excusé » for M. PAYEN. */
export const statusLabel = (s: AttendanceStatus | undefined, d?: Delegate) => statusWords(s, d);

const nameOf = delegateName;

export function proxyOf(record: SessionRecord, giverId: string): Proxy | undefined {
  return record.proxies.find((p) => p.giver === giverId);
}

export function proxiesHeldBy(record: SessionRecord, holderId: string): Proxy[] {
  return record.proxies.filter((p) => p.holder === holderId);
}

export interface ProxyRequest {
  readonly giver: Delegate;
  readonly holder: Delegate;
  /** Confirmed at once (a secretary recording it) or pending (a delegate declaring their own). */
  readonly confirmed: boolean;
}

/** Checks every rule; throws the first broken one with its French reason. */
export function checkProxy(profile: BodyProfile, record: SessionRecord, req: ProxyRequest): void {
  const { giver, holder } = req;
  const rule = `Pouvoirs : ${profile.proxyRuleSource}`;
  if (giver.id === holder.id)
    fail('proxy.self', `${nameOf(giver)} ne peut pas se donner pouvoir à ${himself(giver)}.`, [], rule);
  for (const d of [giver, holder]) {
    if (!d.inOffice)
      fail(
        'proxy.not-in-office',
        `${nameOf(d)} n'est pas ${agree(d, 'délégué', 'déléguée')} en exercice : seul un délégué en exercice peut donner ou recevoir un pouvoir.`,
        [],
        rule,
      );
  }
  const given = proxyOf(record, giver.id);
  if (given) {
    const to = given.holder === holder.id ? 'à la même personne' : 'à une autre personne';
    fail(
      'proxy.giver-already-gave',
      `${nameOf(giver)} a déjà donné un pouvoir ${to} (${given.status === 'pending' ? 'en attente de confirmation' : 'confirmé'}) pour cette séance : le retirer d'abord (/pouvoir retirer).`,
      [],
      rule,
    );
  }
  if (isPresent(record.attendance[giver.id], profile)) {
    fail(
      'proxy.giver-present',
      `${nameOf(giver)} est ${agree(giver, 'marqué', 'marquée')} ${statusLabel(record.attendance[giver.id], giver)} : un délégué présent ne donne pas de pouvoir.`,
      [],
      rule,
    );
  }
  const held = proxiesHeldBy(record, holder.id);
  if (held.length >= profile.maxProxiesPerHolder) {
    fail(
      'proxy.holder-already-holds',
      `${nameOf(holder)} détient déjà ${profile.maxProxiesPerHolder === 1 ? 'un pouvoir' : `${held.length} pouvoirs`} : ${profile.proxyRuleSource}.`,
      [],
      rule,
    );
  }
  if (proxyOf(record, holder.id)) {
    fail(
      'proxy.chain',
      `${nameOf(holder)} a ${himself(holder)} donné un pouvoir : pas de pouvoir en cascade.`,
      [],
      rule,
    );
  }
  if (proxiesHeldBy(record, giver.id).length > 0) {
    fail(
      'proxy.chain',
      `${nameOf(giver)} détient déjà un pouvoir : un mandataire ne peut pas donner le sien (pas de pouvoir en cascade).`,
      [],
      rule,
    );
  }
  const holderStatus = record.attendance[holder.id];
  if (holderStatus === 'suppleant' || (holderStatus === 'distance' && !profile.remoteAllowed)) {
    fail(
      'proxy.holder-absent',
      `${nameOf(holder)} est ${agree(holder, 'marqué', 'marquée')} ${statusLabel(holderStatus, holder)} : le mandataire doit être présent en personne pour porter un pouvoir.`,
      [],
      rule,
    );
  }
  if (holderStatus === 'excuse' || holderStatus === 'absent') {
    fail(
      'proxy.holder-absent',
      `${nameOf(holder)} est ${agree(holder, 'marqué', 'marquée')} ${statusLabel(holderStatus, holder)} : le mandataire doit être présent pour porter un pouvoir.`,
      [],
      rule,
    );
  }
}

export function addProxy(profile: BodyProfile, record: SessionRecord, req: ProxyRequest, who: Who): Change {
  checkProxy(profile, record, req);
  const proxy: Proxy = {
    giver: req.giver.id,
    holder: req.holder.id,
    status: req.confirmed ? 'confirmed' : 'pending',
    declaredBy: who.name,
    declaredAt: who.at,
    ...(req.confirmed ? { confirmedBy: who.name, confirmedAt: who.at } : {}),
  };
  const notes: string[] = [];
  let attendance = record.attendance;
  if (req.confirmed && !attendance[req.giver.id]) {
    attendance = { ...attendance, [req.giver.id]: 'excuse' };
    notes.push(`${nameOf(req.giver)} est ${agree(req.giver, 'noté excusé', 'notée excusée')}.`);
  }
  const detail = `${nameOf(req.giver)} → ${nameOf(req.holder)}${req.confirmed ? '' : ' (en attente)'}`;
  return {
    record: withJournal(record, who, req.confirmed ? 'pouvoir enregistré' : 'pouvoir déclaré', detail, {
      proxies: [...record.proxies, proxy],
      attendance,
    }),
    notes,
  };
}

export function confirmProxy(
  profile: BodyProfile,
  record: SessionRecord,
  giver: Delegate,
  holder: Delegate,
  who: Who,
): Change {
  const p = proxyOf(record, giver.id);
  if (!p) fail('proxy.not-found', `Aucun pouvoir de ${nameOf(giver)} n'est enregistré pour cette séance.`);
  if (p.status === 'confirmed') fail('proxy.already-confirmed', `Le pouvoir de ${nameOf(giver)} est déjà confirmé.`);
  // Re-check against the record without this request: the situation may have changed since it was made.
  const others = { ...record, proxies: record.proxies.filter((x) => x !== p) };
  checkProxy(profile, others, { giver, holder, confirmed: true });
  const notes: string[] = [];
  let attendance = record.attendance;
  if (!attendance[giver.id]) {
    attendance = { ...attendance, [giver.id]: 'excuse' };
    notes.push(`${nameOf(giver)} est ${agree(giver, 'noté excusé', 'notée excusée')}.`);
  }
  const confirmed: Proxy = { ...p, status: 'confirmed', confirmedBy: who.name, confirmedAt: who.at };
  return {
    record: withJournal(record, who, 'pouvoir confirmé', `${nameOf(giver)} → ${nameOf(holder)}`, {
      proxies: record.proxies.map((x) => (x === p ? confirmed : x)),
      attendance,
    }),
    notes,
  };
}

export function removeProxy(
  record: SessionRecord,
  giver: Delegate,
  holderName: string,
  who: Who,
  action: 'pouvoir retiré' | 'pouvoir refusé',
): Change {
  const p = proxyOf(record, giver.id);
  if (!p) fail('proxy.not-found', `Aucun pouvoir de ${nameOf(giver)} n'est enregistré pour cette séance.`);
  if (action === 'pouvoir refusé' && p.status !== 'pending') {
    fail(
      'proxy.not-pending',
      `Le pouvoir de ${nameOf(giver)} est déjà confirmé : utiliser /pouvoir retirer pour l'annuler.`,
    );
  }
  return {
    record: withJournal(record, who, action, `${nameOf(giver)} → ${holderName}`, {
      proxies: record.proxies.filter((x) => x !== p),
    }),
    notes: [],
  };
}

/** Sets attendance and says what became of the proxies it touches: none is left silently wrong. */
export function setAttendance(
  profile: BodyProfile,
  record: SessionRecord,
  who: Who,
  d: Delegate,
  status: AttendanceStatus,
  nameById: (id: string) => string,
): Change {
  if (!d.inOffice)
    fail('attendance.not-in-office', `${nameOf(d)} n'est pas ${agree(d, 'délégué', 'déléguée')} en exercice.`);
  if (status === 'distance' && !profile.remoteAllowed) {
    fail(
      'attendance.remote-not-allowed',
      `${nameOf(d)} ne peut pas être ${agree(d, 'noté présent', 'notée présente')} à distance : la participation à distance n'est pas prévue pour cette assemblée.`,
      [],
      `Participation à distance : ${profile.remoteSource}`,
    );
  }
  if (status === 'suppleant') {
    if (!profile.substitutes)
      fail(
        'attendance.no-substitutes',
        `Pas de suppléant pour ${nameOf(d)} : cette assemblée n'a pas de délégués suppléants.`,
        [],
        `Suppléants : ${profile.substitutesSource}`,
      );
    if (!d.substitute)
      fail(
        'attendance.no-substitute',
        `Aucun suppléant n'est désigné pour ${nameOf(d)} dans la configuration (roster : substitute).`,
        [],
        `Suppléants : ${profile.substitutesSource}`,
      );
  }
  const before = record.attendance[d.id];
  if (before === status) {
    return { record, notes: [`${nameOf(d)} était déjà ${statusLabel(status, d)} : rien n'a changé.`] };
  }
  const notes: string[] = [];
  let proxies = record.proxies;
  const present = isPresent(status, profile);
  const given = proxyOf(record, d.id);
  if (present && given) {
    proxies = proxies.filter((p) => p !== given);
    notes.push(
      `Le pouvoir de ${nameOf(d)} à ${nameById(given.holder)} est annulé : ${nameOf(d)} est ${agree(d, 'présent', 'présente')} et vote ${himself(d)}.`,
    );
  }
  if (status === 'suppleant')
    notes.push(
      `${d.substitute} siège à la place de ${nameOf(d)}, avec ${d.votes === 1 ? 'sa voix' : `ses ${d.votes} voix`} (${profile.substitutesSource}).`,
    );
  for (const held of proxiesHeldBy(record, d.id)) {
    if (sitsInPerson(status, profile))
      notes.push(`Le pouvoir de ${nameById(held.giver)} détenu par ${nameOf(d)} compte de nouveau.`);
    else
      notes.push(
        `Le pouvoir de ${nameById(held.giver)} détenu par ${nameOf(d)} ne compte plus tant que ${nameOf(d)} n'est pas ${agree(d, 'présent', 'présente')} : le retirer ou le confier à un autre délégué (/pouvoir retirer ${nameById(held.giver)}).`,
      );
  }
  return {
    record: withJournal(
      record,
      who,
      'présence',
      `${nameOf(d)} : ${statusLabel(before, d)} → ${statusLabel(status, d)}`,
      {
        attendance: { ...record.attendance, [d.id]: status },
        proxies,
      },
    ),
    notes,
  };
}
