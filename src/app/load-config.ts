/**
 * @module Reads a body's YAML file, validates it and builds the core's `Config`. A bad file never gives a
 * half-built config: every problem is collected into one `ConfigError` naming the file, the path, what
 * was expected and what was found (with the line number when the YAML can tell).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { resolveProfile } from './body-profile.ts';
import { configSchema, type RawConfig } from './config-schema.ts';
import { yamlErrorText } from './yaml-errors.ts';
import { defaultPermissions, delegateName, type Config, type ConfigWarning, type Permission } from '../core/config.ts';
import type { AccountOwner, AppConfig } from './accounts.ts';
import type {
  Delegate,
  MemberBody,
  Person,
  PriceVersion,
  Service,
  Session,
  SessionRecord,
  Tariff,
  AttendanceStatus,
  Proxy,
} from '../core/model.ts';
import { matchByName } from '../core/text/match.ts';
import { fold } from '../core/text/normalize.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Configuration invalide : ${file}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type PathPart = string | number;
const pathText = (path: readonly PathPart[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');

const show = (v: unknown) => {
  const s = v === undefined ? 'rien' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

export function loadConfigFile(file: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [`fichier illisible (${(e as NodeJS.ErrnoException).code ?? 'erreur'})`]);
  }
  return parseConfig(text, file);
}

/** A body's file uses a few aliases at most; many more is the « billion laughs » expansion (alias bomb). */
const MAX_ALIAS_COUNT = 100;
/** The schema's deepest path is a handful of levels; far deeper is an attack or a broken file. */
const MAX_DEPTH = 32;
const ALIAS_BOMB = `trop d'alias YAML (*nom) imbriqués : plus de ${MAX_ALIAS_COUNT} expansions, fichier refusé (protection contre les « bombes d'alias »)`;
const TOO_DEEP = `structure YAML trop profonde : plus de ${MAX_DEPTH} niveaux imbriqués, fichier refusé`;

/** The nesting depth of a parsed value, without recursion (a deep value must not overflow the stack here). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_DEPTH) return d;
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * The YAML parser, loaded when a file is parsed: a start whose checked config is cached in the build (config-cache.ts)
 * never parses YAML, and loading the library costs ≈ 30 ms of CPU. Synchronous (`require`) because loading a config is.
 */
