// Host half of hyperv-eventfd: KVM_HYPERV_EVENTFD binds connection 5 to an eventfd, which counts the guest's
// HvSignalEvent calls of 5 until the host deassigns it; the ioctl's own errors (EEXIST, EINVAL, ENOENT).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import type { Vm } from '../../kvmctl/engine/kvm/vm.js';
import { eventfdRead, SysError } from '../../kvmctl/engine/sys/libc.js';

const CONN = 5;
let fd = -1;

/** The errno `call` fails with, or 'success'. */
function errnoOf(call: () => void): string {
  try {
    call();
    return 'success';
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    return e.code;
  }
}

function expectErrno(what: string, call: () => void, want: string, fail: (m: string) => void): void {
  const got = errnoOf(call);
  if (got !== want) fail(`${what}: ${got}, expected ${want}`);
}

function expectCount(when: string, want: bigint, fail: (m: string) => void): void {
  const n = eventfdRead(fd);
  if (n !== want) fail(`eventfd of connection ${CONN} ${when}: ${n}, expected ${want}`);
}

const hooks: HostHooks = {
  prepareVm(vm: Vm) {
    fd = vm.eventfd();
    vm.hypervEventfd(CONN, fd);
  },
  onCheckpoint(n, { vm, fail }) {
    if (n === 1) {
      expectCount('after two HvSignalEvent calls', 2n, fail);
      expectErrno(`KVM_HYPERV_EVENTFD of connection ${CONN} again`, () => vm.hypervEventfd(CONN, vm.eventfd()), 'EEXIST', fail);
      expectErrno('KVM_HYPERV_EVENTFD of connection 0x1000000', () => vm.hypervEventfd(0x1000000, vm.eventfd()), 'EINVAL', fail);
    }
    if (n === 2) {
      expectCount(`after HvSignalEvent of connection ${CONN + 1}`, 0n, fail);
      vm.hypervEventfd(CONN, fd, { deassign: true });
      expectErrno(`KVM_HYPERV_EVENTFD_DEASSIGN of connection ${CONN} again`, () => vm.hypervEventfd(CONN, fd, { deassign: true }), 'ENOENT', fail);
    }
  },
  check(_outcome, { fail }) {
    expectCount('after it was deassigned and signalled', 0n, fail);
  },
};
export default hooks;
