#!/usr/bin/env node
// A line whose command is certain runs from that command's own bundle, through V8's code cache;
// any other line, or any line when there is no cache, from the whole CLI (src/cli/route.ts and
// src/cli/code-cache.ts say why).
import { fileURLToPath } from 'node:url';
import { runBundle } from '../dist/cli/code-cache.js';
import { routeOf } from '../dist/cli/route.js';

const name = routeOf(process.argv.slice(2));
const bundle = name && fileURLToPath(new URL(`../dist/cli-${name}/entry.cjs`, import.meta.url));
if (!bundle || runBundle(bundle) === undefined) await import('../dist/cli/entry.js');
