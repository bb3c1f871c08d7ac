/** @module What the Slack door needs to start, parsed once by the app from the environment and the config. */
import type { ChatChannels } from '../../core/door.ts';

/** Installation in several workspaces (Bolt's OAuth flow on `/slack/install` and `/slack/oauth_redirect`). */
export interface SlackOAuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the OAuth `state` (no server-side state: any replica can finish an install another one began). */
  readonly stateSecret: string;
}

export interface SlackSettings {
  /** Single-workspace mode. Absent in OAuth mode, where each workspace's token comes from its installation. */
  readonly botToken?: string;
  readonly oauth?: SlackOAuthSettings;
  /** HTTP mode (Events API on `/slack/events`): requests are verified with it. */
  readonly signingSecret?: string;
  /** Socket Mode: no public URL, no signing secret. Takes precedence over HTTP when set. */
  readonly appToken?: string;
  /** Another Web API base (tests: the fake Slack), ending with `/`. */
  readonly apiUrl?: string;
  /** HTTP port (mode HTTP only). */
  readonly port: number;
  readonly channels: ChatChannels;
}
