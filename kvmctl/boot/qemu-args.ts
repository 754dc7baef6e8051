// The QEMU command line for kvmctl's VM: no default devices, the kernel log on the first serial
// port, three virtio-serial ports for the command (control, stdout, stderr), and two 9p exports:
// the host's root (read-only), the current folder and kvmctl's cache (read-write).
import type { Accel } from './accel.js';

export interface QemuPlan {
  accel: Accel;
  /** TCG's threading: one thread for every vCPU, or one each (see hold-vm.s) */
  tcgThreads: 'single' | 'multi';
  cpu: string;
  smp: number;
  memMiB: number;
  kernel: string;
  initrd: string;
  cwd: string;
  /** kvmctl's assembler cache, shared read-write so the VM's runs reuse (and keep) its guests */
  cache?: string;
  verbose: boolean;
  /** unix socket paths that kvmctl listens on; QEMU connects to each */
  sockets: { console: string; ctl: string; out: string; err: string };
}

/** QEMU's option syntax doubles a comma inside a value. */
const optValue = (s: string): string => s.replace(/,/g, ',,');

export function qemuArgs(p: QemuPlan): string[] {
  // QEMU 7.2's multi-threaded TCG froze the VM's kernel at jump labels KVM flips on every VM
  // create and destroy (stale translated code); one TCG thread does not, and with several the
  // VM holds one VM open for the whole boot (hold-vm.s; see the README).
  const accel = p.accel === 'kvm' ? ['-accel', 'kvm'] : ['-accel', `tcg,thread=${p.tcgThreads}`];
  const append = [
    'console=ttyS0', 'panic=-1', 'oops=panic', 'mitigations=off', 'nokaslr', 'random.trust_cpu=on',
    p.verbose ? 'loglevel=7' : 'loglevel=4',
  ].join(' ');
  const chardev = (id: string, path: string) => ['-chardev', `socket,id=${id},path=${optValue(path)}`];
  const port = (id: string, name: string) => ['-device', `virtserialport,bus=vser.0,chardev=${id},name=${name}`];
  const fs = (id: string, path: string, tag: string, readonly: boolean) => [
    '-fsdev', `local,id=${id},path=${optValue(path)},security_model=none,multidevs=remap${readonly ? ',readonly=on' : ''}`,
    '-device', `virtio-9p-pci,fsdev=${id},mount_tag=${tag}`,
  ];
  return [
    '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot',
    ...accel, '-cpu', p.cpu, '-smp', String(p.smp), '-m', `${p.memMiB}M`,
    '-kernel', optValue(p.kernel), '-initrd', optValue(p.initrd), '-append', append,
    ...chardev('con', p.sockets.console), '-serial', 'chardev:con',
    '-device', 'virtio-serial-pci,id=vser',
    ...chardev('ctl', p.sockets.ctl), ...port('ctl', 'kvmctl.ctl'),
    ...chardev('out', p.sockets.out), ...port('out', 'kvmctl.out'),
    ...chardev('err', p.sockets.err), ...port('err', 'kvmctl.err'),
    ...fs('hostroot', '/', 'hostroot', true),
    ...(p.cwd === '/' ? [] : fs('cwd', p.cwd, 'cwd', false)),
    ...(p.cache ? fs('cache', p.cache, 'cache', false) : []),
  ];
}
