/** @module /presence: record a delegate's attendance (their own, or anyone's for the secretariat). */
import { proxyOf, setAttendance } from '../core/assembly/proxies.ts';
import { proxyRequestKey } from './pouvoir.ts';
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { AttendanceStatus } from '../core/model.ts';
import { list, reply, text } from '../core/reply.ts';
import { statusWords } from '../core/text/french.ts';
import { sessionForChange } from '../core/sessions/lifecycle.ts';
import { nameById, nameOf, sessionArg, sessionHeading, who } from './shared.ts';


export const presence = defineCommand({
  name: 'presence',
  description: 'Enregistrer une présence : salle, distance, excusé, absent ou suppléant',
  args: [
    { name: 'délégué', kind: 'delegate', description: 'le délégué concerné (soi-même pour un délégué)' },
    {
      name: 'statut', kind: 'choice', choices: ['salle', 'distance', 'excuse', 'absent', 'suppleant'],
      synonyms: {
        salle: ['présent', 'présente', 'présent·e', 'présent(e)', 'en salle', 'sur place'],
        distance: ['à distance', 'visio', 'en visio', 'visioconférence', 'téléconférence', 'distanciel'],
        excuse: ['excusé', 'excusée', 'excusé·e', 'excusé(e)'],
        absent: ['absente', 'absent·e', 'absent(e)'],
        suppleant: ['suppléant', 'suppléante', 'suppléé', 'suppléée', 'remplacé', 'remplacée'],
      },
      description: 'salle, distance (visioconférence), excuse, absent ou suppleant (le titulaire est remplacé par son suppléant)',
    },
    sessionArg,
  ],
  examples: ['/presence PAYEN distance', '/presence "Mme Roy" excuse 2024-10-07', '/presence DUPONT suppleant'],
  access: 'self',
  async run(args, ctx) {
    const d = ctx.delegate(args['délégué']);
    if (!ctx.can('attendance.record') && ctx.actor.delegate?.id !== d.id) {
      fail('attendance.not-yours', `Un délégué ne peut enregistrer que sa propre présence ; pour ${nameOf(d)}, s'adresser au secrétariat.`);
    }
    const status = args['statut'];
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
      tone: change.notes.length ? 'warning' : 'success', session: sessionHeading(ctx, s),
      ...(cancelled ? { closes: { key: proxyRequestKey(s, d), outcome: `Annulé : ${nameOf(d)} est ${statusWords(status, d)}` } } : {}),
    });
  },
});
