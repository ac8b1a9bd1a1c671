#!/usr/bin/env node
// The `model-lens` command (npx model-lens …): runs the bundled CLI built into dist/cli.js.
'use strict';
const path = require('node:path');
const { main } = require(path.join(__dirname, '..', 'dist', 'cli.js'));
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`model-lens: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
