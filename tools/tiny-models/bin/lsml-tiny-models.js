#!/usr/bin/env node
// A committed shim, so installing the workspace links this bin before dist/ is built (pnpm
// warns about a bin whose file is missing). It runs the built CLI.
await import('../dist/cli.js');
