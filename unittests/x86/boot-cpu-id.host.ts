// Host half of boot-cpu-id: KVM_SET_BOOT_CPU_ID(1), which only works before the first KVM_CREATE_VCPU.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.setBootCpuId(1);
  },
};
export default hooks;
