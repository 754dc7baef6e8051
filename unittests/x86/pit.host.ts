// Host half of pit: KVM_CREATE_PIT2 once the in-kernel irqchip exists (the PIT drives its GSI 0).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.createPit2();
  },
};
export default hooks;
