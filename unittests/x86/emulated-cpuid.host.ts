// Host half of emulated-cpuid: KVM_GET_EMULATED_CPUID lists MOVBE (CPUID 1 ECX bit 22), which KVM
// emulates on any host, and its basic leaves stop at the one leaf 0 names.
import { IOCTLS } from '../../kvmctl/engine/abi/ioctls.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const MOVBE = 1 << 22;

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    const entries = system.readCpuid(IOCTLS.KVM_GET_EMULATED_CPUID, 64);
    const leaf1 = entries.find((e) => e.function === 1);
    if (!leaf1) fail('KVM_GET_EMULATED_CPUID has no leaf 1');
    else if (!(leaf1.ecx & MOVBE)) fail(`KVM_GET_EMULATED_CPUID leaf 1 ECX is 0x${(leaf1.ecx >>> 0).toString(16)}, without MOVBE (bit 22)`);
    const leaf0 = entries.find((e) => e.function === 0);
    if (!leaf0) return fail('KVM_GET_EMULATED_CPUID has no leaf 0');
    const beyond = entries.filter((e) => e.function < 0x40000000 && e.function > leaf0.eax);
    if (beyond.length) fail(`KVM_GET_EMULATED_CPUID lists leaf 0x${beyond[0].function.toString(16)} beyond leaf 0's EAX 0x${leaf0.eax.toString(16)}`);
  },
};
export default hooks;
