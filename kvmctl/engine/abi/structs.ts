// The layouts of the KVM structs kvmctl exchanges with the kernel (x86-64), defined once.
import { Struct, packed } from './layout.js';

export const GPR_NAMES = [
  'rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rsp', 'rbp',
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15',
] as const;
export const REG_NAMES = [...GPR_NAMES, 'rip', 'rflags'] as const;
export type RegName = (typeof REG_NAMES)[number];

export type Regs = Record<RegName, bigint>;
export const kvm_regs = new Struct<Regs>('kvm_regs', 144, packed(REG_NAMES.map((n) => [n, 'u64'] as const)).fields);

export interface Segment {
  base: bigint; limit: number; selector: number; type: number; present: number; dpl: number;
  db: number; s: number; l: number; g: number; avl: number; unusable: number;
}
export const kvm_segment = new Struct<Segment>('kvm_segment', 24, packed([
  ['base', 'u64'], ['limit', 'u32'], ['selector', 'u16'], ['type', 'u8'], ['present', 'u8'], ['dpl', 'u8'],
  ['db', 'u8'], ['s', 'u8'], ['l', 'u8'], ['g', 'u8'], ['avl', 'u8'], ['unusable', 'u8'],
] as const).fields);

export interface DTable { base: bigint; limit: number }
export const kvm_dtable = new Struct<DTable>('kvm_dtable', 16, packed([['base', 'u64'], ['limit', 'u16']] as const).fields);

export const SEGMENT_NAMES = ['cs', 'ds', 'es', 'fs', 'gs', 'ss', 'tr', 'ldt'] as const;
export const DTABLE_NAMES = ['gdt', 'idt'] as const;
export const CONTROL_NAMES = ['cr0', 'cr2', 'cr3', 'cr4', 'cr8', 'efer', 'apic_base'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];
export type ControlName = (typeof CONTROL_NAMES)[number];

/** kvm_sregs (SIZEOF.kvm_sregs bytes): eight segments, two descriptor tables, the control registers and the interrupt bitmap. */
export const SREGS_OFFSETS = {
  cs: 0, ds: 24, es: 48, fs: 72, gs: 96, ss: 120, tr: 144, ldt: 168, gdt: 192, idt: 208,
  cr0: 224, cr2: 232, cr3: 240, cr4: 248, cr8: 256, efer: 264, apic_base: 272, interrupt_bitmap: 280,
} as const;

export type Sregs = Record<SegmentName, Segment> & Record<(typeof DTABLE_NAMES)[number], DTable> &
  Record<ControlName, bigint> & { interrupt_bitmap: bigint[] };

export function decodeSregs(view: DataView): Sregs {
  const out: Record<string, unknown> = {};
  for (const s of SEGMENT_NAMES) out[s] = kvm_segment.decode(view, SREGS_OFFSETS[s]);
  for (const d of DTABLE_NAMES) out[d] = kvm_dtable.decode(view, SREGS_OFFSETS[d]);
  for (const c of CONTROL_NAMES) out[c] = view.getBigUint64(SREGS_OFFSETS[c], true);
  out.interrupt_bitmap = [0, 1, 2, 3].map((i) => view.getBigUint64(SREGS_OFFSETS.interrupt_bitmap + 8 * i, true));
  return out as Sregs;
}

export function encodeSregs(sregs: Sregs, view: DataView): void {
  for (const s of SEGMENT_NAMES) kvm_segment.encode(sregs[s], view, SREGS_OFFSETS[s]);
  for (const d of DTABLE_NAMES) kvm_dtable.encode(sregs[d], view, SREGS_OFFSETS[d]);
  for (const c of CONTROL_NAMES) view.setBigUint64(SREGS_OFFSETS[c], sregs[c], true);
  sregs.interrupt_bitmap.forEach((w, i) => view.setBigUint64(SREGS_OFFSETS.interrupt_bitmap + 8 * i, w, true));
}

/**
 * kvm_sregs2 (KVM_GET/SET_SREGS2): kvm_sregs' members at SREGS_OFFSETS up to apic_base, then `flags` and the four
 * PAE PDPTRs where kvm_sregs has its interrupt bitmap.
 */
export const PDPTR_NAMES = ['pdptrs_0', 'pdptrs_1', 'pdptrs_2', 'pdptrs_3'] as const;
export type Sregs2Tail = { flags: bigint } & Record<(typeof PDPTR_NAMES)[number], bigint>;
export const kvm_sregs2 = new Struct<Sregs2Tail>('kvm_sregs2', 320, packed([
  ['flags', 'u64'], ...PDPTR_NAMES.map((n) => [n, 'u64'] as const),
] as const, SREGS_OFFSETS.interrupt_bitmap).fields);
export const KVM_SREGS2_FLAGS_PDPTRS_VALID = 1;
export type Sregs2 = Omit<Sregs, 'interrupt_bitmap'> & { flags: bigint; pdptrs: bigint[] };

