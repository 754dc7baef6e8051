// Host half of msr-userspace-exit: KVM_X86_SET_MSR_FILTER before the vCPUs exist, denying reads and
// writes of IA32_SYSENTER_CS (a 0 bit denies) and allowing every MSR outside the range.
import { MSR_FILTER } from '../../kvmctl/engine/abi/vcpu-state.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.setMsrFilter(MSR_FILTER.DEFAULT_ALLOW, [
      { flags: MSR_FILTER.READ | MSR_FILTER.WRITE, base: 0x174, nmsrs: 1, bitmap: new Uint8Array([0]) },
    ]);
  },
};
export default hooks;
