/**
 * @module The reminders a session implies, without extra config: the secretariat's convocation deadline,
 * the convocation to the delegates' channel (agenda + .ics), the J-1 reminder, and on the day a direct
 * message to each delegate marked absent or excused who gave no proxy. None for a cancelled or past session.
 */
import { delegateName, type Config } from '../config.ts';
import { placeWithRemote } from '../text/french.ts';
import type { Delegate, Session, SessionRecord } from '../model.ts';
import { fields, list, reply, text, type Recipient } from '../reply.ts';
import { convocationRule, convocationStatus, joursFrancsLabel, ofTitle } from '../sessions/convocation-rule.ts';
import { sessionIcs } from '../sessions/ics.ts';
import {
  addDays,
  formatDateLong,
  formatDateTime,
  formatTime,
  fromZoned,
  type IsoDate,
  type WallTime,
} from '../text/dates.ts';
import { answerActions, forecast } from '../sessions/answers.ts';
import { agree } from './labels.ts';
import type { Reminder, ReminderOrigin } from './model.ts';

/** Derived session reminders go out at this Paris time. */
export const SESSION_REMINDER_TIME: WallTime = '09:00';
/** The secretariat is reminded this many days before the latest legal sending date. */
export const DEADLINE_NOTICE_DAYS = 2;
/** On the day, the absent-without-proxy message leaves at 09:00, or this long before an earlier meeting. */
export const ABSENT_NOTICE_BEFORE_MINUTES = 120;

const nameOf = delegateName;

export function sessionStart(session: Pick<Session, 'date' | 'time'>, timeZone: string): Date {
  return fromZoned(session.date, session.time, timeZone);
}

