#!/usr/bin/env node
// `seance` on the PATH (npm link / npx seance): runs the TypeScript entry point through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
