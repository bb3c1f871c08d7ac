/**
 * @module The convocation's sending, as recorded: by the bot (date, time, doors, delegates reached) or by a
 * secretary for a sending made another way (`/convocation enregistrer`). Recording it makes the session convoquée.
 */
import type { Config } from '../config.ts';
import { withJournal, type Who } from '../journal.ts';
import type { ConvocationSending, SessionRecord } from '../model.ts';
import type { Records } from '../records.ts';
import type { DeliveryOutcome } from '../reminders/delivery.ts';
import type { Reminder } from '../reminders/model.ts';
import { formatDateLong, formatTime, toZoned } from '../text/dates.ts';

const DOOR_LABEL: Record<string, string> = {
  slack: 'Slack',
  discord: 'Discord',
  console: 'console',
  test: 'test',
  scheduler: 'rappel automatique',
};
const doorLabel = (d: string) => DOOR_LABEL[d] ?? d;

/** « samedi 5 décembre 2026 à 9 h 00 par le bot (Slack, Discord) : 4 délégués sur 47 joints par message direct, et le canal des délégués ». */
export function describeSending(c: ConvocationSending, timeZone: string): string {
  const when = c.at
    ? (() => {
        const z = toZoned(new Date(c.at), timeZone);
        return `${formatDateLong(z.date)} à ${formatTime(z.time)}`;
      })()
    : formatDateLong(c.date);
  if (c.mode !== 'bot') return `${when}, ${c.mode} (enregistré par ${c.by})`;
  const reach =
    c.total !== undefined
      ? ` : ${c.reached ?? 0} délégué${(c.reached ?? 0) > 1 ? 's' : ''} sur ${c.total} ${(c.reached ?? 0) > 1 ? 'joints' : 'joint'} par message direct${c.channel ? ', et le canal des délégués' : ''}`
      : '';
  return `${when} par le bot (${c.doors.map(doorLabel).join(', ') || 'aucune porte'})${reach}`;
}

export function recordSending(record: SessionRecord, who: Who, c: ConvocationSending, timeZone: string): SessionRecord {
  const before = record.convocation ? describeSending(record.convocation, timeZone) : undefined;
  const after = describeSending(c, timeZone);
  return withJournal(
    record,
    who,
    c.mode === 'bot' ? 'convocation envoyée' : 'convocation enregistrée',
    before ? `${before} → ${after}` : after,
    { convocation: c },
  );
}

/** After the scheduler delivered a session's convocation: records who it reached, once. */
export async function recordBotSending(
  records: Records,
  config: Pick<Config, 'body' | 'roster'>,
  r: Reminder,
  outcome: DeliveryOutcome,
  at: string,
  by = 'Séance (envoi automatique)',
): Promise<void> {
  if (r.origin !== 'convocation' || !r.sessionId) return;
  const tz = config.body.timezone;
  const reached = new Set((outcome.reached ?? []).flatMap((to) => (to.kind === 'delegate' ? [to.id] : [])));
  const dms = r.to.filter((to) => to.kind === 'delegate');
  const notReached = dms
    .flatMap((to) => (to.kind === 'delegate' && !reached.has(to.id) ? [to.id] : []))
    .map((id) => config.roster.find((d) => d.id === id))
    .flatMap((d) => (d ? [`${d.civility} ${d.lastName}`] : []));
  const sending: ConvocationSending = {
    date: toZoned(new Date(at), tz).date,
    at,
    mode: 'bot',
    doors: [...outcome.delivered],
    by,
    reached: reached.size,
    total: dms.length,
    notReached,
    channel: (outcome.reached ?? []).some((to) => to.kind === 'delegates'),
  };
  await records.update(r.sessionId, (rec) =>
    rec.convocation
      ? { record: rec }
      : { record: recordSending(rec, { name: by, door: 'scheduler', at }, sending, tz) },
  );
}
