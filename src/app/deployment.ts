/**
 * @module Several bodies in one process: one `Bot` per body (its config, its view of the one store), one
 * Slack app and one Discord client for all of them. Each door reports where a request comes from (a Slack
 * team id, a Discord guild id, or nothing in a direct message) and `route` maps it to its body; a request
 * from a workspace or server no body is mapped to is refused in French and runs nothing. Each body gets its
 * own view of a shared door, posting to its own channels. One ticker serves the reminders of every body.
 */
import type { Actor } from '../core/command.ts';
import type { ChatChannels, Door, DoorHost, DoorName, Routed, Where } from '../core/door.ts';
import type { Clock, Logger, Store } from '../core/ports.ts';
import { reply, text } from '../core/reply.ts';
import { directoryOf, type AppConfig } from './accounts.ts';
import type { BodyConfig } from './bodies.ts';
import { createBot, type Bot, type BotDeps } from './build.ts';
import { createDeploymentReminders, type DeploymentReminders } from './deployment-reminders.ts';

/** The store scope of what belongs to the deployment, not to a body (Slack replay claims, reminder change marks). */
export const DEPLOYMENT_SCOPE = '*deployment';

export interface DeployedBody {
  readonly id: string;
  readonly config: AppConfig;
  readonly bot: Bot;
}

/**
 * A chat door serving every body; `forBody` gives one body a view of it that posts to that body's channels
 * (`space`: the body's workspace or server on that door, when the file names it).
 */
export interface SharedDoor extends Door {
  forBody?(host: DoorHost, channels: ChatChannels, space?: string): Door;
}

export interface Deployment {
  readonly bodies: readonly DeployedBody[];
  body(id: string): DeployedBody | undefined;
  readonly logger: Logger;
  /** The host a shared door starts on: it routes each request to its body (`DoorHost.route`). */
  hostFor(door: DoorName): DoorHost;
  /** A door started on `hostFor(door.name)`: every body gets its view of it. */
  addDoor(door: SharedDoor): void;
  readonly reminders: DeploymentReminders;
  stop(): Promise<void>;
}

export interface DeploymentDeps {
  readonly bodies: readonly BodyConfig[];
  /** The engine's store (any scope): each body gets `forBody(id)`. */
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly commands?: BotDeps['commands'];
  readonly reminders?: BotDeps['reminders'];
  /** Skip a body's reminder tick until it has something due (default: with several bodies). */
  readonly skipIdle?: boolean;
  /**
   * This process does not send reminders (a console beside the server): after each command, leave a mark in
   * the store so that the sending processes look at that body on their next tick.
   */
  readonly announceTurns?: boolean;
}

const SPACE_WORDS: Record<string, string> = { slack: 'Cet espace de travail Slack', discord: 'Ce serveur Discord' };
const SPACE_FIELD: Record<string, string> = { slack: 'slack.team', discord: 'discord.guild' };
const WHERE_TO_WRITE: Record<string, string> = {
  slack: "dans l'espace de travail Slack de l'organe concerné",
  discord: "dans le serveur Discord de l'organe concerné",
};

const refusal = (title: string, message: string) =>
  reply(title, [text(message)], { tone: 'error', visibility: 'ephemeral' });

/** With several bodies, every log line says which body it is about. */
function bodyLogger(logger: Logger, body: string): Logger {
  const tag = (data?: Record<string, unknown>) => ({ body, ...data });
  return {
    info: (msg, data) => logger.info(msg, tag(data)),
    warn: (msg, data) => logger.warn(msg, tag(data)),
    error: (msg, data) => logger.error(msg, tag(data)),
  };
}

