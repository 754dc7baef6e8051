// `kvmctl coverage`: every capability this host reports and every ioctl kvmctl knows, beside the unittests
// that assert it, and the share of the testable capabilities covered.
import type { Argv } from 'yargs';
import type { Command } from './command.js';

export const coverageCommand: Command<{ json: boolean }> = {
  name: 'coverage',
  usage: 'coverage',
  describe: "show which unittests exercise each capability this host reports and each ioctl kvmctl knows, and the share of testable capabilities covered",
  exits: { 0: 'shown', 2: 'a bad flag, or a malformed test in the suite', 3: 'no usable /dev/kvm' },
  builder: (y: Argv) => y.option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
  handler: async (argv) => {
    const { coverageOutput } = await import('../../kvmctl/coverage/coverage.js');
    process.stdout.write(coverageOutput({ json: argv.json }));
    return 0;
  },
};
