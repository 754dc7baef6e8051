// Host half of hyperv-synic2: KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC2) on vCPU 0 before the run; with args[0] = 1
// (no flags are defined) it is EINVAL.
import { CAPABILITIES } from '../../kvmctl/engine/abi/capabilities.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { SysError } from '../../kvmctl/engine/sys/libc.js';

const hooks: HostHooks = {
  setup({ vcpu, fail }) {
    try {
      vcpu.enableCap(CAPABILITIES.KVM_CAP_HYPERV_SYNIC2, [1]);
      fail('KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC2) with args[0] = 1 succeeded, expected EINVAL');
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      if (e.code !== 'EINVAL') fail(`KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC2) with args[0] = 1: ${e.code}, expected EINVAL`);
    }
    vcpu.enableCap(CAPABILITIES.KVM_CAP_HYPERV_SYNIC2);
  },
};
export default hooks;