let yaml: typeof Yaml | undefined;
const yamlLibrary = () => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export function parseConfig(text: string, file: string): AppConfig {
  const { parseDocument, LineCounter, isNode } = yamlLibrary();
  const lines = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } catch (e) {
    // Thousands of nested [ [ [ … overflow the parser's stack: refuse the file, never a raw stack trace.
    throw new ConfigError(file, [
      e instanceof RangeError
        ? TOO_DEEP
        : `YAML illisible (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    ]);
  }
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) throw new ConfigError(file, [TOO_DEEP]);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return yamlErrorText(e.code, e.message, pos.line, pos.col, text);
      }),
    );
  }
  const lineOf = (path: readonly PathPart[]): string => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return ` (ligne ${lines.linePos(node.range[0]).line})`;
    }
    return '';
  };
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/excessive alias count/i.test(message)) throw new ConfigError(file, [ALIAS_BOMB]);
    if (e instanceof RangeError) throw new ConfigError(file, [TOO_DEEP]);
    // An alias to an anchor defined later (or never) only shows when the document is built.
    throw new ConfigError(file, [
      `alias YAML non résolu : ${message.replace(/^Unresolved alias.*?: /, '*')} (l'ancre &nom doit être définie avant l'alias *nom)`,
    ]);
  }
  if (depthOf(js) > MAX_DEPTH) throw new ConfigError(file, [TOO_DEEP]);
  const parsed = configSchema().safeParse(js, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => {
        const path = i.path as PathPart[];
        const found =
          'input' in i && i.code !== 'unrecognized_keys' ? ` ; trouvé : ${show((i as { input?: unknown }).input)}` : '';
        return `${pathText(path) || '(racine)'}${lineOf(path)} : ${i.message}${found}`;
      }),
    );
  }
  return build(parsed.data, file, lineOf);
}

const cents = (euros: number | undefined) => (euros === undefined ? undefined : Math.round(euros * 100));
const millis = (euros: number | undefined) => (euros === undefined ? undefined : Math.round(euros * 1000));

function tariffOf(
  raw: NonNullable<RawConfig['catalogue'][number]['prices'][number]['member']> | undefined,
): Tariff | undefined {
  if (!raw) return undefined;
  return {
    yearlyHtCents: cents(raw.yearlyHt),
    yearlyTtcCents: cents(raw.yearlyTtc),
    monthlyHtMillis: millis(raw.monthlyHt),
    monthlyTtcMillis: millis(raw.monthlyTtc),
    installationHtCents: cents(raw.installationHt),
    flatHtCents: cents(raw.flatHt),
  };
}

function slug(text: string): string {
  return fold(text).replace(/ /g, '-');
}

function build(raw: RawConfig, file: string, lineOf: (p: PathPart[]) => string): AppConfig {
  const problems: string[] = [];
  const warnings: ConfigWarning[] = [];
  const at = (path: PathPart[]) => `${pathText(path)}${lineOf(path)}`;

  const { profile, problems: profileProblems } = resolveProfile(raw.body);
  for (const [path, message] of profileProblems) problems.push(`${path}${lineOf(path.split('.'))} : ${message}`);

  const members: MemberBody[] = raw.members.map((m) => ({ ...m }));
  const memberIds = new Set(members.map((m) => m.id));

  const ids = new Set<string>();
  const roster: Delegate[] = raw.roster.map((r, i) => {
    if (!memberIds.has(r.member)) {
      problems.push(
        `${at(['roster', i, 'member'])} : membre inconnu ${show(r.member)} ; attendu l'un de : ${[...memberIds].join(', ')}`,
      );
    }
    let id = r.id ?? slug(r.lastName);
    if (ids.has(id)) {
      if (r.id) problems.push(`${at(['roster', i, 'id'])} : identifiant en double ${show(id)}`);
      id = slug(`${r.lastName} ${r.firstName ?? i}`);
    }
    ids.add(id);
    const keys = [`${r.civility} ${r.lastName}`, r.lastName, ...r.aliases];
    if (r.firstName) keys.push(`${r.firstName} ${r.lastName}`, `${r.lastName} ${r.firstName}`);
    return {
      id,
      civility: r.civility,
      lastName: r.lastName,
      firstName: r.firstName,
      member: r.member,
      votes: r.votes,
      role: r.role,
      inOffice: r.inOffice,
      substitute: r.substitute,
      keys,
    };
  });

  // People's chat accounts (door → account id → owner), kept out of the domain model; one account, one person.
  const accounts: Record<string, Record<string, AccountOwner>> = { slack: {}, discord: {} };
  const seenChat = new Map<string, string>();
  const people = [
    ...raw.roster.map((r, i) => ({
      path: ['roster', i] as PathPart[],
      owner: { kind: 'delegate', id: roster[i]!.id } as const,
      slackId: r.slackId,
      discordId: r.discordId,
    })),
    ...raw.staff.map((s, i) => ({
      path: ['staff', i] as PathPart[],
      owner: { kind: 'staff', id: s.id } as const,
      slackId: s.slackId,
      discordId: s.discordId,
    })),
    ...raw.contacts.map((c, i) => ({
      path: ['contacts', i] as PathPart[],
      owner: { kind: 'contact', id: c.id } as const,
      slackId: c.slackId,
      discordId: c.discordId,
    })),
  ];
  for (const p of people) {
    for (const [door, kind, v] of [
      ['slack', 'slackId', p.slackId],
      ['discord', 'discordId', p.discordId],
    ] as const) {
      if (!v) continue;
      const key = `${kind}:${v}`;
      const prev = seenChat.get(key);
      if (prev) problems.push(`${at([...p.path, kind])} : ${show(v)} est déjà attribué à ${prev}`);
      else {
        seenChat.set(key, pathText(p.path));
        accounts[door]![v] = p.owner;
      }
    }
  }

  /** A name as written in the file → a delegate; a near-identical spelling resolves with a warning. */
  const resolve = (name: string, path: PathPart[]): Delegate | undefined => {
    const m = matchByName(name, roster);
    if (m.kind === 'found') return m.item;
    if (m.kind === 'unknown' && m.suggestions.length === 1) {
      const d = m.suggestions[0]!;
      warnings.push({
        path: pathText(path),
        message: `« ${name} » n'est pas au registre : orthographe proche de « ${delegateName(d)} », retenu comme tel`,
        suggestion: `corriger l'orthographe (${delegateName(d)} ?) dans le procès-verbal ou la configuration`,
      });
      return d;
    }
    const cands = m.kind === 'ambiguous' ? m.candidates : m.suggestions;
    problems.push(
      `${at(path)} : délégué ${m.kind === 'ambiguous' ? 'ambigu' : 'inconnu'} ${show(name)}${cands.length ? ` ; vouliez-vous dire : ${cands.map(delegateName).join(', ')} ?` : ''}`,
    );
    return undefined;
  };

  const sessions: Session[] = [];
  const seedRecords: Record<string, SessionRecord> = {};
  raw.sessions.forEach((s, i) => {
    if (sessions.some((o) => o.id === s.date))
      problems.push(`${at(['sessions', i, 'date'])} : deux séances à la même date ${s.date}`);
    const president = s.president ? resolve(s.president, ['sessions', i, 'president'])?.id : undefined;
    const secretary = s.secretary ? resolve(s.secretary, ['sessions', i, 'secretary'])?.id : undefined;
    sessions.push({
      id: s.date,
      title: s.title ?? raw.body.assemblyName,
      date: s.date,
      time: s.time,
      place: s.place,
      remote: s.remote,
      convokedOn: s.convokedOn,
      president,
      secretary,
      closedAt: s.closedAt,
      agenda: s.agenda,
      origin: 'config',
      cancelled: s.cancelled,
      prefecture: s.prefecture,
      urgency: s.urgency || undefined,
      convocationDays: s.convocationDays,
      secondConvocationOf: s.secondConvocationOf,
    });
    if (s.secondConvocationOf && s.secondConvocationOf >= s.date) {
      problems.push(
        `${at(['sessions', i, 'secondConvocationOf'])} : la séance sans quorum (${s.secondConvocationOf}) doit précéder la seconde convocation (${s.date})`,
      );
    }
    if (!s.attendance && s.proxies.length === 0) return;
    const attendance: Record<string, AttendanceStatus> = {};
    for (const status of ['salle', 'distance', 'excuse', 'absent', 'suppleant'] as const) {
      (s.attendance?.[status] ?? []).forEach((name, j) => {
        const d = resolve(name, ['sessions', i, 'attendance', status, j]);
        if (!d) return;
        if (attendance[d.id])
          problems.push(
            `${at(['sessions', i, 'attendance', status, j])} : ${show(name)} figure deux fois dans les présences`,
          );
        attendance[d.id] = status;
      });
    }
    const proxies: Proxy[] = [];
    s.proxies.forEach((p, j) => {
      const holder = resolve(p.holder, ['sessions', i, 'proxies', j, 'holder']);
      const giver = resolve(p.giver, ['sessions', i, 'proxies', j, 'giver']);
      if (!holder || !giver) return;
      if (p.sessions > profile.proxyMaxSessions && !p.illness) {
        problems.push(
          `${at(['sessions', i, 'proxies', j, 'sessions'])} : un pouvoir vaut pour ${profile.proxyMaxSessions} séances consécutives au plus, sauf maladie dûment constatée (illness: true) ; trouvé : ${p.sessions} (${profile.proxyRuleSource.replace(/ :.*/, '')})`,
        );
        return;
      }
      proxies.push({
        giver: giver.id,
        holder: holder.id,
        status: 'confirmed',
        declaredBy: 'configuration',
        declaredAt: `${s.date}T00:00:00.000Z`,
        confirmedBy: 'configuration',
        ...(p.sessions > 1 ? { sessions: p.sessions } : {}),
      });
    });
    seedRecords[s.date] = { version: 0, attendance, proxies, journal: [] };
  });

  carryProxies(
    sessions,
    seedRecords,
    raw.sessions.map((s) => s.date),
  );

  const services: Service[] = raw.catalogue.map((c, i) => {
    const prices: PriceVersion[] = c.prices
      .map((p) => ({
        effective: p.effective,
        deliberation: p.deliberation,
        member: tariffOf(p.member),
        nonMember: tariffOf(p.nonMember),
        all: tariffOf(p.all),
      }))
      .sort((a, b) => a.effective.localeCompare(b.effective));
    if (prices.length === 0 && !c.noPrice) {
      problems.push(`${at(['catalogue', i])} : le service ${show(c.id)} n'a ni prix (prices) ni explication (noPrice)`);
    }
    return {
      id: c.id,
      name: c.name,
      keys: [c.name, c.id, ...c.aliases],
      unit: c.unit,
      includes: c.includes,
      commitments: c.commitments,
      freeFirstYear: c.freeFirstYear,
      installationBlock: c.installationBlock,
      seatLimit: c.seatLimit,
      prices,
      noPrice: c.noPrice,
      notes: c.notes,
      vatPercent: c.vatPercent,
    };
  });

  const staff: Person[] = raw.staff.map(({ slackId: _s, discordId: _d, ...s }) => s);
  const contacts: Person[] = raw.contacts.map(({ slackId: _s, discordId: _d, ...c }, i) => {
    if (c.member !== null && !memberIds.has(c.member))
      problems.push(`${at(['contacts', i, 'member'])} : membre inconnu ${show(c.member)}`);
    return { ...c, role: 'mairie' as const };
  });

  if (problems.length > 0) throw new ConfigError(file, problems);

  const { team, ...slackChannels } = raw.slack;
  const { guild, ...discordChannels } = raw.discord;
  const permissions = { ...defaultPermissions, ...raw.permissions } as Record<
    Permission,
    Config['permissions'][Permission]
  >;
  return {
    file,
    ...(raw.body.id ? { declaredId: raw.body.id } : {}),
    body: profile,
    members,
    roster,
    staff,
    contacts,
    permissions,
    doors: {
      accounts,
      channels: { slack: slackChannels, discord: discordChannels },
      spaces: { ...(team ? { slack: team } : {}), ...(guild ? { discord: guild } : {}) },
    },
    sessions: sessions.sort((a, b) => a.id.localeCompare(b.id)),
    seedRecords,
    catalogue: { services },
    reminders: raw.reminders,
    loadWarnings: warnings,
  };
}

/**
 * A proxy given for several consecutive sessions (L2121-20) also stands in the next ones, unless the giver
 * comes to that session: copied into their records, marked with the session it was given at.
 */
function carryProxies(
  sessions: readonly Session[],
  records: Record<string, SessionRecord>,
  order: readonly string[],
): void {
  const dated = [...order].sort();
  const held = sessions
    .filter((s) => !s.cancelled)
    .map((s) => s.id)
    .sort();
  for (const from of dated) {
    for (const p of records[from]?.proxies ?? []) {
      if (!p.sessions || p.sessions < 2) continue;
      const next = held.filter((id) => id > from).slice(0, p.sessions - 1);
      for (const id of next) {
        const r = records[id] ?? { version: 0, attendance: {}, proxies: [], journal: [] };
        const status = r.attendance[p.giver];
        if (status === 'salle' || status === 'distance' || status === 'suppleant') continue;
        if (r.proxies.some((x) => x.giver === p.giver)) continue;
        records[id] = {
          ...r,
          proxies: [...r.proxies, { ...p, declaredBy: `configuration (pouvoir du ${from})`, sessions: undefined }],
        };
      }
    }
  }
}
