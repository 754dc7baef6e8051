// Host half of irqfd-resample: an irqfd on GSI 20 with a resamplefd (KVM_IRQFD_FLAG_RESAMPLE). The
// resamplefd stays 0 until the guest EOIs the level interrupt, and is 1 after it.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { eventfdRead, eventfdWrite } from '../../kvmctl/engine/sys/libc.js';

const GSI = 20;
let fd = -1;
let resamplefd = -1;

const hooks: HostHooks = {
  setup({ vm }) {
    fd = vm.eventfd();
    resamplefd = vm.eventfd();
    vm.irqfd(fd, GSI, { resamplefd });
  },
  onCheckpoint(n, { fail }) {
    if (n === 1) {
      const before = eventfdRead(resamplefd);
      if (before !== 0n) fail(`resamplefd before the interrupt: ${before}, expected 0`);
      eventfdWrite(fd);
    }
    if (n === 2) {
      const after = eventfdRead(resamplefd);
      if (after !== 1n) fail(`resamplefd after the guest's EOI: ${after}, expected 1`);
    }
  },
};
export default hooks;
