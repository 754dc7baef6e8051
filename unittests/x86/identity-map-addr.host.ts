// Host half of identity-map-addr: KVM_SET_IDENTITY_MAP_ADDR before and after a VM's first KVM_CREATE_VCPU.
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const ADDRESS = 0xfeffc000n; // below the IOAPIC and the LAPIC, clear of every slot

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    const vm = system.createVm();
    try {
      const before = errnoOf(() => vm.setIdentityMapAddr(ADDRESS));
      if (before !== 'ok') fail(`KVM_SET_IDENTITY_MAP_ADDR on a VM without vCPUs: ${before}, expected success`);
      vm.createVcpu(0);
      const after = errnoOf(() => vm.setIdentityMapAddr(ADDRESS));
      if (after !== 'EINVAL') fail(`KVM_SET_IDENTITY_MAP_ADDR once vCPU 0 exists: ${after}, expected EINVAL`);
    } finally {
      vm.close();
    }
  },
};
export default hooks;
