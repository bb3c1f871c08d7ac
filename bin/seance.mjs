#!/usr/bin/env node
// `seance` on the PATH (npm link / npx seance): what `npm start` runs, the compiled bot (built again when a source changed).
await import('../scripts/start.mjs');
