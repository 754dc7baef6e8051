// kvmctl's initramfs for the VM: a static busybox, the init and start scripts, the kernel modules
// init loads (in order), and the command as data files.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { HostError } from '../errors.js';
import { CpioWriter } from './cpio.js';
import { INIT, START, kvmctlWrapper } from './guest-init.js';
import { BASE_MODULES, KVM_MODULES, loadOrder, type ModuleTree } from './modules.js';

export interface InitramfsPlan {
  busybox: string;
  /** the kernel's modules, or none when everything is built in */
  modules?: ModuleTree;
  cwd: string;
  /** kvmctl's assembler cache folder, mounted at the same path inside */
  cache?: string;
  argv: string[];
  env: Record<string, string>;
  /** the node binary and kvmctl's CLI script, for the kvmctl wrapper on PATH inside */
  node: string;
  kvmctlScript: string;
  /** hold-vm, which keeps one VM open for the whole boot (multi-threaded TCG) */
  holdVm?: Buffer;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function buildInitramfs(plan: InitramfsPlan): Buffer {
  const cpio = new CpioWriter();
  for (const d of ['bin', 'dev', 'modules', 'kvmctl', 'kvmctl/bin']) cpio.dir(d);
  cpio.charDevice('dev/console', 5, 1);
  cpio.file('bin/busybox', readFileSync(plan.busybox), 0o755);
  cpio.file('init', INIT, 0o755);
  cpio.file('kvmctl/start', START, 0o644);
  if (plan.holdVm) cpio.file('kvmctl/hold-vm', plan.holdVm, 0o755);
  cpio.file('kvmctl/bin/kvmctl', kvmctlWrapper(plan.node, plan.kvmctlScript), 0o755);
  cpio.file('kvmctl/cwd', plan.cwd);
  if (plan.cache) cpio.file('kvmctl/cache', plan.cache);
  plan.argv.forEach((a, i) => cpio.file(`kvmctl/arg${i}`, a));
  Object.entries(plan.env)
    .filter(([k]) => ENV_NAME.test(k))
    .forEach(([k, v], i) => cpio.file(`kvmctl/env${i}`, `${k}=${v}`));

  const packed = new Set<string>();
  const list = (names: readonly string[], required: boolean): string => {
    if (!plan.modules) return '';
    const { files, missing } = loadOrder(plan.modules, names);
    if (required && missing.length) {
      throw new HostError(`the kernel's modules (${plan.modules.dir}) have neither built in nor as modules: ${missing.join(', ')}; kvmctl vm needs virtio-pci, 9p over virtio, virtio-console and overlayfs`);
    }
    const flat = files.map((f) => basename(f));
    for (const [i, f] of files.entries()) {
      if (packed.has(flat[i])) continue;
      packed.add(flat[i]);
      cpio.file(`modules/${flat[i]}`, readFileSync(join(plan.modules.dir, f)));
    }
    // init stops at a `missing NAME` line and reports it.
    return [...flat, ...missing.map((m) => `missing ${m}`)].join('\n') + '\n';
  };
  cpio.file('kvmctl/modules-base', list(BASE_MODULES, true));
  // A kernel without KVM for this CPU is found inside, where init says `nokvm` with the reason.
  cpio.file('kvmctl/modules-svm', list(KVM_MODULES.svm, false));
  cpio.file('kvmctl/modules-vmx', list(KVM_MODULES.vmx, false));
  return cpio.finish();
}
