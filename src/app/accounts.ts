/**
 * @module People's accounts on the doors, outside the domain model: a delegate is a person with voix, a Slack
 * or Discord id is an account of that person on a door. Parsed once from the config file (the roster, staff
 * and contacts entries may carry `slackId` / `discordId`) together with each door's channels.
 */
import type { Actor } from '../core/command.ts';
import type { Config } from '../core/config.ts';
import type { ChatChannels, DoorName } from '../core/door.ts';
import { delegateName } from '../core/config.ts';
import { matchByName } from '../core/text/match.ts';

/** Who an account belongs to: a delegate of the roster, a staff member or a mairie contact (by id). */
export interface AccountOwner {
  readonly kind: 'delegate' | 'staff' | 'contact';
  readonly id: string;
}

/** What the config file says about the doors: accounts (door → account id → owner) and channels. */
export interface DoorDirectory {
  readonly accounts: Readonly<Record<DoorName, Readonly<Record<string, AccountOwner>>>>;
  readonly channels: Readonly<Record<DoorName, ChatChannels>>;
  /** The workspace or server each door serves this body from (Slack team id, Discord guild id), when set. */
  readonly spaces?: Readonly<Record<DoorName, string>>;
}

/** The loaded config: the core's `Config` plus what only the app and the doors need. */
export type AppConfig = Config & {
  readonly doors: DoorDirectory;
  /** `body.id` as the file writes it (see src/app/bodies.ts for the id a body gets without one). */
  readonly declaredId?: string;
};

export const emptyDirectory: DoorDirectory = { accounts: {}, channels: {} };

/** The directory of a config loaded by src/app/load-config.ts, or an empty one for a config built by hand. */
export const directoryOf = (config: Config): DoorDirectory => (config as Partial<AppConfig>).doors ?? emptyDirectory;

/** The actor behind an account of `door`; someone the config does not know may only read. */
export function actorForAccount(config: Config, door: DoorName, accountId: string, displayName?: string): Actor {
  const owner = directoryOf(config).accounts[door]?.[accountId];
  if (owner?.kind === 'delegate') {
    const d = config.roster.find((x) => x.id === owner.id);
    if (d) return { name: delegateName(d), role: d.role, door, delegate: d, userId: accountId };
  }
  if (owner) {
    const p = (owner.kind === 'staff' ? config.staff : config.contacts).find((x) => x.id === owner.id);
    if (p) return { name: p.name, role: p.role, door, person: p, userId: accountId };
  }
  return {
    name: displayName ? `${displayName} (non identifié)` : `utilisateur ${accountId}`,
    role: 'reader',
    door,
    userId: accountId,
  };
}

/** A delegate's account on `door`, for direct messages. */
export function accountOfDelegate(config: Config, door: DoorName, delegateId: string): string | undefined {
  const accounts = directoryOf(config).accounts[door] ?? {};
  for (const [account, owner] of Object.entries(accounts))
    if (owner.kind === 'delegate' && owner.id === delegateId) return account;
  return undefined;
}

/** Resolves a person by name (console `--as`): a delegate, a staff member or a mairie contact. */
export function actorByName(config: Config, name: string, door: DoorName = 'console'): Actor | undefined {
  const people = [
    ...config.roster.map((d) => ({
      keys: d.keys,
      actor: { name: delegateName(d), role: d.role, door, delegate: d } as Actor,
    })),
    ...[...config.staff, ...config.contacts].map((p) => ({
      keys: [p.name, p.id],
      actor: { name: p.name, role: p.role, door, person: p } as Actor,
    })),
  ];
  const m = matchByName(name, people);
  return m.kind === 'found' ? m.item.actor : undefined;
}
