// Host half of sregs2-pdptrs: KVM_GET_SREGS2 / KVM_SET_SREGS2 before and after the guest turns on PAE paging.
import { KVM_SREGS2_FLAGS_PDPTRS_VALID, type Sregs2 } from '../../kvmctl/engine/abi/structs.js';
import { SysError } from '../../kvmctl/engine/sys/libc.js';
import type { HostContext, HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;
const VALID = BigInt(KVM_SREGS2_FLAGS_PDPTRS_VALID);
const ACCESSED = 0x20n;

/** The fields KVM_GET_SREGS2 shares with KVM_GET_SREGS must agree. */
function sameAsSregs(at: string, s2: Sregs2, { vcpu, fail }: HostContext): void {
  const s = vcpu.getSregs();
  for (const k of ['cr0', 'cr3', 'cr4', 'efer', 'apic_base'] as const) {
    if (s2[k] !== s[k]) fail(`${at}: KVM_GET_SREGS2 ${k} ${hex(s2[k])}, KVM_GET_SREGS ${hex(s[k])}`);
  }
  if (s2.cs.selector !== s.cs.selector || s2.gdt.base !== s.gdt.base) fail(`${at}: KVM_GET_SREGS2 cs/gdt differ from KVM_GET_SREGS`);
}

const hooks: HostHooks = {
  onCheckpoint(n, ctx) {
    const { vcpu, machine, fail } = ctx;
    const s2 = vcpu.getSregs2();
    if (n === 1) {
      if (s2.flags !== 0n) fail(`checkpoint 1 (no paging): KVM_GET_SREGS2 flags ${hex(s2.flags)}, expected 0`);
      sameAsSregs('checkpoint 1', s2, ctx);
      try {
        vcpu.setSregs2({ ...s2, flags: VALID });
        fail('checkpoint 1 (no paging): KVM_SET_SREGS2 with KVM_SREGS2_FLAGS_PDPTRS_VALID succeeded, expected EINVAL');
      } catch (e) {
        if (!(e instanceof SysError) || e.code !== 'EINVAL') fail(`checkpoint 1: KVM_SET_SREGS2 with PDPTRS_VALID outside PAE paging: expected EINVAL, got ${(e as Error).message}`);
      }
    } else if (n === 2) {
      if (s2.flags !== VALID) return fail(`checkpoint 2 (PAE paging): KVM_GET_SREGS2 flags ${hex(s2.flags)}, expected KVM_SREGS2_FLAGS_PDPTRS_VALID (${hex(VALID)})`);
      sameAsSregs('checkpoint 2', s2, ctx);
      const at = machine.slotAt(s2.cr3 & ~0x1fn);
      if (!at) return fail(`checkpoint 2: CR3 ${hex(s2.cr3)} is not guest memory`);
      // The CPU may set bit 5 (accessed) in a PDPTE in memory after loading it (QEMU's TCG does), so that bit is
      // not compared: what matters is that pdptrs[] are the PDPT's entries, not where KVM read them.
      const inMemory = [0, 1, 2, 3].map((i) => at.slot.memory.readU64(at.offset + 8 * i));
      if (s2.pdptrs.map((v) => v & ~ACCESSED).join() !== inMemory.map((v) => v & ~ACCESSED).join())
        fail(`checkpoint 2: pdptrs ${s2.pdptrs.map(hex).join(' ')}, the guest's PDPT at CR3 holds ${inMemory.map(hex).join(' ')}`);
      vcpu.setSregs2(s2);
      const back = vcpu.getSregs2();
      if (back.flags !== VALID || back.pdptrs.join() !== s2.pdptrs.join() || back.cr3 !== s2.cr3 || back.cr0 !== s2.cr0)
        fail(`checkpoint 2: after KVM_SET_SREGS2, KVM_GET_SREGS2 reads flags ${hex(back.flags)} pdptrs ${back.pdptrs.map(hex).join(' ')}`);
    }
  },
};
export default hooks;
