// `kvmctl merge A.json B.json ...`: join the JSON results of shards into one.
import type { Argv } from 'yargs';
import type { Command } from './command.js';

export const mergeCommand: Command<{ files: string[]; output?: string; force: boolean }> = {
  name: 'merge',
  usage: 'merge <files..>',
  describe: 'merge the JSON results of shards into one JSON result',
  exits: {
    0: 'merged, and no test in the result failed',
    1: 'merged, and the result has a failure (fail, timeout, xpass or flaky), as run would have exited',
    2: 'a bad flag, a file that is not a kvmctl JSON result, a test in two files, or results of different hosts without --force',
  },
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'JSON results of `run --format json`' })
      .option('output', { type: 'string', describe: 'write to this file instead of stdout' })
      .option('force', { type: 'boolean', default: false, describe: 'merge results from hosts with different host keys' }),
  handler: async (argv) => {
    const { readResult, mergeResults, checkSameHost } = await import('../../kvmctl/report/results.js');
    const { writeFileSync } = await import('node:fs');
    if (argv.output !== undefined) (await import('../../kvmctl/util/output-file.js')).checkOutputFile('--output', argv.output);
    const files = argv.files.map(String);
    const parts = files.map(readResult);
    checkSameHost(files, parts, argv.force);
    const merged = mergeResults(parts);
    const text = JSON.stringify(merged, null, 2) + '\n';
    if (argv.output) writeFileSync(argv.output, text);
    else process.stdout.write(text);
    const s = merged.summary;
    process.stderr.write(`${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped\n`);
    return s.failed > 0 ? 1 : 0;
  },
};
