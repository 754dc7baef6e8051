// Host half of hyperv-enforce-cpuid: KVM_ENABLE_CAP(KVM_CAP_HYPERV_ENFORCE_CPUID, 1), a vCPU ioctl, at checkpoint 1.
import { CAPABILITIES } from '../../kvmctl/engine/abi/capabilities.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu }) {
    if (n === 1) vcpu.enableCap(CAPABILITIES.KVM_CAP_HYPERV_ENFORCE_CPUID, [1]);
  },
};
export default hooks;
