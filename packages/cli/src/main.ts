#!/usr/bin/env node
import { processIo } from './io.js';
import { run } from './run.js';

// The bin: the real process around `run()`. A server keeps the event loop alive on its own.
process.exitCode = await run(process.argv.slice(2), processIo());
