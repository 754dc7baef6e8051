// `kvmctl new NAME`: a unittest skeleton whose header documents every key; it passes as written.
import type { Argv } from 'yargs';
import { InputError } from '../../kvmctl/errors.js';
import type { Command } from './command.js';

export const newCommand: Command<{ name: string; mode: string; dir: string }> = {
  name: 'new',
  usage: 'new <name>',
  describe: 'create unittests/x86/NAME.S with a commented header to fill in',
  builder: (y: Argv) =>
    y
      .positional('name', { type: 'string', describe: 'test name: lower case, digits and dashes' })
      .option('mode', { choices: ['real', 'protected', 'long'], default: 'long', describe: 'CPU mode' })
      .option('dir', { type: 'string', default: 'unittests/x86', describe: 'folder for the new test' }),
  handler: async (argv) => {
    const { existsSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(argv.name)) throw new InputError(`new: invalid test name '${argv.name}' (lower case, digits and dashes)`);
    const file = join(argv.dir, `${argv.name}.S`);
    if (existsSync(file)) throw new InputError(`${file}: already exists`);
    mkdirSync(argv.dir, { recursive: true });
    writeFileSync(file, skeleton(argv.mode));
    process.stdout.write(`created ${file}; run it with: npx kvmctl run ${file}\n`);
    return 0;
  },
};

function skeleton(mode: string): string {
  return `/*
 * feature: KVM_EXIT_HLT - say here which ioctl or exit this test exercises, in one line
 * groups:  exits
 * mode:    ${mode}
 * timeout: 5
 *
 * # Uncomment and adapt what the test needs (the README lists every key):
 * #  requires: KVM_CAP_READONLY_MEM vendor=amd cpuid=avx
 * #  mem:      2M
 * #  slot:     1 gpa=0x40000000 size=64K readonly fill=0xaa
 * #  reg:      rbx=0x1234
 * #  sreg:     cr4=0x620
 * #  msr:      0x174=0x8
 * #  on:       checkpoint 1 => delete-slot 1
 * #  on:       in 0x60 => answer 0x1234
 * #  expect:   exit io out port=0x80 size=1 data=0x41
 * #  expect:   mem 0x2000 u32=0x12345678
 * #  expect:   console "hello"
 *
 * expect:  final hlt
 * expect:  regs rax=0x2a
 */
	.include "testdev.inc"

	mov	$42, %eax
	hlt
`;
}
