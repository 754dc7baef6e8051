// Host half of hyperv-cpuid-system: KVM_GET_SUPPORTED_HV_CPUID on /dev/kvm (KVM_CAP_SYS_HYPERV_CPUID).
import { SysError } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { checkHvLeaves } from './hyperv-leaves.js';

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    checkHvLeaves('/dev/kvm', system.supportedHvCpuid(), fail);
    try {
      const entries = system.supportedHvCpuid(1);
      fail(`KVM_GET_SUPPORTED_HV_CPUID with nent=1 succeeded with ${entries.length} entries, expected E2BIG`);
    } catch (e) {
      if (!(e instanceof SysError) || e.code !== 'E2BIG') fail(`KVM_GET_SUPPORTED_HV_CPUID with nent=1: expected E2BIG, got ${(e as Error).message}`);
    }
  },
};
export default hooks;
