// Host half of cpuid-set: leaf 0 as the guest saw it (r11-r14) is KVM_GET_SUPPORTED_CPUID's entry, and
// KVM_GET_SUPPORTED_CPUID with room for one entry fails with E2BIG ("the number of entries is too low").
import { IOCTLS } from '../../kvmctl/abi/ioctls.js';
import { SysError } from '../../kvmctl/sys/libc.js';
import type { HostHooks } from '../../kvmctl/test/host-hooks.js';

const hex = (v: number | bigint) => `0x${v.toString(16)}`;

const hooks: HostHooks = {
  check(outcome, { system, fail }) {
    const leaf0 = system.supportedCpuid().find((e) => e.function === 0 && e.index === 0);
    if (!leaf0) fail('KVM_GET_SUPPORTED_CPUID has no leaf 0');
    else {
      const { r11, r12, r13, r14 } = outcome.regs;
      const want = [leaf0.eax, leaf0.ebx, leaf0.ecx, leaf0.edx].map(BigInt);
      [r11, r12, r13, r14].forEach((got, i) => {
        if (got !== want[i]) fail(`CPUID leaf 0 ${['eax', 'ebx', 'ecx', 'edx'][i]}: the guest saw ${hex(got)}, KVM_GET_SUPPORTED_CPUID says ${hex(want[i])}`);
      });
    }
    try {
      const entries = system.readCpuid(IOCTLS.KVM_GET_SUPPORTED_CPUID, 1);
      fail(`KVM_GET_SUPPORTED_CPUID with nent=1 succeeded with ${entries.length} entries, expected E2BIG`);
    } catch (e) {
      if (!(e instanceof SysError) || e.code !== 'E2BIG') fail(`KVM_GET_SUPPORTED_CPUID with nent=1: expected E2BIG, got ${(e as Error).message}`);
    }
  },
};
export default hooks;
