// Host half of irqfd: an eventfd bound to GSI 20 with KVM_IRQFD, signalled at checkpoint 1; at
// checkpoint 2 it is unbound (KVM_IRQFD_FLAG_DEASSIGN) and signalled again, which must inject nothing.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { eventfdWrite } from '../../kvmctl/engine/sys/libc.js';

const GSI = 20;
let fd = -1;

const hooks: HostHooks = {
  setup({ vm }) {
    fd = vm.eventfd();
    vm.irqfd(fd, GSI);
  },
  onCheckpoint(n, { vm }) {
    if (n === 1) eventfdWrite(fd);
    if (n === 2) {
      vm.irqfd(fd, GSI, { deassign: true });
      eventfdWrite(fd);
    }
  },
};
export default hooks;
