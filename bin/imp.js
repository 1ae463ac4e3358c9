#!/usr/bin/env node
// CommonJS (bin/package.json), like dist/cli/start.cjs: src/cli/start.ts says why.
const path = require('node:path');

require('../dist/cli/start.cjs').start(process.argv.slice(2), path.join(__dirname, '..', 'dist'));