export function decodeSregs2(view: DataView): Sregs2 {
  const { interrupt_bitmap: _, ...common } = decodeSregs(view);
  const tail = kvm_sregs2.decode(view);
  return { ...common, flags: tail.flags, pdptrs: PDPTR_NAMES.map((n) => tail[n]) };
}

export function encodeSregs2(sregs: Sregs2, view: DataView): void {
  const { flags, pdptrs, ...common } = sregs;
  encodeSregs({ ...common, interrupt_bitmap: [] }, view);
  const tail: Partial<Sregs2Tail> = { flags };
  PDPTR_NAMES.forEach((n, i) => { tail[n] = pdptrs[i] ?? 0n; });
  kvm_sregs2.encode(tail, view);
}

export interface UserspaceMemoryRegion {
  slot: number; flags: number; guest_phys_addr: bigint; memory_size: bigint; userspace_addr: bigint;
}
export const kvm_userspace_memory_region = new Struct<UserspaceMemoryRegion>('kvm_userspace_memory_region', 32, packed([
  ['slot', 'u32'], ['flags', 'u32'], ['guest_phys_addr', 'u64'], ['memory_size', 'u64'], ['userspace_addr', 'u64'],
] as const).fields);

/** Offsets inside struct kvm_run (the mmap'd vCPU page). The exit union starts at 32. */
export const KVM_RUN = {
  request_interrupt_window: 0,
  immediate_exit: 1,
  exit_reason: 8,
  ready_for_interrupt_injection: 12,
  if_flag: 13,
  flags: 14,
  cr8: 16,
  apic_base: 24,
  // union members
  hw_hardware_exit_reason: 32,
  fail_entry_hardware_entry_failure_reason: 32,
  fail_entry_cpu: 40,
  ex_exception: 32,
  ex_error_code: 36,
  io_direction: 32,
  io_size: 33,
  io_port: 34,
  io_count: 36,
  io_data_offset: 40,
  mmio_phys_addr: 32,
  mmio_data: 40,
  mmio_len: 48,
  mmio_is_write: 52,
  debug_exception: 32,
  debug_pc: 40,
  debug_dr6: 48,
  debug_dr7: 56,
  internal_suberror: 32,
  internal_ndata: 36,
  internal_data: 40,
  system_event_type: 32,
  system_event_ndata: 36,
  system_event_data: 40,
  msr_error: 32,
  msr_reason: 40,
  msr_index: 44,
  msr_data: 48,
  hypercall_nr: 32,
  hypercall_args: 40,
  hypercall_ret: 88,
  hypercall_longmode: 96,
  tpr_access_rip: 32,
  tpr_access_is_write: 40,
  eoi_vector: 32,
  hyperv_type: 32,
  hyperv_synic_msr: 40,
  hyperv_synic_control: 48,
  hyperv_synic_evt_page: 56,
  hyperv_synic_msg_page: 64,
  kvm_valid_regs: 288,
  kvm_dirty_regs: 296,
  s_regs: 304,
  s_sregs: 448,
  s_events: 760,
} as const;

/** kvm_cpuid_entry2 (40 bytes); kvm_cpuid2 is nent, padding, then the entries. */
export interface CpuidEntry2 {
  function: number; index: number; flags: number; eax: number; ebx: number; ecx: number; edx: number;
}
export const kvm_cpuid_entry2 = new Struct<CpuidEntry2>('kvm_cpuid_entry2', 40, packed([
  ['function', 'u32'], ['index', 'u32'], ['flags', 'u32'], ['eax', 'u32'], ['ebx', 'u32'], ['ecx', 'u32'], ['edx', 'u32'],
] as const).fields);
export const KVM_CPUID_FLAG_SIGNIFCANT_INDEX = 1;

export const kvm_cpuid2 = new Struct<{ nent: number }>('kvm_cpuid2', 8, { nent: { offset: 0, type: 'u32' } });
export const CPUID2_ENTRIES = 8; // offsetof(struct kvm_cpuid2, entries)

/** A kvm_cpuid2 argument with room for `capacity` entries, for the ioctls that fill one (KVM_GET_SUPPORTED_CPUID, ...). */
export function cpuid2Buffer(capacity: number): Uint8Array {
  const buf = new Uint8Array(CPUID2_ENTRIES + capacity * kvm_cpuid_entry2.size);
  kvm_cpuid2.encode({ nent: capacity }, new DataView(buf.buffer));
  return buf;
}

/** The entries of a kvm_cpuid2 the kernel filled: as many as its `nent` says. */
export function cpuid2Entries(buf: Uint8Array): CpuidEntry2[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return Array.from({ length: kvm_cpuid2.decode(view).nent }, (_, i) => kvm_cpuid_entry2.decode(view, CPUID2_ENTRIES + i * kvm_cpuid_entry2.size));
}

