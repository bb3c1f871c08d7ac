/**
 * @module The home page: upcoming sessions (date, place, remote participation, agenda), then the sessions held
 * with the publication dates of their list of deliberations and of their minutes.
 */
import type { Config } from '../../core/config.ts';
import { isHeld, isUpcoming, type SiteData } from '../site-data.ts';
import { minutesLine, publicationLine, remoteLabel, sessionHeading, sessionPath, whenLabel } from './format.ts';

export interface HomeView {
  readonly upcoming: readonly {
    readonly heading: string;
    readonly path: string;
    readonly when: string;
    readonly place: string;
    readonly remote: string;
    readonly cancelled: boolean;
    readonly agenda: readonly string[];
  }[];
  readonly held: readonly {
    readonly heading: string;
    readonly path: string;
    readonly publication?: string;
    readonly minutes?: string;
  }[];
}

export function homeView(config: Config, site: SiteData): HomeView {
  const tz = config.body.timezone;
  return {
    upcoming: site.sessions
      .filter(({ session: s }) => isUpcoming(s, site.today))
      .map(({ session: s }) => ({
        heading: sessionHeading(s),
        path: sessionPath(s),
        when: whenLabel(s),
        place: s.place,
        remote: remoteLabel(s),
        cancelled: Boolean(s.cancelled),
        // The agenda as convened: titles only, never an outcome.
        agenda: s.agenda.map((it) => it.title),
      })),
    held: site.sessions
      .filter(({ session: s }) => isHeld(s, site.today))
      .reverse()
      .map((p) => ({
        heading: sessionHeading(p.session),
        path: sessionPath(p.session),
        publication: publicationLine(p.session, p.published, site.today, tz),
        minutes: minutesLine(p, tz),
      })),
  };
}
