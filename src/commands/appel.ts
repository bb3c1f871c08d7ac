/**
 * @module /appel: the roll call (émargement) while the session opens. Posts the roster a page at a time with
 * three buttons per delegate (salle / distance / absent): neutral actions whose command line (`/presence …`)
 * runs as whoever clicks, so no door needs code for them. Delegates who answered the convocation are
 * pre-filled from their answers the first time the roll is called. `/appel salle VARLET PARSIS DELFOSSE`
 * records several names at once (the typed equivalent, for the console).
 */
import { setAttendance } from '../core/assembly/proxies.ts';
import { defineCommand } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { AttendanceStatus, Delegate, SessionRecord } from '../core/model.ts';
import { list, reply, table, text, type Action } from '../core/reply.ts';
import { withJournal } from '../core/journal.ts';
import { asOneChange } from '../core/sessions/live.ts';
import { statusWords } from '../core/text/french.ts';
import { liveUpdate, sittingSession } from './live-message.ts';
import { sessionForChange } from '../core/sessions/lifecycle.ts';
import { nameById, nameOf, sessionArg, sessionHeading, who } from './shared.ts';

export const APPEL_PAGE = 8;

const ANSWER_LABEL: Record<string, string> = {
  salle: 'salle',
  distance: 'à distance',
  excuse: 'excusé·e',
  pouvoir: 'pouvoir',
};

/** Attendance from the convocation answers, for delegates whose attendance is not recorded yet. */
function prefill(
  body: Parameters<typeof setAttendance>[0],
  r: SessionRecord,
  w: ReturnType<typeof who>,
  roster: readonly Delegate[],
  names: (id: string) => string,
): SessionRecord {
  let out = r;
  let n = 0;
  for (const d of roster) {
    const a = r.answers?.[d.id]?.answer;
    if (!d.inOffice || out.attendance[d.id] || (a !== 'salle' && a !== 'distance' && a !== 'excuse')) continue;
    out = setAttendance(body, out, w, d, a, names).record;
    n++;
  }
  return n
    ? asOneChange(
        r,
        withJournal(
          out,
          w,
          'émargement pré-rempli',
          `${n} présence${n > 1 ? 's' : ''} d'après les réponses à la convocation`,
        ),
      )
    : r;
}

export const appel = defineCommand({
  name: 'appel',
  description: 'Émargement : la liste des délégués avec un bouton salle / distance / absent chacun (secrétariat)',
  args: [
    {
      name: 'statut',
      kind: 'choice',
      optional: true,
      choices: ['salle', 'distance', 'excuse', 'absent'],
      description: "pour noter plusieurs délégués d'un coup",
    },
    {
      name: 'délégués',
      kind: 'text',
      optional: true,
      description: 'les délégués (séparés par des espaces ou des virgules), ou le n° de page',
    },
    sessionArg,
  ],
  examples: ['/appel', '/appel 2', '/appel salle VARLET PARSIS DELFOSSE'],
  access: 'attendance.record',
  async run(args, ctx) {
    const status = args['statut'];
    const rest = (args['délégués'] ?? '').trim();
    const names = nameById(ctx);
    if (status) {
      if (!rest) fail('args.invalid', `Nommer les délégués : /appel ${status} VARLET PARSIS DELFOSSE.`);
      const parts = rest.includes(',') ? rest.split(/\s*,\s*/u) : rest.split(/\s+/u);
      const ds = parts.filter(Boolean).map((n) => ctx.delegate(n));
      // Before the day too (excused delegates known in advance), but never on a session that can no longer change.
      const target = await sessionForChange(ctx, args['séance'], 'record');
      const s = target.session;
      const notes: string[] = [];
      const { record } = await ctx.records.update(s.id, (r) => {
        target.guard(r);
        let out = r;
        for (const d of ds) {
          const c = setAttendance(ctx.config.body, out, who(ctx), d, status, names);
          out = c.record;
          notes.push(...c.notes);
        }
        return { record: asOneChange(r, out) };
      });
      return reply(
        'Présences enregistrées',
        [
          list(ds.map((d) => `${nameOf(d)} : ${statusWords(status, d)}`)),
          ...(notes.length ? [list(notes, 'Effet sur les pouvoirs')] : []),
        ],
        { tone: 'success', session: sessionHeading(ctx, s), ...liveUpdate(ctx, s, record) },
      );
    }
    const s = await sittingSession(ctx, args['séance']);
    const page = rest ? Number(rest) : 1;
    const roster = ctx.config.roster.filter((d) => d.inOffice);
    const pages = Math.max(1, Math.ceil(roster.length / APPEL_PAGE));
    if (!Number.isInteger(page) || page < 1 || page > pages)
      fail('args.invalid', `Page ${rest} : choisir une page de 1 à ${pages}.`);
    const { record } = await ctx.records.update(s.id, (r) => ({
      record: prefill(ctx.config.body, r, who(ctx), ctx.config.roster, names),
    }));
    const shown = roster.slice((page - 1) * APPEL_PAGE, page * APPEL_PAGE);
    const actions: Action[] = shown.flatMap((d) =>
      (['salle', 'distance', 'absent'] as AttendanceStatus[]).map(
        (st): Action => ({
          id: `appel.${st}`,
          label: `${nameOf(d)} : ${st}`,
          value: `${s.id}|${d.id}`,
          ...(record.attendance[d.id] === st ? { style: 'primary' as const } : {}),
          command: `/presence "${nameOf(d)}" ${st} ${s.date}`, // the date, not the id: a re-planned session is `2026-12-15-2`
        }),
      ),
    );
    const rows = shown.map((d) => [
      nameOf(d),
      String(d.votes),
      statusWords(record.attendance[d.id], d),
      ANSWER_LABEL[record.answers?.[d.id]?.answer ?? ''] ?? '—',
    ]);
    return reply(
      `Émargement (page ${page} sur ${pages})`,
      [
        table(['Délégué', 'Voix', 'Présence', 'Réponse à la convocation'], rows),
        text(
          pages > 1 && page < pages
            ? `Suite : /appel ${page + 1}`
            : "Plusieurs noms d'un coup : /appel salle VARLET PARSIS DELFOSSE",
        ),
      ],
      { session: sessionHeading(ctx, s), actions, ...liveUpdate(ctx, s, record) },
    );
  },
});