/** kvm_msr_entry (16 bytes); kvm_msrs is nmsrs, pad, then the entries. */
export interface MsrEntry { index: number; data: bigint }
export const kvm_msr_entry = new Struct<MsrEntry>('kvm_msr_entry', 16, { index: { offset: 0, type: 'u32' }, data: { offset: 8, type: 'u64' } });
export const kvm_msrs = new Struct<{ nmsrs: number }>('kvm_msrs', 8, { nmsrs: { offset: 0, type: 'u32' } });
export const MSRS_ENTRIES = 8; // offsetof(struct kvm_msrs, entries)

/** kvm_msr_list (KVM_GET_MSR_INDEX_LIST): nmsrs, then that many u32 indices. */
export const kvm_msr_list = new Struct<{ nmsrs: number }>('kvm_msr_list', 4, { nmsrs: { offset: 0, type: 'u32' } });
export const MSR_LIST_INDICES = 4; // offsetof(struct kvm_msr_list, indices)

/** kvm_guest_debug (72 bytes, KVM_SET_GUEST_DEBUG): KVM_GUESTDBG_* control, then arch.debugreg[0..7]. */
export const GUEST_DEBUGREG_NAMES = [
  'arch_debugreg_0', 'arch_debugreg_1', 'arch_debugreg_2', 'arch_debugreg_3',
  'arch_debugreg_4', 'arch_debugreg_5', 'arch_debugreg_6', 'arch_debugreg_7',
] as const;
export type GuestDebug = { control: number } & Record<(typeof GUEST_DEBUGREG_NAMES)[number], bigint>;
export const kvm_guest_debug = new Struct<GuestDebug>('kvm_guest_debug', 72, packed([
  ['control', 'u32'], ...GUEST_DEBUGREG_NAMES.map((n) => [n, 'u64'] as const),
] as const).fields);

/** kvm_interrupt (KVM_INTERRUPT): the vector to inject. */
export const kvm_interrupt = new Struct<{ irq: number }>('kvm_interrupt', 4, { irq: { offset: 0, type: 'u32' } });

/** kvm_irq_level (KVM_IRQ_LINE): `irq` shares a union with `status`. */
export interface IrqLevel { irq: number; level: number }
export const kvm_irq_level = new Struct<IrqLevel>('kvm_irq_level', 8, packed([['irq', 'u32'], ['level', 'u32']] as const).fields);

/** kvm_enable_cap (104 bytes, KVM_ENABLE_CAP): cap, flags, args[4], then 64 bytes of padding. */
export const ENABLE_CAP_ARG_NAMES = ['args_0', 'args_1', 'args_2', 'args_3'] as const;
export type EnableCap = { cap: number; flags: number } & Record<(typeof ENABLE_CAP_ARG_NAMES)[number], bigint>;
export const kvm_enable_cap = new Struct<EnableCap>('kvm_enable_cap', 104, packed([
  ['cap', 'u32'], ['flags', 'u32'], ...ENABLE_CAP_ARG_NAMES.map((n) => [n, 'u64'] as const),
] as const).fields);

/** The KVM_ENABLE_CAP argument for `cap` with up to four args (VM and vCPU alike). */
export function enableCapArgument(cap: number, args: Array<bigint | number> = [], flags = 0): Uint8Array {
  if (args.length > ENABLE_CAP_ARG_NAMES.length) throw new RangeError(`KVM_ENABLE_CAP takes at most ${ENABLE_CAP_ARG_NAMES.length} args, not ${args.length}`);
  const value: Partial<EnableCap> = { cap, flags };
  args.forEach((a, i) => { value[ENABLE_CAP_ARG_NAMES[i]] = BigInt(a); });
  return kvm_enable_cap.buffer(value);
}

/** kvm_dirty_log (KVM_GET_DIRTY_LOG): `dirty_bitmap` is a user pointer the kernel writes through. */
export interface DirtyLog { slot: number; dirty_bitmap: bigint }
export const kvm_dirty_log = new Struct<DirtyLog>('kvm_dirty_log', 16, {
  slot: { offset: 0, type: 'u32' }, dirty_bitmap: { offset: 8, type: 'u64' },
});

/** kvm_clear_dirty_log (KVM_CLEAR_DIRTY_LOG): `dirty_bitmap` is a user pointer the kernel reads through. */
export interface ClearDirtyLog { slot: number; num_pages: number; first_page: bigint; dirty_bitmap: bigint }
export const kvm_clear_dirty_log = new Struct<ClearDirtyLog>('kvm_clear_dirty_log', 24, packed([
  ['slot', 'u32'], ['num_pages', 'u32'], ['first_page', 'u64'], ['dirty_bitmap', 'u64'],
] as const).fields);
