// `kvmctl vm [options] [-- COMMAND ARGS…]`: boot a kernel under QEMU and run COMMAND inside it
// (default: `kvmctl run`), against that kernel's own KVM. See kvmctl/boot/.
import type { Argv } from 'yargs';
import { InputError } from '../../kvmctl/errors.js';
import { DURATION_FORMS, parseDuration } from '../../kvmctl/util/duration.js';
import { parseSize } from '../../kvmctl/util/parse.js';
import type { VmPlan } from '../../kvmctl/boot/run-vm.js';
import type { Command } from './command.js';

export interface VmArgs {
  kernel?: string;
  modules?: string;
  accel: 'auto' | 'kvm' | 'tcg';
  cpu?: string;
  smp: number;
  mem: string;
  qemu?: string;
  'tcg-threads': 'single' | 'multi';
  'boot-timeout': string;
  timeout: string;
  'freeze-timeout': string;
  verbose: boolean;
  bisect: boolean;
  _: (string | number)[];
  '--'?: (string | number)[];
}


export const vmCommand: Command<VmArgs> = {
  name: 'vm',
  usage: 'vm [options] [-- command args...]',
  describe: "boot a kernel under QEMU and run a command inside it against that kernel's KVM (default: kvmctl run)",
  exits: {
    0: "COMMAND succeeded (COMMAND's own exit code is passed on, whatever it is)",
    1: 'also: COMMAND still running at --timeout (the kernel alive)',
    2: 'also: a bad flag',
    3: "the VM failed: no kernel, QEMU or busybox, a kernel that does not boot or freezes, no KVM inside",
    125: 'only with --bisect: the VM failed (in place of 3)',
    130: 'interrupted by SIGINT; QEMU stopped',
    143: 'interrupted by SIGTERM; QEMU stopped',
  },
  builder: (y: Argv) =>
    y
      .option('kernel', { type: 'string', describe: 'kernel image (bzImage or vmlinuz)', defaultDescription: "the running kernel's /boot/vmlinuz-$(uname -r) if readable, else the newest /boot/vmlinuz-* with its /lib/modules" })
      .option('modules', { type: 'string', describe: "the kernel's modules: a folder with modules.dep, or an INSTALL_MOD_PATH" })
      .option('accel', { choices: ['auto', 'kvm', 'tcg'] as const, default: 'auto' as const, describe: 'KVM when nested virtualization is offered, else TCG' })
      .option('cpu', { type: 'string', describe: "QEMU's -cpu", defaultDescription: 'host with KVM, max with TCG' })
      .option('smp', { type: 'number', default: 2, describe: 'vCPUs of the VM (1 to 64)' })
      .option('mem', { type: 'string', default: '2G', describe: 'memory of the VM, at least 256M (512M, 2G)' })
      .option('qemu', { type: 'string', describe: 'the QEMU binary', defaultDescription: 'qemu-system-x86_64 on PATH or in /usr/libexec, else qemu-kvm' })
      .option('tcg-threads', { choices: ['single', 'multi'] as const, default: 'multi' as const, describe: "TCG's threads: one for all vCPUs, or one each (then the VM holds a VM open all along)" })
      .option('boot-timeout', { type: 'string', default: '60', describe: 'seconds (or 500ms, 2m) from QEMU start to the command' })
      .option('timeout', { type: 'string', default: '3600', describe: 'seconds the command may run; 0 for no limit' })
      .option('freeze-timeout', { type: 'string', default: '30', describe: "seconds without the VM's heartbeat before its kernel counts as frozen" })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: "show the VM's kernel log on stderr" })
      .option('bisect', { type: 'boolean', default: false, describe: 'exit 125 when the VM fails, so git bisect run skips the commit' }),
  handler: async (argv) => {
    const plan = parseVmArgs(argv);
    const { runVm } = await import('../../kvmctl/boot/run-vm.js');
    return runVm(plan);
  },
};

/** A flag given twice is an array to yargs: as in most tools, the last one wins. */
const last = <T>(v: T | T[]): T => (Array.isArray(v) ? v[v.length - 1] : v);

export function parseVmArgs(raw: VmArgs): VmPlan {
  const a = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, k === '_' || k === '--' ? v : last(v)])) as unknown as VmArgs;
  const duration = (flag: string, text: string, zeroOk = false): number => {
    const ms = parseDuration(String(text));
    if (ms === undefined || (!zeroOk && ms <= 0)) throw new InputError(`--${flag}: expected a ${zeroOk ? '' : 'positive '}duration (${DURATION_FORMS}), got '${text}'`);
    return ms;
  };
  const mem = parseSize(String(a.mem));
  if (mem === undefined || mem < 256 * 1024 * 1024) throw new InputError(`--mem: expected a size of at least 256M (512M, 2G), got '${a.mem}'`);
  if (!Number.isInteger(a.smp) || a.smp < 1 || a.smp > 64) throw new InputError(`--smp: expected 1 to 64 vCPUs, got '${a.smp}'`);
  // yargs leaves what follows `--` in argv._ after the command's own name.
  const rest = (a['--'] ?? a._.slice(1)).map(String);
  return {
    kernel: a.kernel,
    modules: a.modules,
    accel: a.accel,
    cpu: a.cpu,
    smp: a.smp,
    memMiB: Math.floor(mem / (1024 * 1024)),
    qemu: a.qemu,
    tcgThreads: a['tcg-threads'],
    bootTimeoutMs: duration('boot-timeout', a['boot-timeout']),
    commandTimeoutMs: duration('timeout', a.timeout, true),
    freezeMs: duration('freeze-timeout', a['freeze-timeout']),
    verbose: a.verbose,
    bisect: a.bisect,
    command: rest.length ? rest : ['kvmctl', 'run'],
  };
}
