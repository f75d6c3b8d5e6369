#!/usr/bin/env node
// The `teixit` command: runs the TypeScript sources through tsx, so `npm start` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
