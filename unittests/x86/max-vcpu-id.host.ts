// Host half of max-vcpu-id: KVM_CREATE_VCPU at the last ID KVM_CAP_MAX_VCPU_ID allows, and one past it.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { SysError } from '../../kvmctl/engine/sys/libc.js';

const hooks: HostHooks = {
  check(_outcome, { system, vm, fail }) {
    const max = system.checkExtension('KVM_CAP_MAX_VCPU_ID');
    if (max < 2) return fail(`KVM_CAP_MAX_VCPU_ID is ${max}, expected at least 2`);
    try {
      vm.createVcpu(max - 1);
    } catch (e) {
      return fail(`KVM_CREATE_VCPU(${max - 1}), below KVM_CAP_MAX_VCPU_ID ${max}: ${(e as Error).message}`);
    }
    let got = 'succeeded';
    try {
      vm.createVcpu(max);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      got = e.code;
    }
    if (got !== 'EINVAL') fail(`KVM_CREATE_VCPU(${max}), KVM_CAP_MAX_VCPU_ID itself: ${got}, expected EINVAL`);
  },
};
export default hooks;
