/** @module What the Discord door needs to start, parsed once by the app from the environment and the config. */
import type { ChatChannels } from '../../core/door.ts';

export interface DiscordSettings {
  readonly token: string;
  readonly applicationId: string;
  /** Another REST base (tests: the fake Discord). */
  readonly apiUrl?: string;
  readonly channels: ChatChannels;
}
