#!/usr/bin/env node
// The start-up path (entry, command declarations, commander) is bundled into one file:
// Node 20 spends more time resolving many small ES modules than running them.
import '../dist/cli/entry.js';
