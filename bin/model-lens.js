#!/usr/bin/env node
// The `model-lens` command (npx model-lens …): runs the bundled CLI built into dist/cli.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  // A fresh clone has no build yet: say what to run instead of a module-not-found stack.
  process.stderr.write('model-lens: dist/cli.js is not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(2);
}
const { main } = require(cli);
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`model-lens: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
