// Puts a vCPU into real, protected or long mode the way a loader would: the system image goes into
// guest memory, then the segment, descriptor-table and control registers are set with KVM_SET_SREGS.
import type { Segment, Sregs } from '../engine/abi/structs.js';
import type { GuestMemory } from '../engine/kvm/memory.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import { GDT_LIMIT, LONG_MAP_MIN, PD_PAGES, SEL, STACK_TOP, SYS, SYSTEM_AREA, type Mode } from './layout.js';
import { IDT_LIMIT, systemImage } from './system-area.js';

const CR0_PE = 1n, CR0_MP = 2n, CR0_ET = 0x10n, CR0_NE = 0x20n, CR0_WP = 0x10000n, CR0_PG = 0x80000000n;
const CR4_PAE = 0x20n, CR4_OSFXSR = 0x200n, CR4_OSXMMEXCPT = 0x400n;
const EFER_LME = 0x100n, EFER_LMA = 0x400n;

export class ModeError extends Error {}

/** How many GiB long mode must identity-map to cover every byte of guest memory (at least 4). */
export function longModeGib(highestGpa: bigint): number {
  const end = highestGpa > LONG_MAP_MIN ? highestGpa : LONG_MAP_MIN;
  const gib = Number((end + (1n << 30n) - 1n) >> 30n);
  if (gib > PD_PAGES) throw new ModeError(`long mode identity-maps at most ${PD_PAGES} GiB; guest memory ends at 0x${end.toString(16)}`);
  return gib;
}

/** Writes the mode's system image into `memory` (slot at GPA 0) and sets the vCPU's sregs. */
export function enterMode(vcpu: Vcpu, memory: GuestMemory, mode: Mode, highestGpa = 0n): void {
  const image = systemImage(mode, mode === 'long' ? longModeGib(highestGpa) : 4);
  if (image.base + image.bytes.length > memory.size) {
    throw new ModeError(`${mode} mode needs guest memory up to 0x${(image.base + image.bytes.length).toString(16)} for its system area; --mem is 0x${memory.size.toString(16)}`);
  }
  memory.writeBytes(image.base, image.bytes);
  const sregs = vcpu.getSregs();
  vcpu.setSregs(mode === 'real' ? realSregs(sregs) : flatSregs(sregs, mode));
}

/** The host-owned ranges of guest memory that a guest image must not overlap. */
export function reservedRanges(mode: Mode): Array<[number, number]> {
  return mode === 'real' ? [[0, 0x1000]] : [[0, 0x1000], [SYSTEM_AREA.start, SYSTEM_AREA.end]];
}

function segment(selector: number, code: boolean, bits: 16 | 32 | 64): Segment {
  return {
    base: 0n, limit: bits === 16 ? 0xffff : 0xffffffff, selector, type: code ? 0xb : 0x3, present: 1, dpl: 0,
    db: bits === 32 ? 1 : 0, s: 1, l: bits === 64 ? 1 : 0, g: bits === 16 ? 0 : 1, avl: 0, unusable: 0,
  };
}

function realSregs(s: Sregs): Sregs {
  const data = segment(0, false, 16);
  return {
    ...s,
    cs: segment(0, true, 16), ds: data, es: data, fs: data, gs: data, ss: data,
    idt: { base: 0n, limit: IDT_LIMIT.real },
  };
}

function flatSregs(s: Sregs, mode: 'protected' | 'long'): Sregs {
  const long = mode === 'long';
  const data = segment(SEL.data, false, 32);
  const tr: Segment = {
    base: BigInt(SYS.tss), limit: 0x67, selector: SEL.tss, type: 0xb, present: 1, dpl: 0,
    db: 0, s: 0, l: 0, g: 0, avl: 0, unusable: 0,
  };
  return {
    ...s,
    cs: long ? segment(SEL.code64, true, 64) : segment(SEL.code32, true, 32),
    ds: data, es: data, fs: data, gs: data, ss: data, tr,
    gdt: { base: BigInt(SYS.gdt), limit: GDT_LIMIT },
    idt: { base: BigInt(SYS.idt), limit: long ? IDT_LIMIT.long : IDT_LIMIT.protected },
    cr0: CR0_PE | CR0_MP | CR0_ET | CR0_NE | (long ? CR0_WP | CR0_PG : 0n),
    cr3: long ? BigInt(SYS.pml4) : 0n,
    cr4: CR4_OSFXSR | CR4_OSXMMEXCPT | (long ? CR4_PAE : 0n),
    efer: long ? EFER_LME | EFER_LMA : 0n,
  };
}

/** The registers every guest starts with: entry point, the default stack, and only the reserved RFLAGS bit. */
export function initialRegs(entry: number | bigint): { rip: bigint; rsp: bigint; rflags: bigint } {
  return { rip: BigInt(entry), rsp: BigInt(STACK_TOP), rflags: 2n };
}
