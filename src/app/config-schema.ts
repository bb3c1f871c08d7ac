/** @module The shape of a body's YAML configuration, validated with zod. Amounts are written in euros. */
import { z } from 'zod';

z.config(z.locales.fr());

/**
 * Built on first use, not at import: a start whose checked config is cached in the build (config-cache.ts) never
 * validates a file, and building these few hundred zod schemas costs ≈ 15 ms of CPU.
 */
function buildConfigSchema() {
  const realDate = (text: string) => {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  };
  const isoDate = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
    .refine(realDate, 'date inexistante au calendrier (jour ou mois hors limites)');
  const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');
  /** YAML reads 2024-10-07 as a date: accept both and keep the ISO string. */
  const dateField = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate);
  const euros = z
    .number()
    .nonnegative()
    .refine(
      (n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
      'montant en euros avec au plus 2 décimales',
    );
  const votedEuros = z
    .number()
    .nonnegative()
    .refine((n) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, 'montant avec au plus 3 décimales');
  const chatId = z.string().min(1);
  const bodyId = z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'identifiant en minuscules, chiffres et tirets (40 caractères au plus)');
  const voix = z.number().int().min(0).max(100_000);

  /** A recorded vote: `unanimite`, or the figures (voix) with the president's vote for a tie. */
  const vote = z.union([
    z.literal('unanimite').transform(() => ({ kind: 'unanimity' as const })),
    z
      .strictObject({
        pour: voix,
        contre: voix,
        abstention: voix.default(0),
        blanc: voix.optional(),
        president: z.enum(['pour', 'contre', 'abstention', 'blanc']).optional(),
      })
      .transform((v) => ({ kind: 'figures' as const, ...v })),
  ]);

  const tariff = z.strictObject({
    monthlyHt: votedEuros.optional(),
    yearlyHt: euros.optional(),
    monthlyTtc: votedEuros.optional(),
    yearlyTtc: euros.optional(),
    installationHt: euros.optional(),
    flatHt: euros.optional(),
  });

  return z.strictObject({
    body: z.strictObject({
      /**
       * The body's id in a deployment of several (a directory of files): its store scope, `--organe`, its web path.
       * Default: the file name without .yaml in a directory, `default` for a single file (today's stored data).
       */
      id: bodyId.optional(),
      name: z.string().min(1),
      kind: z.enum(['commune', 'epci', 'syndicat-mixte-ferme', 'syndicat-mixte-ouvert', 'syndicat-intercommunal']),
      /** Commune: its population; EPCI or syndicat: that of its largest member commune (L5211-1 al. 2). */
      population: z.number().int().positive().optional(),
      /** Cited as the source of every rule set below without a source of its own. */
      statutes: z.string().min(1).optional(),
      assemblyName: z.string().min(1).default('Conseil'),
      timezone: z
        .string()
        .default('Europe/Paris')
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'fuseau horaire IANA inconnu'),
      vatPercent: z.number().min(0).max(100).default(20),
      statedTotalVotes: z.number().int().positive().optional(),
      seats: z
        .strictObject({ total: z.number().int().positive(), vacant: z.number().int().min(0).default(0) })
        .optional(),
      majority: z
        .strictObject({
          base: z.enum(['cast', 'total']).default('cast'),
          fraction: z.enum(['absolute', 'two-thirds']).default('absolute'),
          source: z.string().default('CGCT, article L2121-20'),
        })
        .optional(),
      quorum: z
        .strictObject({
          count: z.enum(['heads', 'votes', 'heads-and-votes']).optional(),
          base: z.enum(['present', 'present-or-represented']).optional(),
          fraction: z
            .string()
            .regex(/^[1-9]\d*\/[1-9]\d*$/, 'fraction attendue sous la forme 1/2, 1/3…')
            .optional(),
          strict: z.boolean().optional(),
          source: z.string().min(1).optional(),
          secondConvocationDays: z.number().int().min(1).max(30).optional(),
        })
        .default({}),
      maxProxiesPerHolder: z.number().int().min(1).max(5).optional(),
      proxyRuleSource: z.string().min(1).optional(),
      proxyMaxSessions: z.number().int().min(1).max(12).optional(),
      substitutes: z.boolean().optional(),
      substitutesSource: z.string().min(1).optional(),
      remoteAllowed: z.boolean().optional(),
      remoteCountsAsPresent: z.boolean().optional(),
      remoteSource: z.string().min(1).optional(),
      remoteExclusions: z
        .array(
          z.strictObject({
            label: z.string().min(1),
            words: z.array(z.string().min(1)).min(1),
            unless: z.array(z.string().min(1)).optional(),
          }),
        )
        .optional(),
      convocationDays: z.number().int().min(1).max(30).optional(),
      convocationSource: z.string().min(1).optional(),
      convener: z.enum(['maire', 'president']).optional(),
      convenerSource: z.string().min(1).optional(),
      synthesisNote: z.boolean().optional(),
      synthesisNoteSource: z.string().min(1).optional(),
    }),
    members: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9-]+$/, 'identifiant en minuscules, chiffres et tirets'),
          name: z.string().min(1),
          delegates: z.number().int().positive().optional(),
          votesEach: z.number().int().positive().optional(),
        }),
      )
      .min(1),
    roster: z
      .array(
        z.strictObject({
          id: z
            .string()
            .regex(/^[a-z0-9-]+$/)
            .optional(),
          civility: z.enum(['M.', 'Mme']),
          lastName: z.string().min(1),
          firstName: z.string().optional(),
          aliases: z.array(z.string()).default([]),
          member: z.string(),
          votes: z.number().int().min(1).max(100),
          role: z.enum(['president', 'secretary', 'delegate']).default('delegate'),
          inOffice: z.boolean().default(true),
          substitute: z.string().min(1).optional(),
          slackId: chatId.optional(),
          discordId: chatId.optional(),
        }),
      )
      .min(1),
    staff: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9-]+$/),
          name: z.string().min(1),
          role: z.literal('secretary').default('secretary'),
          slackId: chatId.optional(),
          discordId: chatId.optional(),
        }),
      )
      .default([]),
    contacts: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9-]+$/),
          name: z.string().min(1),
          member: z.string().nullable(),
          organisation: z.string().optional(),
          slackId: chatId.optional(),
          discordId: chatId.optional(),
        }),
      )
      .default([]),
    permissions: z
      .partialRecord(
        z.enum(['proxy.record', 'attendance.record', 'session.plan', 'journal.read', 'reminder.manage', 'vote.record']),
        z.array(z.enum(['president', 'secretary', 'delegate', 'mairie'])),
      )
      .default({}),
    /** `team`: the Slack workspace (team id, T…) this body serves; required when several bodies share the Slack app. */
    slack: z
      .strictObject({
        team: chatId.optional(),
        secretariatChannel: chatId.optional(),
        delegatesChannel: chatId.optional(),
      })
      .default({}),
    /** `guild`: the Discord server (guild id) this body serves; required when several bodies share the Discord bot. */
    discord: z
      .strictObject({
        guild: chatId.optional(),
        secretariatChannel: chatId.optional(),
        delegatesChannel: chatId.optional(),
      })
      .default({}),
    sessions: z
      .array(
        z.strictObject({
          date: dateField,
          time: wallTime,
          title: z.string().min(1).optional(),
          place: z.string().min(1),
          remote: z.boolean().default(false),
          convokedOn: dateField.optional(),
          president: z.string().optional(),
          secretary: z.string().optional(),
          closedAt: wallTime.optional(),
          prefecture: z.string().optional(),
          cancelled: z.boolean().default(false),
          urgency: z.boolean().default(false),
          convocationDays: z.number().int().min(1).max(30).optional(),
          secondConvocationOf: dateField.optional(),
          agenda: z
            .array(
              z.strictObject({
                kind: z.enum(['procedure', 'information', 'deliberation']),
                title: z.string().min(1),
                outcome: z.string().optional(),
                deliberation: z
                  .union([z.string().min(1), z.number().int().positive()])
                  .transform(String)
                  .optional(),
                vote: vote.optional(),
                secret: z.boolean().optional(),
              }),
            )
            .default([]),
          attendance: z
            .strictObject({
              salle: z.array(z.string()).default([]),
              distance: z.array(z.string()).default([]),
              excuse: z.array(z.string()).default([]),
              absent: z.array(z.string()).default([]),
              /** Titulaires replaced by their suppléant (who sits with their voix). */
              suppleant: z.array(z.string()).default([]),
            })
            .optional(),
          proxies: z
            .array(
              z.strictObject({
                holder: z.string(),
                giver: z.string(),
                /** Consecutive sessions covered, this one first (L2121-20: three at most, except illness). */
                sessions: z.number().int().min(1).max(12).default(1),
                illness: z.boolean().default(false),
              }),
            )
            .default([]),
        }),
      )
      .default([]),
    catalogue: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9-]+$/),
          name: z.string().min(1),
          aliases: z.array(z.string()).default([]),
          unit: z.string().default('agent'),
          includes: z.array(z.string()).default([]),
          commitments: z
            .array(z.strictObject({ what: z.string(), years: z.number().int().min(1).max(20) }))
            .default([]),
          freeFirstYear: z.boolean().default(false),
          installationBlock: z.number().int().positive().optional(),
          seatLimit: z.strictObject({ lessThan: z.number().int().positive(), source: z.string() }).optional(),
          notes: z.array(z.string()).default([]),
          noPrice: z.string().optional(),
          vatPercent: z.number().min(0).max(100).optional(),
          prices: z
            .array(
              z.strictObject({
                effective: dateField,
                deliberation: z.strictObject({ date: dateField, title: z.string() }),
                member: tariff.optional(),
                nonMember: tariff.optional(),
                all: tariff.optional(),
              }),
            )
            .default([]),
        }),
      )
      .default([]),
    reminders: z
      .strictObject({
        graceHours: z
          .number()
          .min(0)
          .max(24 * 7)
          .default(12),
        seminar: z
          .strictObject({
            title: z.string(),
            day: z
              .string()
              .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'jour attendu au format MM-JJ')
              .refine((md) => realDate(`2024-${md}`), 'jour inexistant au calendrier'),
            place: z.string().optional(),
            leadDays: z.array(z.number().int().min(0).max(365)).default([14, 7, 1]),
            time: wallTime.default('09:00'),
            to: z.array(z.enum(['delegates', 'secretariat'])).default(['delegates']),
          })
          .optional(),
        quorumAlert: z
          .strictObject({
            daysBefore: z.number().int().min(0).max(60).default(2),
            time: wallTime.default('09:00'),
          })
          .optional(),
      })
      .default({ graceHours: 12 }),
  });
}

let built: ReturnType<typeof buildConfigSchema> | undefined;

/** The schema of a body's YAML file. */
export function configSchema(): ReturnType<typeof buildConfigSchema> {
  return (built ??= buildConfigSchema());
}

export type RawConfig = z.infer<ReturnType<typeof buildConfigSchema>>;
