// Host half of cpuid-set-leaf: leaf 0 as the guest saw it (r11-r14) is KVM_GET_SUPPORTED_CPUID's entry.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hex = (v: number | bigint) => `0x${v.toString(16)}`;

const hooks: HostHooks = {
  check(outcome, { system, fail }) {
    const leaf0 = system.supportedCpuid().find((e) => e.function === 0 && e.index === 0);
    if (!leaf0) return fail('KVM_GET_SUPPORTED_CPUID has no leaf 0');
    const { r11, r12, r13, r14 } = outcome.regs;
    const want = [leaf0.eax, leaf0.ebx, leaf0.ecx, leaf0.edx].map(BigInt);
    [r11, r12, r13, r14].forEach((got, i) => {
      if (got !== want[i]) fail(`CPUID leaf 0 ${['eax', 'ebx', 'ecx', 'edx'][i]}: the guest saw ${hex(got)}, KVM_GET_SUPPORTED_CPUID says ${hex(want[i])}`);
    });
  },
};
export default hooks;
