// Host half of hyperv-vp-index: at checkpoint 1, KVM_SET_MSRS sets vCPU 0's HV_X64_MSR_VP_INDEX to 5 (only the host
// may change it), before the header's check-msrs reads it back.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const HV_X64_MSR_VP_INDEX = 0x40000002;

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu }) {
    if (n === 1) vcpu.setMsrs([{ index: HV_X64_MSR_VP_INDEX, data: 5n }]);
  },
};
export default hooks;
