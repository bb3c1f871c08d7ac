/**
 * @module Benchmark fixtures: the sample config with a generated roster of any size (attendance and proxies
 * in the sample's proportions), and a whole Séance built on it in-process (store, fake clock, silent logger).
 */
import { createBot, type Bot } from '../../src/app/build.ts';
import { loadConfigFile } from '../../src/app/load-config.ts';
import type { Actor } from '../../src/core/command.ts';
import type { Config } from '../../src/core/config.ts';
import type { AttendanceStatus, Delegate, Proxy, SessionRecord } from '../../src/core/model.ts';
import type { Logger, Store } from '../../src/core/ports.ts';
import { createFakeClock } from '../../src/infra/clock.ts';
import { openStore } from '../../src/infra/keyv-store.ts';

export const SAMPLE_CONFIG = 'config/somme-numerique.yaml';
/** The session the sample's minutes record (attendance and proxies). */
export const SAMPLE_SESSION = '2024-10-07';
/** A week before the sample session: its record still changes (afterwards it is levée and protected). */
export const BEFORE_SAMPLE_SESSION = '2024-09-30T10:00:00Z';
/** After every session of the sample: commands without a date answer for the last one. */
export const BENCH_NOW = '2026-11-29T10:00:00Z';

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
export const readerActor: Actor = { name: 'Lecteur (bench)', role: 'reader', door: 'test' };
export const secretaryActor: Actor = { name: 'Secrétariat (bench)', role: 'secretary', door: 'test' };

let sample: Config | undefined;
/** The sample config, parsed once per process. */
export function sampleConfig(): Config {
  sample ??= loadConfigFile(SAMPLE_CONFIG);
  return sample;
}

/** "AAA", "AAB", ...: letters only, so a generated name is never a prefix of another or taken for a number. */
function letters(i: number, width: number): string {
  let s = '';
  for (let k = 0; k < width; k++) {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26);
  }
  return s;
}

export interface RosterShape {
  /** Fraction present in the room, at a distance, and of delegates represented by a proxy. */
  readonly room: number;
  readonly remote: number;
  readonly proxies: number;
}

/** The sample's minutes: of 47 delegates, 6 in the room, 6 at a distance, 12 represented. */
export function sampleShape(config: Config = sampleConfig()): RosterShape {
  const rec = config.seedRecords[SAMPLE_SESSION];
  const n = config.roster.length;
  if (!rec) return { room: 6 / 47, remote: 6 / 47, proxies: 12 / 47 };
  const count = (s: AttendanceStatus) => Object.values(rec.attendance).filter((x) => x === s).length;
  return { room: count('salle') / n, remote: count('distance') / n, proxies: rec.proxies.length / n };
}

export interface GeneratedRoster {
  readonly config: Config;
  /** Delegates marked absent or excused who hold no proxy and gave none: free to give one. */
  readonly freeGivers: readonly Delegate[];
  /** Present delegates holding no proxy: free to receive one. */
  readonly freeHolders: readonly Delegate[];
}

/**
 * The sample config with `size` generated delegates. Attendance and proxies follow `shape` (the sample's
 * proportions by default); each proxy goes from an excused delegate to a present one holding none yet.
 */
export function generatedRoster(
  size: number,
  shape: RosterShape = sampleShape(),
  base: Config = sampleConfig(),
): GeneratedRoster {
  const width = Math.max(3, Math.ceil(Math.log(size + 1) / Math.log(26)));
  const members = base.members.map((m) => m.id);
  const roster: Delegate[] = Array.from({ length: size }, (_, i) => {
    const lastName = `BENCH${letters(i, width)}`;
    const firstName = `Prenom${letters(i, width)}`;
    return {
      id: `d${i}`,
      civility: i % 2 ? 'Mme' : 'M.',
      lastName,
      firstName,
      member: members[i % members.length]!,
      votes: i % 8 === 0 ? 6 : 1,
      role: 'delegate',
      inOffice: true,
      keys: [`${i % 2 ? 'Mme' : 'M.'} ${lastName}`, lastName, `${firstName} ${lastName}`, `${lastName} ${firstName}`],
    };
  });
  const room = Math.round(size * shape.room);
  const remote = Math.round(size * shape.remote);
  const attendance: Record<string, AttendanceStatus> = {};
  roster.forEach((d, i) => {
    attendance[d.id] = i < room ? 'salle' : i < room + remote ? 'distance' : 'excuse';
  });
  const present = room + remote;
  const nProxies = Math.min(Math.round(size * shape.proxies), present, size - present);
  const proxies: Proxy[] = Array.from({ length: nProxies }, (_, k) => ({
    giver: roster[present + k]!.id,
    holder: roster[k]!.id,
    status: 'confirmed',
    declaredBy: 'configuration',
    declaredAt: `${SAMPLE_SESSION}T00:00:00.000Z`,
    confirmedBy: 'configuration',
  }));
  const record: SessionRecord = { version: 0, attendance, proxies, journal: [] };
  const config: Config = {
    ...base,
    roster,
    // The sample's sessions name their president and secretary by id; generated ids do not include them.
    sessions: base.sessions.map((s) => ({ ...s, president: undefined, secretary: undefined })),
    body: { ...base.body, statedTotalVotes: undefined },
    seedRecords: { [SAMPLE_SESSION]: record },
    loadWarnings: [],
  };
  return {
    config,
    freeHolders: roster.slice(nProxies, present),
    freeGivers: roster.slice(present + nProxies),
  };
}

export interface BenchSeance {
  readonly hub: Bot;
  readonly store: Store;
  close(): Promise<void>;
}

/** A whole Séance in-process, as `createTestBot` builds it but without recording anything. */
export async function benchSeance(config: Config, storeUrl = 'memory:', now: string = BENCH_NOW): Promise<BenchSeance> {
  const store = await openStore(storeUrl);
  const hub = createBot({ config, store, clock: createFakeClock(now), logger: silentLogger });
  return { hub, store, close: () => hub.stop() };
}
