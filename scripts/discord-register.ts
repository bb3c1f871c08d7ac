/** @module `npm run discord:register`: registers the bot's slash commands with Discord (global, or DISCORD_GUILD_ID). */
import { registerFromEnv } from '../src/adapters/discord/register.ts';
import { commands } from '../src/commands/index.ts';

process.exitCode = await registerFromEnv(
  process.env,
  commands,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
