/** Prints the Slack app manifest generated from the command declarations: `npm run slack:manifest [-- --url URL] [--socket] [--json]`. */
import { stringify } from 'yaml';
import { slackManifest } from '../src/adapters/slack/manifest.ts';
import { commands } from '../src/commands/index.ts';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const manifest = slackManifest(commands, { url: value('--url'), name: value('--name'), socketMode: flag('--socket') });
process.stdout.write(flag('--json') ? `${JSON.stringify(manifest, null, 2)}\n` : stringify(manifest, { lineWidth: 0 }));
