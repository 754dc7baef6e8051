// Host half of msr-index-list: KVM_GET_MSR_INDEX_LIST must name the MSRs every x86 KVM saves for
// migration (the SYSENTER trio, the SYSCALL MSRs, KERNEL_GS_BASE and the TSC).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const ALWAYS_SAVED: Record<string, number> = {
  IA32_TSC: 0x10,
  IA32_SYSENTER_CS: 0x174,
  IA32_SYSENTER_ESP: 0x175,
  IA32_SYSENTER_EIP: 0x176,
  STAR: 0xc0000081,
  LSTAR: 0xc0000082,
  CSTAR: 0xc0000083,
  SYSCALL_MASK: 0xc0000084,
  KERNEL_GS_BASE: 0xc0000102,
};

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    const listed = new Set(system.msrIndexList());
    for (const [name, index] of Object.entries(ALWAYS_SAVED)) {
      if (!listed.has(index)) fail(`MSR_${name} (0x${index.toString(16)}) is missing from KVM_GET_MSR_INDEX_LIST (${listed.size} entries)`);
    }
  },
};
export default hooks;
