// The exit codes --help states: each command lists its own (Command.exits), and `kvmctl --help`
// every one. The README's sections say the same, held to it by bin/readme-help.test.ts.
import { EXIT } from '../../kvmctl/errors.js';

export type ExitCodes = Readonly<Record<number, string>>;

/** Every code kvmctl exits with, as the README's table gives them. */
export const CLI_EXITS: ExitCodes = {
  [EXIT.ok]: 'success (for run: every selected test passed; skips and known failures allowed)',
  [EXIT.failed]: 'a failure: a test, an exec expectation, a compare regression, a merged result',
  [EXIT.input]: 'usage or input error: a bad flag, header, assembly or JSON result',
  [EXIT.host]: 'this host cannot run tests: no usable /dev/kvm',
  [EXIT.bisectSkip]: 'only with --bisect: nothing could be tested',
  130: 'interrupted by SIGINT',
  141: 'the reader of stdout went away',
  143: 'interrupted by SIGTERM',
};

export const exitCodesEpilog = (codes: ExitCodes): string =>
  ['Exit codes:', ...Object.entries(codes).map(([code, meaning]) => `  ${code.padStart(3)}  ${meaning}`)].join('\n');
