#!/usr/bin/env node
// The kvmctl command. Kept tiny: argument parsing and every command load lazily (start-up time
// matters inside `git bisect run` loops).
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