/** 09:00, or two hours before a meeting that starts before 11:00 (never before midnight). */
export function absentNoticeTime(meeting: WallTime): WallTime {
  const [h, m] = meeting.split(':').map(Number) as [number, number];
  const [rh, rm] = SESSION_REMINDER_TIME.split(':').map(Number) as [number, number];
  const minutes = Math.min(rh * 60 + rm, Math.max(0, h * 60 + m - ABSENT_NOTICE_BEFORE_MINUTES));
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Delegates in office marked absent or excused who have not given a proxy (pending or confirmed). */
export function absentWithoutProxy(roster: readonly Delegate[], record: SessionRecord): Delegate[] {
  const givers = new Set(record.proxies.map((p) => p.giver));
  return roster.filter(
    (d) =>
      d.inOffice && !givers.has(d.id) && (record.attendance[d.id] === 'excuse' || record.attendance[d.id] === 'absent'),
  );
}

/** The quorum alert and the answer reminders leave this many days before the session, at this time (config: reminders.quorumAlert). */
export const DEFAULT_QUORUM_ALERT = { daysBefore: 2, time: '09:00' } as const;

type SessionReminderConfig = Pick<Config, 'body' | 'roster'> & {
  readonly reminders?: Pick<Config['reminders'], 'quorumAlert'>;
};

export function sessionReminders(
  config: SessionReminderConfig,
  session: Session,
  record: SessionRecord,
  now: Date,
): Reminder[] {
  const tz = config.body.timezone;
  if (session.cancelled || sessionStart(session, tz).getTime() <= now.getTime()) return [];
  const heading = `${session.title} du ${formatDateTime(session.date, session.time)}`;
  const place = placeWithRemote(session.place, session.remote);
  const out: Reminder[] = [];
  const add = (
    kind: string,
    origin: ReminderOrigin,
    date: IsoDate,
    time: WallTime,
    to: Recipient[],
    summary: string,
    message: Reminder['message'],
    bestEffort = false,
  ) => {
    const due = fromZoned(date, time, tz);
    out.push({
      id: `seance:${session.id}:${kind}`,
      dueMs: due.getTime(),
      version: `${due.toISOString()}|${session.date} ${session.time}`,
      origin,
      to,
      summary,
      message: { ...message, session: heading },
      sessionId: session.id,
      ...(bestEffort ? { bestEffort } : {}),
    });
  };
  const inOffice = config.roster.filter((d) => d.inOffice);
  const dm = (ds: readonly Delegate[]): Recipient[] => ds.map((d) => ({ kind: 'delegate', id: d.id }));
  const answerHow = text(
    `Votre réponse : les boutons ci-dessous, ou /reponse salle${session.remote ? ', /reponse distance' : ''}, /reponse excuse, /reponse pouvoir <mandataire> ${session.date}.`,
  );

  const rule = convocationRule(config.body);
  const status = convocationStatus(session, rule.days);
  const ruleLine = `Convocation : ${joursFrancsLabel(rule.days)}, jour d'envoi et jour de séance exclus (${rule.source}).`;
  // Once the convocation went out (the bot, or another way recorded by a secretary), neither reminder is needed.
  const convoked = Boolean(record.convocation);
  if (!convoked && (!session.convokedOn || session.convokedOn > status.deadline)) {
    const late = session.convokedOn
      ? [
          text(
            `La date d'envoi enregistrée (${formatDateLong(session.convokedOn)}) est trop tardive : ${status.joursFrancs} jour(s) franc(s) seulement.`,
          ),
        ]
      : [];
    add(
      'echeance-convocation',
      'convocation-deadline',
      addDays(status.deadline, -DEADLINE_NOTICE_DAYS),
      SESSION_REMINDER_TIME,
      [{ kind: 'secretariat' }],
      `Échéance de convocation (au plus tard le ${formatDateLong(status.deadline)})`,
      reply(
        'Convocation à envoyer',
        [
          text(
            `La convocation doit partir au plus tard le ${formatDateLong(status.deadline)} (${joursFrancsLabel(rule.days)} avant la séance ${ofTitle(session.title)} du ${formatDateLong(session.date)}).`,
          ),
          ...late,
          text(`Projet de convocation avec l'ordre du jour : /convocation ${session.date}`),
        ],
        { tone: 'warning', rule: ruleLine },
      ),
    );
  }

  const agenda = session.agenda.map((it) => it.title);
  // The delegates' channel, and each delegate by direct message with the answer buttons.
  if (!convoked)
    add(
      'convocation',
      'convocation',
      session.convokedOn ?? status.deadline,
      SESSION_REMINDER_TIME,
      [{ kind: 'delegates' }, ...dm(inOffice)],
      `Convocation ${ofTitle(session.title)} du ${formatDateLong(session.date)} (ordre du jour, ${agenda.length} point${agenda.length > 1 ? 's' : ''})`,
      reply(
        `Convocation : ${session.title} du ${formatDateLong(session.date)}`,
        [
          text(
            `Mesdames et Messieurs les délégués sont convoqués à la réunion ${ofTitle(session.title)} de ${config.body.name}.`,
          ),
          fields([
            { label: 'Date', value: formatDateTime(session.date, session.time) },
            { label: 'Lieu', value: session.place },
            { label: 'Participation à distance', value: session.remote ? 'oui (téléconférence)' : 'non' },
          ]),
          agenda.length
            ? list(agenda, 'Ordre du jour', true)
            : text("L'ordre du jour sera communiqué par le secrétariat."),
          answerHow,
        ],
        { attachments: [sessionIcs(session, config, now)], rule: ruleLine, actions: answerActions(session) },
      ),
      true,
    );

  add(
    'veille',
    'session-j1',
    addDays(session.date, -1),
    SESSION_REMINDER_TIME,
    [{ kind: 'delegates' }],
    `Rappel de la veille ${ofTitle(session.title)} du ${formatDateLong(session.date)}`,
    reply(`Rappel : ${session.title} demain à ${formatTime(session.time)}`, [
      text(`Le ${session.title} se réunit demain, ${formatDateTime(session.date, session.time)}, ${place}.`),
      text(
        `Empêché ou empêchée ? Donnez pouvoir à un délégué présent : /pouvoir donner <votre nom> <mandataire> ${session.date}`,
      ),
    ]),
  );

  const lead = config.reminders?.quorumAlert ?? DEFAULT_QUORUM_ALERT;
  const alertDate = addDays(session.date, -lead.daysBefore);
  const f = forecast(config.body, config.roster, record);
  if (!f.quorum.reached) {
    const unit = config.body.quorum.count === 'heads' ? 'délégués' : 'voix';
    add(
      'alerte-quorum',
      'quorum-alert',
      alertDate,
      lead.time,
      [{ kind: 'secretariat' }],
      `Alerte : quorum compromis ${ofTitle(session.title)} du ${formatDateLong(session.date)}`,
      reply(
        'Quorum compromis',
        [
          text(
            `D'après les réponses à la convocation, le quorum ne serait pas atteint si personne d'autre ne venait : ${f.quorum.counted} ${unit} sur ${f.quorum.threshold} requis (il en manque ${f.quorum.missing}).`,
          ),
          f.noAnswer.length
            ? list(f.noAnswer.map(nameOf), `Sans réponse (${f.noAnswer.length})`)
            : text('Tous les délégués ont répondu.'),
          f.canReceive.length
            ? list(f.canReceive.map(nameOf), 'Présents qui peuvent encore recevoir un pouvoir')
            : text('Aucun présent annoncé ne peut plus recevoir de pouvoir.'),
          text(`Détail : /quorum ${session.date} ; liste à relancer : /relances ${session.date}`),
        ],
        { tone: 'warning', rule: f.quorum.rule },
      ),
    );
  }
  if ((convoked || session.convokedOn) && f.noAnswer.length) {
    add(
      'relance',
      'answer-reminder',
      alertDate,
      lead.time,
      dm(f.noAnswer),
      `Relance des délégués sans réponse (${f.noAnswer.length})`,
      reply(
        `Convocation : ${session.title} du ${formatDateLong(session.date)}, votre réponse ?`,
        [
          text(
            `Vous n'avez pas encore répondu à la convocation ${ofTitle(session.title)} du ${formatDateTime(session.date, session.time)}, ${place}.`,
          ),
          answerHow,
        ],
        { actions: answerActions(session), visibility: 'ephemeral' },
      ),
      true,
    );
  }

  const dayTime = absentNoticeTime(session.time);
  for (const d of absentWithoutProxy(config.roster, record)) {
    const status = record.attendance[d.id] === 'excuse' ? agree(d, 'excusé') : agree(d, 'absent');
    add(
      `absent:${d.id}`,
      'absent-without-proxy',
      session.date,
      dayTime,
      [{ kind: 'delegate', id: d.id }],
      `${nameOf(d)} : ${status}, sans pouvoir`,
      reply(
        `Séance de ce jour : vous n'êtes pas ${agree(d, 'représenté')}`,
        [
          text(
            `${nameOf(d)}, vous êtes ${agree(d, 'indiqué')} ${status} pour le ${session.title} d'aujourd'hui à ${formatTime(session.time)} et vous n'avez pas donné de pouvoir.`,
          ),
          text(
            `Pour être ${agree(d, 'représenté')}, donnez pouvoir à un délégué présent : /pouvoir donner ${d.lastName} <mandataire> ${session.date}`,
          ),
        ],
        { visibility: 'ephemeral' },
      ),
    );
  }
  return out;
}
