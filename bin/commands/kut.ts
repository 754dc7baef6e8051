// `kvmctl kut FILE`: run one kvm-unit-tests x86 image (multiboot ELF32) on kvmctl's engine, without QEMU.
import type { Argv } from 'yargs';
import { InputError } from '../../kvmctl/errors.js';
import { KUT_MAX_MEM } from '../../kvmctl/kut/cfg.js';
import type { KutPlan } from '../../kvmctl/kut/run-file.js';
import { DURATION_FORMS, parseDuration } from '../../kvmctl/util/duration.js';
import { parseSize } from '../../kvmctl/util/parse.js';
import type { Command } from './command.js';

export interface KutArgs {
  file: string;
  smp: string;
  mem: string;
  append?: string;
  env: string[];
  cpu?: string;
  timeout: string;
}

export const kutCommand: Command<KutArgs> = {
  name: 'kut',
  usage: 'kut <file>',
  describe: "run one kvm-unit-tests x86 image (multiboot ELF32, x86/*.flat) without QEMU; its serial output on stdout",
  exits: {
    0: 'the test passed (debug-exit status 1) or skipped (status 77)',
    1: 'the test failed (any other status, or no debug-exit write) or timed out',
    2: 'a bad flag, or an image that is not a multiboot ELF32 file or does not fit in --mem',
    3: 'this host cannot run guests: no usable /dev/kvm',
  },
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'a kvm-unit-tests image, such as x86/msr.flat' })
      .option('smp', { type: 'string', default: '1', describe: 'vCPUs (1 to 64); the others wait for INIT/SIPI' })
      .option('mem', { type: 'string', default: '128M', describe: 'guest RAM at GPA 0 (up to 3G)' })
      .option('append', { type: 'string', describe: "the test's arguments (QEMU's -append)" })
      .option('env', { type: 'string', array: true, default: [], describe: 'an environment variable K=V for the test (repeatable)' })
      .option('cpu', { type: 'string', describe: "QEMU's -cpu MODEL,+flag,-flag,vendor=X, as CPUID", defaultDescription: "KVM's supported CPUID" })
      .option('timeout', { type: 'string', default: '90', describe: 'seconds (or 500ms, 2m) before the test is stopped' }),
  handler: async (argv) => {
    const { runKutFile } = await import('../../kvmctl/kut/run-file.js');
    return runKutFile(parseKutArgs(argv));
  },
};

export function parseKutArgs(a: KutArgs): KutPlan {
  const vcpus = Number(a.smp);
  if (!/^\d+$/.test(a.smp) || vcpus < 1 || vcpus > 64) throw new InputError(`--smp: expected 1 to 64, got '${a.smp}'`);
  const memSize = parseSize(a.mem);
  if (memSize === undefined || memSize < 0x200000 || memSize % 4096 !== 0 || memSize > KUT_MAX_MEM)
    throw new InputError(`--mem: invalid size '${a.mem}' (a multiple of 4K from 2M to 3G, such as 128M)`);
  const timeoutMs = parseDuration(String(a.timeout));
  if (timeoutMs === undefined || timeoutMs <= 0) throw new InputError(`--timeout: expected a positive duration (${DURATION_FORMS}), got '${a.timeout}'`);
  const env = a.env.map((item): [string, string] => {
    const kv = /^([A-Za-z_][A-Za-z0-9_]*)=([^\n]*)$/.exec(item);
    if (!kv) throw new InputError(`--env: expected K=V (K a letter or _, then letters, digits, _), got '${item}'`);
    return [kv[1], kv[2]];
  });
  return { file: a.file, vcpus, memSize, append: a.append ?? '', env, cpu: a.cpu, timeoutMs };
}
