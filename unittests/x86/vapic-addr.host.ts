// Host half of vapic-addr: KVM_SET_VAPIC_ADDR on vCPU 0 before its first KVM_RUN, at a word in RAM that the
// guest reads and writes (0x3800).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  setup({ vcpu }) {
    vcpu.setVapicAddr(0x3800);
  },
};
export default hooks;
