// The shape every CLI command module exports.
import type { Argv } from 'yargs';
import type { ExitCodes } from './exit-codes.js';

export interface Command<A = Record<string, unknown>> {
  name: string;
  usage: string;
  describe: string;
  builder: (y: Argv) => Argv;
  /** The codes the handler ends with and what each means here; --help and the README list them. */
  exits: ExitCodes;
  /** Returns the process exit code; throws InputError (2) or HostError (3) for the documented failures. */
  handler: (argv: A) => Promise<number>;
}
