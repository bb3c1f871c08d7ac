/**
 * @module /presence: record a delegate's attendance (their own, or anyone's for the secretariat); while the
 * session sits, arrivals and departures with their time (`/presence PAYEN arrive 18:05`, `… part 19:10 DELFOSSE`:
 * the proxy given on leaving; `arrive 18:05 distance` for a remote arrival). Several names at once
 * (`/presence salle VARLET PARSIS DELFOSSE`) go to /appel, which records a roll call typed.
 */
import { proxyOf, setAttendance, type Change } from '../core/assembly/proxies.ts';
import { proxyRequestKey } from './pouvoir.ts';
import { arg, defineCommand } from '../core/command.ts';
import { choiceOf } from '../core/text/choice.ts';
import { fail } from '../core/errors.ts';
import { list, reply, text } from '../core/reply.ts';
import { arrive, depart, isOpen } from '../core/sessions/live.ts';
import { formatTime } from '../core/text/dates.ts';
import { agree, statusWords } from '../core/text/french.ts';
import { sessionForChange } from '../core/sessions/lifecycle.ts';
import { liveUpdate, nowTime, sittingSession } from './live-message.ts';
import { nameById, nameOf, sessionArg, sessionHeading, sessionPlanning, who } from './shared.ts';

const statutArg = arg({
  name: 'statut',
  kind: 'choice',
  choices: ['salle', 'distance', 'excuse', 'absent', 'suppleant', 'arrive', 'part'],
  synonyms: {
    salle: ['présent', 'présente', 'présent·e', 'présent(e)', 'en salle', 'sur place'],
    distance: ['à distance', 'visio', 'en visio', 'visioconférence', 'téléconférence', 'distanciel'],
    excuse: ['excusé', 'excusée', 'excusé·e', 'excusé(e)'],
    absent: ['absente', 'absent·e', 'absent(e)'],
    suppleant: ['suppléant', 'suppléante', 'suppléé', 'suppléée', 'remplacé', 'remplacée'],
    arrive: ['arrivé', 'arrivée', 'arrivee', 'arrivée en séance'],
    part: ['départ', 'depart', 'quitte', 'sort'],
  },
  description:
    'salle, distance (visioconférence), excuse, absent, suppleant (le titulaire est remplacé par son suppléant) ; en séance : arrive ou part',
});

/** The statuses several delegates can be given at once, on the typed line (the roll call's). */
const ROLL_STATUSES = new Set(['salle', 'distance', 'excuse', 'absent']);