export function createDeployment(deps: DeploymentDeps): Deployment {
  const several = deps.bodies.length > 1;
  let reminders: DeploymentReminders | undefined;
  const bodies: DeployedBody[] = deps.bodies.map(({ id, config }) => ({
    id,
    config,
    bot: createBot({
      config,
      store: deps.store.forBody(id),
      clock: deps.clock,
      logger: several ? bodyLogger(deps.logger, id) : deps.logger,
      ...(deps.commands ? { commands: deps.commands } : {}),
      ...(deps.reminders ? { reminders: deps.reminders } : {}),
      onTurn: async () => {
        reminders?.changed(id);
        // Only a sender that skips idle bodies reads the marks (several bodies).
        if (deps.announceTurns && several)
          await reminders
            ?.announce(id)
            .catch((e) => deps.logger.warn('could not mark a body changed', { body: id, error: String(e) }));
      },
    }),
  }));
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const shared: SharedDoor[] = [];
  const deploymentStore = deps.store.forBody(DEPLOYMENT_SCOPE);
  reminders = createDeploymentReminders({
    bodies,
    clock: deps.clock,
    logger: deps.logger,
    store: deploymentStore,
    skipIdle: deps.skipIdle ?? several,
  });

  const channelsOf = (b: DeployedBody, door: DoorName): ChatChannels => directoryOf(b.config).channels[door] ?? {};
  const spaceOf = (b: DeployedBody, door: DoorName) => directoryOf(b.config).spaces?.[door];
  const names = (list: readonly DeployedBody[]) => list.map((b) => `${b.config.body.name} (${b.id})`).join(', ');

  function route(door: DoorName, where: Where): Routed {
    const ok = (b: DeployedBody): Routed => ({ host: b.bot.hostFor(door), channels: channelsOf(b, door) });
    if (where.space !== undefined) {
      const mapped = bodies.find((b) => spaceOf(b, door) === where.space);
      if (mapped) return ok(mapped);
      // One body that names no workspace serves any (today's single-body installs).
      if (!several && !spaceOf(bodies[0]!, door)) return ok(bodies[0]!);
      deps.logger.warn('request from an unmapped workspace or server refused', { door, space: where.space });
      return {
        refusal: refusal(
          'Organe inconnu',
          `${SPACE_WORDS[door] ?? 'Cet espace'} (${where.space}) n'est rattaché à aucun organe de ce déploiement : rien n'a été fait. Le secrétariat peut le rattacher dans le fichier de l'organe (${SPACE_FIELD[door] ?? `${door}`}).`,
        ),
      };
    }
    if (!several) return ok(bodies[0]!);
    // A direct message: the body of the account that writes.
    const mine = bodies.filter((b) => directoryOf(b.config).accounts[door]?.[where.account]);
    if (mine.length === 1) return ok(mine[0]!);
    const there = WHERE_TO_WRITE[door] ?? "depuis l'organe concerné";
    return {
      refusal: mine.length
        ? refusal(
            'Plusieurs organes',
            `Vous siégez dans plusieurs organes : ${names(mine)}. Dans un message privé, le bot ne peut pas savoir lequel vous concerne : écrivez la commande ${there}. Rien n'a été fait.`,
          )
        : refusal(
            'Organe inconnu',
            `Votre compte n'est rattaché à aucun organe de ce déploiement (${names(bodies)}) : écrivez la commande ${there}, ou demandez au secrétariat d'ajouter votre identifiant dans le fichier de votre organe. Rien n'a été fait.`,
          ),
    };
  }

  function hostFor(door: DoorName): DoorHost {
    if (!several) return { ...bodies[0]!.bot.hostFor(door), route: (where) => route(door, where) };
    const first = bodies[0]!.bot;
    const stranger = (account: string): Actor => ({ name: `utilisateur ${account}`, role: 'reader', door });
    // Requests are routed before they run; this host only holds what is the deployment's (replay claims).
    return {
      commands: first.dispatcher.commands,
      logger: deps.logger,
      store: deploymentStore,
      route: (where) => route(door, where),
      async run(turn) {
        const refused = refusal('Organe inconnu', "Cette demande n'est rattachée à aucun organe : rien n'a été fait.");
        await turn.answer(refused);
        return refused;
      },
      context: (actor) => first.dispatcher.context(actor),
      actorFor: stranger,
      accountOf: () => undefined,
    };
  }

  return {
    bodies,
    body: (id) => byId.get(id),
    logger: deps.logger,
    hostFor,
    addDoor(door) {
      shared.push(door);
      for (const b of bodies)
        b.bot.addDoor(
          door.forBody ? door.forBody(b.bot.hostFor(door.name), channelsOf(b, door.name), spaceOf(b, door.name)) : door,
        );
    },
    reminders,
    async stop() {
      await reminders.stop();
      for (const door of shared.splice(0)) await door.stop().catch(() => undefined);
      for (const b of bodies) await b.bot.stop();
    },
  };
}
