/**
 * @module Slack's side of `messageToLine`: message events arrive escaped, with the bot's mention (`<@U123>`)
 * in front when it was addressed; strip both, then use the core's shared rule.
 */
import { messageToLine as coreMessageToLine, type MessageLineOptions } from '../../core/message-line.ts';
import { unescapeSlack } from './block-kit.ts';

export type { MessageLineOptions };

export function messageToLine(raw: string, opts: MessageLineOptions): string | undefined {
  return coreMessageToLine(unescapeSlack(raw.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>[\s:,]*/, '')), opts);
}
