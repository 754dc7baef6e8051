// Host half of tsc-deadline-timer: the guest CPUID gets the TSC-deadline bit (leaf 1 ECX bit 24), which
// KVM_GET_SUPPORTED_CPUID does not report because it depends on the in-kernel LAPIC.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const TSC_DEADLINE = 1 << 24;

const hooks: HostHooks = {
  setup({ system, vcpu }) {
    const cpuid = system.supportedCpuid().map((e) => ({ ...e }));
    const leaf1 = cpuid.find((e) => e.function === 1 && e.index === 0);
    if (!leaf1) throw new Error('KVM_GET_SUPPORTED_CPUID has no leaf 1');
    leaf1.ecx = (leaf1.ecx | TSC_DEADLINE) >>> 0;
    vcpu.setCpuid(cpuid);
  },
};
export default hooks;
