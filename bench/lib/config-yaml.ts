/**
 * @module The sample config's YAML with a generated roster of any size: the 2024-10-07 session records every
 * delegate by name (attendance, and proxies in the sample's proportion), so loading resolves one name per
 * delegate, as a real body's minutes would.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { SAMPLE_CONFIG, SAMPLE_SESSION } from './fixtures.ts';

interface RawDelegate {
  civility: string;
  lastName: string;
  firstName: string;
  member: string;
  votes: number;
}

/** "AAA", "AAB", ...: letters only (a digit would be read as a number by the name matcher). */
function letters(i: number, width: number): string {
  let s = '';
  for (let k = 0; k < width; k++) {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26);
  }
  return s;
}

export function sampleYamlWithRoster(size: number): string {
  const doc = parse(readFileSync(SAMPLE_CONFIG, 'utf8')) as {
    body: Record<string, unknown>;
    members: { id: string }[];
    roster: RawDelegate[];
    staff: unknown[];
    sessions: Record<string, unknown>[];
  };
  const width = Math.max(3, Math.ceil(Math.log(size + 1) / Math.log(26)));
  const members = doc.members.map((m) => m.id);
  const roster: RawDelegate[] = Array.from({ length: size }, (_, i) => ({
    civility: i % 2 ? 'Mme' : 'M.',
    lastName: `BENCH${letters(i, width)}`,
    firstName: `Prenom${letters(i, width)}`,
    member: members[i % members.length]!,
    votes: i % 8 === 0 ? 6 : 1,
  }));
  const name = (d: RawDelegate) => `${d.civility} ${d.lastName}`;
  const room = Math.round((size * 6) / 47);
  const remote = Math.round((size * 6) / 47);
  const present = room + remote;
  const nProxies = Math.min(Math.round((size * 12) / 47), present, size - present);
  const session = doc.sessions.find((s) => String(s.date) === SAMPLE_SESSION)!;
  session.president = name(roster[0]!);
  session.secretary = name(roster[Math.min(1, size - 1)]!);
  session.attendance = {
    salle: roster.slice(0, room).map(name),
    distance: roster.slice(room, present).map(name),
    excuse: roster.slice(present).map(name),
  };
  session.proxies = Array.from({ length: nProxies }, (_, k) => ({
    holder: name(roster[k]!),
    giver: name(roster[present + k]!),
  }));
  doc.roster = roster;
  doc.body.statedTotalVotes = undefined;
  delete doc.body.statedTotalVotes;
  // Staff and contacts may name delegates by id; the generated roster has other ids.
  return stringify(doc, { lineWidth: 0 });
}
