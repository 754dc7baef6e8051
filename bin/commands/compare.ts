// `kvmctl compare A.json B.json`: what regressed, what got fixed, and what moved between skip and
// run between two runs (two kernels, say). Exits 1 on any regression.
import type { Argv } from 'yargs';
import type { Command } from './command.js';

export const compareCommand: Command<{ before: string; after: string; json: boolean }> = {
  name: 'compare',
  usage: 'compare <before> <after>',
  describe: 'compare two `run --format json` results; exit 1 on any regression',
  exits: {
    0: 'no regression',
    1: 'a regression: a test that passed in BEFORE does not in AFTER',
    2: 'a bad flag, or a file that is not a kvmctl JSON result',
  },
  builder: (y: Argv) =>
    y
      .positional('before', { type: 'string', describe: 'the baseline JSON result' })
      .positional('after', { type: 'string', describe: 'the JSON result to judge' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
  handler: async (argv) => {
    const { readResult, compareResults } = await import('../../kvmctl/report/results.js');
    const diff = compareResults(readResult(argv.before), readResult(argv.after));
    if (argv.json) process.stdout.write(JSON.stringify(diff, null, 2) + '\n');
    else {
      const section = (title: string, rows: Array<{ name: string; before: string; after: string }>) => {
        process.stdout.write(`${title}: ${rows.length}\n`);
        for (const r of rows) process.stdout.write(`  ${r.name}: ${r.before} -> ${r.after}\n`);
      };
      section('regressed', diff.regressed);
      section('fixed', diff.fixed);
      section('skip changed', diff.skipChanged);
      section('other changes', diff.changed);
      process.stdout.write(`only in before: ${diff.removed.join(' ') || '-'}\nonly in after: ${diff.added.join(' ') || '-'}\n`);
    }
    return diff.regressed.length > 0 ? 1 : 0;
  },
};
