// Host half of cpuid-supported-e2big: KVM_GET_SUPPORTED_CPUID with room for one entry fails with E2BIG
// ("the number of entries is too low").
import { IOCTLS } from '../../kvmctl/engine/abi/ioctls.js';
import { SysError } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    try {
      const entries = system.readCpuid(IOCTLS.KVM_GET_SUPPORTED_CPUID, 1);
      fail(`KVM_GET_SUPPORTED_CPUID with nent=1 succeeded with ${entries.length} entries, expected E2BIG`);
    } catch (e) {
      if (!(e instanceof SysError) || e.code !== 'E2BIG') fail(`KVM_GET_SUPPORTED_CPUID with nent=1: expected E2BIG, got ${(e as Error).message}`);
    }
  },
};
export default hooks;
