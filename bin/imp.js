#!/usr/bin/env node
// The CLI is bundled (scripts/build.mjs): once whole, and once per top-level command, so that
// `imp query` loads a few files, not the whole CLI's chunks (src/cli/route.ts says why).
import { entryFor } from '../dist/cli/route.js';

await import(new URL(entryFor(process.argv.slice(2)), new URL('../dist/cli/', import.meta.url)).href);
