/**
 * @module Slack installed in several workspaces: Bolt's installation store kept in the bot's Store, so every
 * replica sees an installation the moment one of them finished the OAuth flow, and it survives restarts.
 * Installations belong to the deployment, not to a body: they live in the deployment's scope, keyed by team id
 * (or enterprise id for an organisation-wide install). An uninstall leaves a tombstone without any token, written
 * by compare-and-set so that a late uninstall (Slack retries events for an hour) never erases a newer install.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../../core/ports.ts';

/** The store scope of what belongs to the deployment rather than to one body (DEPLOYMENT_SCOPE of src/app/deployment.ts). */
export const DEPLOYMENT_SCOPE = '*deployment';

/** What one key holds: the installation, or the moment it was removed (no token kept). */
interface Stored {
  readonly installation?: Installation;
  /** Milliseconds since the epoch: when it was installed (last time), or removed. */
  readonly at: number;
}

const INDEX = 'slack:installations';

export interface SlackInstallations extends InstallationStore {
  /**
   * Removes the installation of this team (or enterprise) if it is older than `at` (the uninstall event's
   * time); true when one was removed.
   */
  remove(where: { teamId?: string; enterpriseId?: string }, at: number): Promise<boolean>;
  /** Keys of the workspaces (`T…`) and organisations (`enterprise:E…`) installed now. */
  installed(): Promise<string[]>;
  /** The bot token of a team's installation (or of its organisation's), if it is installed. */
  botTokenFor(teamId: string, enterpriseId?: string): Promise<string | undefined>;
}

const keyOf = (teamId: string | undefined, enterpriseId: string | undefined, enterprise: boolean) =>
  enterprise && enterpriseId ? `enterprise:${enterpriseId}` : teamId;

export function slackInstallations(deploymentStore: Store, now: () => number = Date.now): SlackInstallations {
  const store = deploymentStore;
  const read = async (key: string | undefined) =>
    key ? (await store.get<Stored>(`slack:installation:${key}`))?.installation : undefined;

  async function index(key: string, present: boolean): Promise<void> {
    await store.update<string[]>(INDEX, (cur) => {
      const keys = new Set(cur?.value ?? []);
      if (present === keys.has(key)) return undefined;
      if (present) keys.add(key);
      else keys.delete(key);
      return { value: [...keys].sort() };
    });
  }

  async function find(query: {
    teamId?: string;
    enterpriseId?: string;
    isEnterpriseInstall?: boolean;
  }): Promise<Installation | undefined> {
    const { teamId, enterpriseId } = query;
    // An organisation-wide install serves each of its workspaces; a workspace's own install comes first.
    return (
      (query.isEnterpriseInstall ? undefined : await read(teamId)) ??
      (enterpriseId ? await read(`enterprise:${enterpriseId}`) : undefined)
    );
  }

  return {
    async storeInstallation(installation) {
      const key = keyOf(installation.team?.id, installation.enterprise?.id, Boolean(installation.isEnterpriseInstall));
      if (!key) throw new Error('installation Slack sans équipe ni organisation');
      const at = now();
      await store.update<Stored>(`slack:installation:${key}`, () => ({ value: { installation, at } }));
      await index(key, true);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await find(query);
      // Bolt turns this into a failed authorization: the request is not handled for that workspace.
      if (!found) throw new Error(`Séance n'est pas installé dans l'espace ${query.teamId ?? query.enterpriseId}`);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await this.remove(query, now());
    },
    async remove(where, at) {
      let removed = false;
      for (const key of [where.teamId, where.enterpriseId && `enterprise:${where.enterpriseId}`]) {
        if (!key) continue;
        await store.update<Stored>(`slack:installation:${key}`, (cur) => {
          removed = false;
          if (!cur?.value.installation || cur.value.at > at) return undefined; // absent, or reinstalled since
          removed = true;
          return { value: { at } };
        });
        if (removed) {
          await index(key, false);
          return true;
        }
      }
      return false;
    },
    async installed() {
      return (await store.get<string[]>(INDEX)) ?? [];
    },
    async botTokenFor(teamId, enterpriseId) {
      return (await find({ teamId, enterpriseId }))?.bot?.token;
    },
  };
}
