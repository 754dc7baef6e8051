// Argument parsing (yargs) and dispatch. A command module describes its flags; its handler imports
// the library only when it runs, so `kvmctl --help` and bad flags never load the FFI.
import yargs, { type Argv } from 'yargs';
import { InputError } from '../kvmctl/errors.js';
import { kvmctlVersion } from '../kvmctl/version.js';
import { EXIT } from '../kvmctl/errors.js';
import { reportError } from './errors.js';
import { CLI_EXITS, exitCodesEpilog } from './commands/exit-codes.js';
import { commands } from './commands/index.js';

export async function main(args: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const parser = yargs(args)
    .scriptName('kvmctl')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'name a command: ' + commands.map((c) => c.name).join(', '))
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(kvmctlVersion())
    .epilog(exitCodesEpilog(CLI_EXITS))
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      // Throwing stops yargs before any handler runs.
      throw err ?? new InputError(`${msg.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')} (see kvmctl --help)`);
    })
    .exitProcess(false);
  for (const command of commands) {
    parser.command(
      command.usage,
      command.describe,
      (y: Argv) => command.builder(y).epilog(exitCodesEpilog(command.exits)),
      async (argv) => {
        try {
          code = await command.handler(argv as never);
        } catch (e) {
          code = reportError(e);
        }
      },
    );
  }
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e);
  }
  return code;
}
