// The shape every CLI command module exports.
import type { Argv } from 'yargs';

export interface Command<A = Record<string, unknown>> {
  name: string;
  usage: string;
  describe: string;
  builder: (y: Argv) => Argv;
  /** Returns the process exit code; throws InputError (2) or HostError (3) for the documented failures. */
  handler: (argv: A) => Promise<number>;
}
