#!/usr/bin/env node
/* The medallion CLI: runs the TypeScript sources through tsx (no build step needed). */
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `medallion: unexpected error: ${
        error && error.stack ? error.stack : String(error)
      }\n`,
    );
    process.exitCode = 1;
  },
);