export const presence = defineCommand({
  name: 'presence',
  description:
    'Enregistrer une présence : salle, distance, excusé, absent ou suppléant ; en séance, une arrivée ou un départ',
  args: [
    { name: 'délégué', kind: 'delegate', description: 'le délégué concerné (soi-même pour un délégué)' },
    statutArg,
    {
      name: 'heure',
      kind: 'time',
      optional: true,
      description: "heure de l'arrivée ou du départ (par défaut : maintenant)",
    },
    {
      name: 'mandataire',
      kind: 'delegate',
      optional: true,
      description: 'pour un départ : le délégué à qui il donne pouvoir ; pour une arrivée à distance : distance',
    },
    sessionArg,
  ],
  examples: [
    '/presence PAYEN distance',
    '/presence "Mme Roy" excuse 2024-10-07',
    '/presence DUPONT suppleant',
    '/presence PAYEN arrive 18:05',
    '/presence PAYEN arrive 18:05 distance',
    '/presence PAYEN part 19:10 DELFOSSE',
    '/presence salle VARLET PARSIS DELFOSSE',
  ],
  access: 'self',
  // Several names at once (the roll call typed): `/presence salle VARLET PARSIS DELFOSSE` is /appel's.
  reroute(words) {
    const status = words.length > 1 ? choiceOf(statutArg, words[0]!) : undefined;
    return status && ROLL_STATUSES.has(status) ? { command: 'appel', words: [status, ...words.slice(1)] } : undefined;
  },
  // A roll-call button (/appel) decides attendance during the sitting its page was made for: once the session was
  // moved, or levée, the page's clicks are refused. Within the sitting the page stays usable (a correction, the
  // same delegate clicked again), as the roll call keeps its buttons.
  async decides(args, ctx) {
    const planning = await sessionPlanning(ctx, args['séance']);
    if (planning === undefined) return undefined;
    const live = (await ctx.records.record((planning as { id: string }).id)).live;
    return { planning, opened: live?.openedAt ?? null, closed: live?.closedAt ?? null };
  },
  async run(args, ctx) {
    const d = ctx.delegate(args['délégué']);
    if (!ctx.can('attendance.record') && ctx.actor.delegate?.id !== d.id) {
      fail(
        'attendance.not-yours',
        `Un délégué ne peut enregistrer que sa propre présence ; pour ${nameOf(d)}, s'adresser au secrétariat.`,
      );
    }
    const status = args['statut'];
    if (status === 'arrive' || status === 'part') {
      // Arrivals and departures belong to the session that sits, recorded by the secretariat.
      if (!ctx.can('attendance.record'))
        fail('attendance.not-yours', 'Les arrivées et départs en séance sont notés par le secrétariat.');
      const s = await sittingSession(ctx, args['séance']);
      const time = args['heure'] ?? nowTime(ctx);
      // An arrival names where the delegate sits (`arrive 18:05 distance`) where a departure names a holder.
      const typed = args['mandataire'];
      const place = status === 'arrive' && typed ? choiceOf(statutArg, typed) : undefined;
      if (status === 'arrive' && typed && place !== 'salle' && place !== 'distance')
        fail(
          'args.invalid',
          `« ${typed} » : pour une arrivée, indiquer salle ou distance (un mandataire se nomme pour un départ).`,
        );
      const where = place === 'distance' ? 'distance' : 'salle';
      const holder = status === 'part' && typed ? ctx.delegate(typed) : undefined;
      const change: Change = await ctx.records.update(s.id, (r) =>
        status === 'arrive'
          ? arrive(ctx.config.body, r, who(ctx), d, time, where, nameById(ctx))
          : depart(ctx.config.body, r, who(ctx), d, time, holder, nameById(ctx)),
      );
      const said =
        status === 'arrive'
          ? `${nameOf(d)} : ${agree(d, 'arrivé', 'arrivée')} à ${formatTime(time)} (${where === 'distance' ? 'à distance' : 'en salle'}).`
          : `${nameOf(d)} : quitte la séance à ${formatTime(time)}${holder ? ` et donne pouvoir à ${nameOf(holder)}` : ''}.`;
      const blocks = [text(said)];
      if (change.notes.length) blocks.push(list([...change.notes], 'Effet sur les pouvoirs'));
      return reply(status === 'arrive' ? 'Arrivée enregistrée' : 'Départ enregistré', blocks, {
        tone: 'success',
        session: sessionHeading(ctx, s),
        ...liveUpdate(ctx, s, change.record),
      });
    }
    if (args['mandataire'])
      fail('args.invalid', 'Un mandataire se nomme seulement pour un départ en séance (« part »).');
    const target = await sessionForChange(ctx, args['séance'], 'record');
    const s = target.session;
    let hadProxy = false;
    const change = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      hadProxy = proxyOf(r, d.id) !== undefined;
      return setAttendance(ctx.config.body, r, who(ctx), d, status, nameById(ctx));
    });
    const blocks = [text(`${nameOf(d)} : ${statusWords(status, d)}.`)];
    if (change.notes.length) blocks.push(list([...change.notes], 'Effet sur les pouvoirs'));
    // A giver who comes after all cancels their proxy: any request still on screen shows it.
    const cancelled = hadProxy && !proxyOf(change.record, d.id);
    return reply('Présence enregistrée', blocks, {
      tone: change.notes.length ? 'warning' : 'success',
      // While the session sits this is a roll-call click: answered to the clicker alone, so that the /appel page
      // keeps its buttons for the next delegate; the live message shows everybody the new figures.
      ...(isOpen(change.record) ? { visibility: 'ephemeral' as const } : {}),
      session: sessionHeading(ctx, s),
      ...(cancelled
        ? { closes: { key: proxyRequestKey(s, d), outcome: `Annulé : ${nameOf(d)} est ${statusWords(status, d)}` } }
        : {}),
      ...liveUpdate(ctx, s, change.record),
    });
  },
});
