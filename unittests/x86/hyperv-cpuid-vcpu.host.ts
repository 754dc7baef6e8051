// Host half of hyperv-cpuid-vcpu: KVM_GET_SUPPORTED_HV_CPUID on vCPU 0 (no in-kernel irqchip) has the Hyper-V
// leaves, and differs from /dev/kvm's answer where hyperv.c says: no direct-mode synthetic timers without a LAPIC.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { checkHvLeaves, HV_CPUID_FEATURES, HV_STIMER_DIRECT_MODE_AVAILABLE } from './hyperv-leaves.js';

const hooks: HostHooks = {
  check(_outcome, { system, vcpu, fail }) {
    const mine = vcpu.supportedHvCpuid();
    checkHvLeaves('vCPU 0', mine, fail);
    const vcpuEdx = mine.find((e) => e.function === HV_CPUID_FEATURES)?.edx ?? 0;
    const systemEdx = system.supportedHvCpuid().find((e) => e.function === HV_CPUID_FEATURES)?.edx ?? 0;
    if (!(systemEdx & HV_STIMER_DIRECT_MODE_AVAILABLE)) fail('/dev/kvm: leaf 0x40000003 EDX lacks direct-mode synthetic timers (bit 19)');
    if (vcpuEdx & HV_STIMER_DIRECT_MODE_AVAILABLE) fail('vCPU 0 (no in-kernel LAPIC): leaf 0x40000003 EDX offers direct-mode synthetic timers (bit 19)');
  },
};
export default hooks;
