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
const prewarm = process.argv[2] === 'run' ? await import('../kvmctl/suite/prewarm.js') : undefined;
prewarm?.prewarm();
const { main } = await import('./cli.js');
process.exitCode = await main(process.argv.slice(2));
await prewarm?.discardPrewarmed(); // unused when the run stopped early (a bad flag or header)
