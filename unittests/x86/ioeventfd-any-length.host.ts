// Host half of ioeventfd-any-length: a zero-length MMIO ioeventfd at 0x10000000, which must count the
// guest's four writes of 1, 2, 4 and 8 bytes; a zero-length one with datamatch is EINVAL.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { eventfdRead, SysError } from '../../kvmctl/engine/sys/libc.js';

let fd = -1;
let datamatch = '';

const hooks: HostHooks = {
  prepareVm(vm) {
    fd = vm.eventfd();
    vm.ioeventfd({ fd, addr: 0x10000000, len: 0 });
    const other = vm.eventfd();
    try {
      vm.ioeventfd({ fd: other, addr: 0x10000100, len: 0, datamatch: 1 });
      datamatch = 'succeeded';
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      datamatch = e.code;
    }
  },
  check(_outcome, { fail }) {
    if (datamatch !== 'EINVAL') fail(`KVM_IOEVENTFD with len 0 and datamatch: ${datamatch}, expected EINVAL`);
    const n = eventfdRead(fd);
    if (n !== 4n) fail(`zero-length eventfd of 0x10000000 counted ${n} writes, expected 4`);
  },
};
export default hooks;
