/** @module What the Slack door needs to start, parsed once by the app from the environment and the config. */
import type { ChatChannels } from '../../core/door.ts';

export interface SlackSettings {
  readonly botToken: string;
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
