#!/usr/bin/env node
// The kvmctl command. Kept tiny: argument parsing and every command load lazily (start-up time
// matters inside `git bisect run` loops).

// A reader that goes away (`kvmctl run | head`) ends kvmctl quietly, with the shell's SIGPIPE status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141); // as a process killed by SIGPIPE would
    throw e;
  });
}

// `run` needs a worker thread; starting it first overlaps its boot with loading yargs.
if (process.argv[2] === 'run') (await import('../kvmctl/suite/prewarm.js')).prewarm();
const { main } = await import('./cli.js');
process.exitCode = await main(process.argv.slice(2));
