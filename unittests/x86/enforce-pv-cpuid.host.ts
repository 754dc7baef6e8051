// Host half of enforce-pv-cpuid: KVM_ENABLE_CAP(KVM_CAP_ENFORCE_PV_FEATURE_CPUID, 1), a vCPU ioctl, at checkpoint 1.
import { CAPABILITIES } from '../../kvmctl/engine/abi/capabilities.js';
import { IOCTLS } from '../../kvmctl/engine/abi/ioctls.js';
import { kvm_enable_cap } from '../../kvmctl/engine/abi/structs.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu }) {
    if (n === 1) vcpu.ioctl(IOCTLS.KVM_ENABLE_CAP, kvm_enable_cap.buffer({ cap: CAPABILITIES.KVM_CAP_ENFORCE_PV_FEATURE_CPUID, flags: 0, args_0: 1n }));
  },
};
export default hooks;
