// Host half of max-vcpus: KVM_CREATE_VCPU up to the VM's KVM_CAP_MAX_VCPUS, then one more.
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    const vm = system.createVm();
    try {
      const max = vm.checkExtension('KVM_CAP_MAX_VCPUS');
      const ids = system.checkExtension('KVM_CAP_MAX_VCPU_ID');
      if (max < 1 || max >= ids) return fail(`KVM_CAP_MAX_VCPUS ${max}, KVM_CAP_MAX_VCPU_ID ${ids}: expected 1 <= vCPUs < IDs`);
      for (let id = 0; id < max; id++) {
        const got = errnoOf(() => vm.createVcpu(id));
        if (got !== 'ok') return fail(`KVM_CREATE_VCPU(${id}), vCPU ${id + 1} of KVM_CAP_MAX_VCPUS ${max}: ${got}`);
      }
      const more = errnoOf(() => vm.createVcpu(max));
      if (more !== 'EINVAL') fail(`KVM_CREATE_VCPU(${max}) with ${max} vCPUs already (KVM_CAP_MAX_VCPUS ${max}): ${more}, expected EINVAL`);
    } finally {
      vm.close();
    }
  },
};
export default hooks;
