#!/usr/bin/env node
// The kvmctl command. Kept tiny: argument parsing and every command load lazily (start-up time
// matters inside `git bisect run` loops).

// `run` needs a worker thread; starting it first overlaps its boot with loading yargs.
if (process.argv[2] === 'run') (await import('../kvmctl/suite/prewarm.js')).prewarm();
const { main } = await import('./cli.js');
process.exitCode = await main(process.argv.slice(2));
