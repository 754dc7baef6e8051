// The machine state the multiboot specification promises at the kernel's entry: 32-bit protected
// mode with paging off, flat 4 GiB code and data segments, interrupts off, EAX = 0x2BADB002 and
// EBX = the info block. GDTR and IDTR are left as reset leaves them: the kernel must load its own.
import type { Regs, Segment, Sregs } from '../engine/abi/structs.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import { MULTIBOOT_BOOT_MAGIC } from './multiboot.js';

const CR0_PE = 1n, CR0_ET = 0x10n;

const flat = (selector: number, type: number): Segment => ({
  base: 0n, limit: 0xffffffff, selector, type, present: 1, dpl: 0, db: 1, s: 1, l: 0, g: 1, avl: 0, unusable: 0,
});

/**
 * Sregs for the entry: CR0 = PE|ET with caches on (CD and NW clear), as SeaBIOS leaves it before
 * QEMU's multiboot ROM sets PE, and flat segments.
 */
export function entrySregs(reset: Sregs): Sregs {
  const data = flat(0x10, 0x3);
  return { ...reset, cs: flat(0x08, 0xb), ds: data, es: data, fs: data, gs: data, ss: data, cr0: CR0_PE | CR0_ET };
}

export function entryRegs(entry: number, infoAddress: number): Partial<Regs> {
  return { rip: BigInt(entry), rax: BigInt(MULTIBOOT_BOOT_MAGIC), rbx: BigInt(infoAddress), rflags: 2n };
}

/** Puts the boot vCPU at the kernel's entry point. */
export function enterKernel(vcpu: Vcpu, entry: number, infoAddress: number): void {
  vcpu.setSregs(entrySregs(vcpu.getSregs()));
  vcpu.setRegs(entryRegs(entry, infoAddress));
}
