// Host half of enable-cap-vcpu: KVM_ENABLE_CAP on the vCPU fd. Before the run, what it refuses (flags, a
// capability the vCPU does not have); at checkpoints 1 and 2, KVM_CAP_ENFORCE_PV_FEATURE_CPUID on, then off.
import { CAPABILITIES } from '../../kvmctl/engine/abi/capabilities.js';
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const ENFORCE = CAPABILITIES.KVM_CAP_ENFORCE_PV_FEATURE_CPUID;

const hooks: HostHooks = {
  setup({ vcpu, fail }) {
    const flags = errnoOf(() => vcpu.enableCap(ENFORCE, [1], 1));
    if (flags !== 'EINVAL') fail(`flags = 1: expected EINVAL, got ${flags}`);
    const vmOnly = errnoOf(() => vcpu.enableCap(CAPABILITIES.KVM_CAP_MSR_PLATFORM_INFO, [0]));
    if (vmOnly !== 'EINVAL') fail(`KVM_CAP_MSR_PLATFORM_INFO on a vCPU: expected EINVAL, got ${vmOnly}`);
  },
  onCheckpoint(n, { vcpu }) {
    if (n === 1) vcpu.enableCap(ENFORCE, [1]);
    if (n === 2) vcpu.enableCap(ENFORCE, [0]);
  },
};
export default hooks;
