/** @module `seance check` for the votes a config records: each is counted against the session's attendance. */
import type { Config, ConfigWarning } from '../config.ts';
import { UserError } from '../errors.ts';
import { emptyRecord, type Session } from '../model.ts';
import { countBallot } from './count.ts';

export function checkRecordedVotes(config: Config, session: Session): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const record = config.seedRecords[session.id] ?? emptyRecord;
  session.agenda.forEach((it, i) => {
    if (!it.vote) return;
    const path = `sessions(${session.id}).agenda[${i}].vote`;
    if (it.kind !== 'deliberation') {
      out.push({
        path,
        message: `« ${it.title} » n'est pas une délibération : le vote enregistré est ignoré`,
        suggestion: 'mettre kind: deliberation ou retirer le vote',
      });
      return;
    }
    try {
      countBallot({
        profile: config.body,
        roster: config.roster,
        record,
        ballot: { item: i + 1, tally: it.vote, secret: it.secret },
        presidentId: session.president,
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      out.push({
        path,
        message: e.message,
        suggestion: 'vérifier les voix du vote dans le procès-verbal et les présences enregistrées',
      });
    }
  });
  return out;
}
