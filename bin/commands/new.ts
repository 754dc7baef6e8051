// `kvmctl new NAME`: a unittest skeleton whose header shows every key (kvmctl/harness/skeleton.ts); it
// passes as written.
import type { Argv } from 'yargs';
import { InputError } from '../../kvmctl/errors.js';
import { MODES, type Mode } from '../../kvmctl/machine/layout.js';
import type { Command } from './command.js';

export const newCommand: Command<{ name: string; mode: Mode; dir: string }> = {
  name: 'new',
  usage: 'new <name>',
  describe: 'create unittests/x86/NAME.S with a commented header to fill in',
  exits: { 0: 'created', 2: 'a bad flag or name, a test that exists, or a folder that cannot be written' },
  builder: (y: Argv) =>
    y
      .positional('name', { type: 'string', describe: 'test name: lower case, digits and dashes' })
      .option('mode', { choices: MODES as Mode[], default: 'long' as Mode, describe: 'CPU mode' })
      .option('dir', { type: 'string', default: 'unittests/x86', describe: 'folder for the new test' }),
  handler: async (argv) => {
    const { existsSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { dirname, join, resolve } = await import('node:path');
    const { skeleton } = await import('../../kvmctl/harness/skeleton.js');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(argv.name)) throw new InputError(`new: invalid test name '${argv.name}' (lower case, digits and dashes)`);
    const file = join(argv.dir, `${argv.name}.S`);
    if (existsSync(file)) throw new InputError(`${file}: already exists`);
    try {
      // Each missing folder in turn: Node's recursive mkdir loops forever where mkdir says ENOENT
      // below a folder that exists (/proc/x).
      const missing: string[] = [];
      for (let d = resolve(argv.dir); !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
      for (const d of missing) mkdirSync(d);
      writeFileSync(file, skeleton(argv.mode), { flag: 'wx' });
    } catch (e) {
      // a folder kvmctl may not write is the user's input, not an internal error
      throw new InputError(`${file}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    process.stdout.write(`created ${file}; run it with: npx kvmctl run ${file}\n`);
    return 0;
  },
};
