// The ABI tables against <linux/kvm.h>: a C program generated from kvmctl's own tables is compiled
// at test time and prints what the header says (sizeof, offsetof, member sizes, macro values, and
// the bytes of structs filled in C); every value is compared and a mismatch names the field.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { CAPABILITIES } from './capabilities.js';
import {
  API_VERSION, EXIT_IO_IN, EXIT_IO_OUT, EXIT_REASONS, GUESTDBG, INTERNAL_ERROR_SUBCODES, KVM_EXIT_HYPERV_SYNIC, MEM_FLAGS,
} from './exits.js';
import { IOCTLS, SIZEOF } from './ioctls.js';
import { Struct, type Scalar } from './layout.js';
import * as structsModule from './structs.js';
import {
  CONTROL_NAMES, CPUID2_ENTRIES, decodeSregs, DTABLE_NAMES, encodeSregs, kvm_clear_dirty_log, kvm_cpuid2, kvm_cpuid_entry2,
  kvm_dirty_log, kvm_dtable, kvm_enable_cap, kvm_guest_debug, kvm_interrupt, kvm_irq_level, kvm_msr_entry, kvm_msr_list, kvm_msrs,
  KVM_RUN, kvm_regs, kvm_segment, kvm_sregs2, KVM_SREGS2_FLAGS_PDPTRS_VALID, kvm_userspace_memory_region, MSR_LIST_INDICES,
  MSRS_ENTRIES, SEGMENT_NAMES, SREGS_OFFSETS, type Sregs,
} from './structs.js';
import * as vcpuStateModule from './vcpu-state.js';
import {
  decodeFpu, encodeFpu, FPU_ARRAYS, kvm_debugregs, kvm_fpu, kvm_msr_filter, kvm_msr_filter_range, KVM_MAX_XCRS,
  KVM_MSR_FILTER_MAX_RANGES, kvm_translation, kvm_vcpu_events, kvm_xcr, kvm_xcrs, MSR_EXIT_REASON, MSR_FILTER,
  MSR_FILTER_RANGES, kvm_nested_state, kvm_x86_mce, kvm_tpr_access_ctl, kvm_vapic_addr, NESTED_STATE, SYNC_REGS, VCPUEVENT_VALID, XCRS_ENTRIES, type Fpu,
} from './vcpu-state.js';
import * as devicesModule from './devices.js';
import {
  CLOCK_FLAGS, COALESCED_RING_ENTRIES_OFFSET, IOEVENTFD_FLAGS, IRQFD_FLAGS, KVM_APIC_REG_SIZE, kvm_clock_data, kvm_coalesced_mmio,
  kvm_coalesced_mmio_ring, kvm_coalesced_mmio_zone, kvm_ioeventfd, kvm_irqfd, kvm_mp_state, kvm_pit_config, KVM_PIT_SPEAKER_DUMMY,
  kvm_stats_desc, kvm_stats_header, MP_STATES, STATS, STATS_DESC_NAME_OFFSET, kvm_msi, kvm_irq_routing, kvm_irq_routing_entry,
  IRQ_ROUTING, IRQ_ROUTING_ENTRIES, HYPERV_EVENTFD, kvm_hyperv_eventfd, kvm_device_attr, DEVICE_ATTRS, kvm_dirty_gfn, DIRTY_GFN,
  KVM_DIRTY_LOG_PAGE_OFFSET, kvm_pit_channel_state, kvm_pit_state, kvm_pit_state2, kvm_reinject_control, PIT_CHANNELS, PIT_FLAGS,
} from './devices.js';
import { scratchDir } from '../../../dev/testdata/helpers.js';

const run = promisify(execFile);
const WIDTH: Record<Scalar, number> = { u8: 1, u16: 2, u32: 4, i32: 4, u64: 8 };

/** One value to compare: `expr` is evaluated in C, `want` is what kvmctl says. */
interface Check { group: string; label: string; expr: string; want: number | bigint; macro?: string }
const checks: Check[] = [];
const add = (group: string, label: string, expr: string, want: number | bigint, macro?: string) =>
  checks.push({ group, label, expr, want, macro });
const macro = (group: string, name: string, want: number | bigint) => add(group, name, name, want, name);

/** sizeof the struct, and offsetof plus member size of every field kvmctl declares (`member` maps a field to its C path). */
const checkedStructs = new Set<Struct<object>>();
function structChecks<T extends object>(s: Struct<T>, cType = `struct ${s.name}`, member: (field: string) => string = (f) => f): void {
  checkedStructs.add(s as Struct<object>);
  add(s.name, `sizeof(${cType})`, `sizeof(${cType})`, s.size);
  for (const [field, spec] of Object.entries(s.fields) as Array<[string, { offset: number; type: Scalar }]>) {
    const path = member(field);
    add(s.name, `offsetof(${cType}, ${path})`, `offsetof(${cType}, ${path})`, spec.offset);
    add(s.name, `sizeof(${cType}.${path})`, `sizeof(((${cType} *)0)->${path})`, WIDTH[spec.type]);
  }
}

structChecks(kvm_regs);
structChecks(kvm_segment);
structChecks(kvm_dtable);
structChecks(kvm_userspace_memory_region);

// Arguments with a flexible array member: the header struct, where the array starts, and its element.
structChecks(kvm_cpuid_entry2);
structChecks(kvm_cpuid2);
add('kvm_cpuid2', 'offsetof(struct kvm_cpuid2, entries) (CPUID2_ENTRIES)', 'offsetof(struct kvm_cpuid2, entries)', CPUID2_ENTRIES);
add('kvm_cpuid2', 'sizeof(kvm_cpuid2.entries[0])', 'sizeof(((struct kvm_cpuid2 *)0)->entries[0])', kvm_cpuid_entry2.size);
structChecks(kvm_msr_entry);
structChecks(kvm_msrs);
add('kvm_msrs', 'offsetof(struct kvm_msrs, entries) (MSRS_ENTRIES)', 'offsetof(struct kvm_msrs, entries)', MSRS_ENTRIES);
add('kvm_msrs', 'sizeof(kvm_msrs.entries[0])', 'sizeof(((struct kvm_msrs *)0)->entries[0])', kvm_msr_entry.size);
structChecks(kvm_msr_list);
add('kvm_msr_list', 'offsetof(struct kvm_msr_list, indices) (MSR_LIST_INDICES)', 'offsetof(struct kvm_msr_list, indices)', MSR_LIST_INDICES);
add('kvm_msr_list', 'sizeof(kvm_msr_list.indices[0]) (read as u32)', 'sizeof(((struct kvm_msr_list *)0)->indices[0])', WIDTH.u32);

// The other vCPU and VM ioctl arguments: field names join C member paths with '_', args_0 is args[0].
structChecks(kvm_guest_debug, undefined, (f) => f.replace(/^arch_debugreg_(\d)$/, 'arch.debugreg[$1]'));
structChecks(kvm_interrupt);
structChecks(kvm_irq_level);
structChecks(kvm_enable_cap, undefined, (f) => f.replace(/^args_(\d)$/, 'args[$1]'));
add('kvm_enable_cap', 'sizeof(kvm_enable_cap.args) (every element has a field)', 'sizeof(((struct kvm_enable_cap *)0)->args)',
  Object.keys(kvm_enable_cap.fields).filter((f) => f.startsWith('args_')).length * 8);
add('kvm_guest_debug', 'sizeof(kvm_guest_debug.arch.debugreg) (every element has a field)', 'sizeof(((struct kvm_guest_debug *)0)->arch.debugreg)',
  Object.keys(kvm_guest_debug.fields).filter((f) => f.startsWith('arch_debugreg_')).length * 8);
structChecks(kvm_dirty_log);
structChecks(kvm_clear_dirty_log);

// vCPU state (abi/vcpu-state.ts): field names join C member paths with '_'.
const EVENT_GROUPS = /^(exception|interrupt|nmi|smi|triple_fault)_(?!has_payload$|payload$)/;
structChecks(kvm_vcpu_events, undefined, (f) => f.replace(EVENT_GROUPS, '$1.'));
structChecks(kvm_debugregs, undefined, (f) => f.replace(/^db_(\d)$/, 'db[$1]'));
structChecks(kvm_fpu);
for (const [name, a] of Object.entries(FPU_ARRAYS)) {
  add('kvm_fpu', `offsetof(struct kvm_fpu, ${name})`, `offsetof(struct kvm_fpu, ${name})`, a.offset);
  add('kvm_fpu', `sizeof(kvm_fpu.${name})`, `sizeof(((struct kvm_fpu *)0)->${name})`, a.count * a.width);
  add('kvm_fpu', `sizeof(kvm_fpu.${name}[0])`, `sizeof(((struct kvm_fpu *)0)->${name}[0])`, a.width);
}
structChecks(kvm_xcr);
structChecks(kvm_xcrs);
add('kvm_xcrs', 'offsetof(struct kvm_xcrs, xcrs) (XCRS_ENTRIES)', 'offsetof(struct kvm_xcrs, xcrs)', XCRS_ENTRIES);
add('kvm_xcrs', 'sizeof(kvm_xcrs.xcrs[0])', 'sizeof(((struct kvm_xcrs *)0)->xcrs[0])', kvm_xcr.size);
macro('kvm_xcrs', 'KVM_MAX_XCRS', KVM_MAX_XCRS);
structChecks(kvm_translation);
structChecks(kvm_msr_filter_range);
structChecks(kvm_msr_filter);
add('kvm_msr_filter', 'offsetof(struct kvm_msr_filter, ranges) (MSR_FILTER_RANGES)', 'offsetof(struct kvm_msr_filter, ranges)', MSR_FILTER_RANGES);
add('kvm_msr_filter', 'sizeof(kvm_msr_filter.ranges[0])', 'sizeof(((struct kvm_msr_filter *)0)->ranges[0])', kvm_msr_filter_range.size);
macro('kvm_msr_filter', 'KVM_MSR_FILTER_MAX_RANGES', KVM_MSR_FILTER_MAX_RANGES);
for (const [n, v] of Object.entries(MSR_FILTER)) macro('kvm_msr_filter', `KVM_MSR_FILTER_${n}`, v);
for (const [n, v] of Object.entries(MSR_EXIT_REASON)) macro('kvm_msr_filter', `KVM_MSR_EXIT_REASON_${n}`, v);
for (const [n, v] of Object.entries(VCPUEVENT_VALID)) macro('kvm_vcpu_events', `KVM_VCPUEVENT_VALID_${n}`, v);
for (const [n, v] of Object.entries(SYNC_REGS)) macro('kvm_run', `KVM_SYNC_X86_${n}`, v);
add('kvm_run', 'sizeof(kvm_run.s.regs.events) = kvm_vcpu_events', 'sizeof(((struct kvm_run *)0)->s.regs.events)', kvm_vcpu_events.size);

// kvm_sregs2: kvm_sregs' members up to apic_base at the same offsets, then flags and pdptrs[4].
structChecks(kvm_sregs2, undefined, (f) => f.replace(/^pdptrs_(\d)$/, 'pdptrs[$1]'));
for (const [name, offset] of Object.entries(SREGS_OFFSETS)) {
  if (name !== 'interrupt_bitmap') add('kvm_sregs2', `offsetof(struct kvm_sregs2, ${name})`, `offsetof(struct kvm_sregs2, ${name})`, offset);
}
add('kvm_sregs2', 'sizeof(kvm_sregs2.pdptrs) (every element has a field)', 'sizeof(((struct kvm_sregs2 *)0)->pdptrs)', 4 * 8);
macro('kvm_sregs2', 'KVM_SREGS2_FLAGS_PDPTRS_VALID', KVM_SREGS2_FLAGS_PDPTRS_VALID);
structChecks(kvm_nested_state, undefined, (f) => f.replace(/^hdr_svm_/, 'hdr.svm.'));
for (const [n, v] of Object.entries(NESTED_STATE)) macro('kvm_nested_state', n, v);
structChecks(kvm_x86_mce);
structChecks(kvm_tpr_access_ctl);
structChecks(kvm_vapic_addr);

// In-kernel devices (abi/devices.ts): irqfd, ioeventfd, the coalesced ring, PIT, kvmclock, MP state, stats.
for (const s of [kvm_irqfd, kvm_ioeventfd, kvm_coalesced_mmio_zone, kvm_coalesced_mmio, kvm_coalesced_mmio_ring, kvm_pit_config,
  kvm_clock_data, kvm_mp_state, kvm_stats_header, kvm_stats_desc, kvm_msi, kvm_irq_routing, kvm_hyperv_eventfd, kvm_device_attr, kvm_pit_channel_state, kvm_pit_state, kvm_pit_state2, kvm_reinject_control] as Array<Struct<object>>) structChecks(s);
for (const p of ['kvm_pit_state', 'kvm_pit_state2']) {
  add(p, `offsetof(struct ${p}, channels) (PIT_CHANNELS)`, `offsetof(struct ${p}, channels)`, PIT_CHANNELS);
  add(p, `sizeof(${p}.channels[0])`, `sizeof(((struct ${p} *)0)->channels[0])`, kvm_pit_channel_state.size);
}
const ROUTE_MSI: Record<string, string> = { u_0: 'u.msi.address_lo', u_1: 'u.msi.address_hi', u_2: 'u.msi.data' };
structChecks(kvm_irq_routing_entry, undefined, (f) => ROUTE_MSI[f] ?? f);
add('kvm_irq_routing_entry', 'offsetof(struct kvm_irq_routing_entry, u.irqchip.irqchip) = u_0', 'offsetof(struct kvm_irq_routing_entry, u.irqchip.irqchip)', kvm_irq_routing_entry.fields.u_0.offset);
add('kvm_irq_routing_entry', 'offsetof(struct kvm_irq_routing_entry, u.irqchip.pin) = u_1', 'offsetof(struct kvm_irq_routing_entry, u.irqchip.pin)', kvm_irq_routing_entry.fields.u_1.offset);
add('kvm_irq_routing', 'offsetof(struct kvm_irq_routing, entries) (IRQ_ROUTING_ENTRIES)', 'offsetof(struct kvm_irq_routing, entries)', IRQ_ROUTING_ENTRIES);
add('kvm_irq_routing', 'sizeof(kvm_irq_routing.entries[0])', 'sizeof(((struct kvm_irq_routing *)0)->entries[0])', kvm_irq_routing_entry.size);
for (const [n, v] of Object.entries(IRQ_ROUTING)) macro('kvm_irq_routing', n, v);
add('kvm_coalesced_mmio_ring', 'offsetof(struct kvm_coalesced_mmio_ring, coalesced_mmio) (COALESCED_RING_ENTRIES_OFFSET)',
  'offsetof(struct kvm_coalesced_mmio_ring, coalesced_mmio)', COALESCED_RING_ENTRIES_OFFSET);
add('kvm_stats_desc', 'offsetof(struct kvm_stats_desc, name) (STATS_DESC_NAME_OFFSET)', 'offsetof(struct kvm_stats_desc, name)', STATS_DESC_NAME_OFFSET);
add('kvm_lapic_state', 'sizeof(kvm_lapic_state.regs) (KVM_APIC_REG_SIZE)', 'sizeof(((struct kvm_lapic_state *)0)->regs)', KVM_APIC_REG_SIZE);
macro('kvm_lapic_state', 'KVM_APIC_REG_SIZE', KVM_APIC_REG_SIZE);
macro('kvm_pit_config', 'KVM_PIT_SPEAKER_DUMMY', KVM_PIT_SPEAKER_DUMMY);
structChecks(kvm_dirty_gfn);
macro('kvm_dirty_gfn', 'KVM_DIRTY_LOG_PAGE_OFFSET', KVM_DIRTY_LOG_PAGE_OFFSET);
for (const [group, table] of [['kvm_irqfd', IRQFD_FLAGS], ['kvm_ioeventfd', IOEVENTFD_FLAGS], ['kvm_clock_data', CLOCK_FLAGS],
  ['kvm_mp_state', MP_STATES], ['kvm_stats_desc', STATS], ['kvm_hyperv_eventfd', HYPERV_EVENTFD], ['kvm_device_attr', DEVICE_ATTRS],
  ['kvm_dirty_gfn', DIRTY_GFN], ['kvm_pit_state2', PIT_FLAGS]] as const) {
  for (const [name, v] of Object.entries(table)) macro(group, name, v);
}

// kvm_sregs: every member, and every field of every segment and descriptor table inside it.
for (const [name, offset] of Object.entries(SREGS_OFFSETS)) {
  add('kvm_sregs', `offsetof(struct kvm_sregs, ${name})`, `offsetof(struct kvm_sregs, ${name})`, offset);
}
for (const seg of SEGMENT_NAMES) {
  add('kvm_sregs', `sizeof(kvm_sregs.${seg})`, `sizeof(((struct kvm_sregs *)0)->${seg})`, kvm_segment.size);
  for (const [field, spec] of Object.entries(kvm_segment.fields)) {
    add('kvm_sregs', `offsetof(struct kvm_sregs, ${seg}.${field})`, `offsetof(struct kvm_sregs, ${seg}.${field})`, SREGS_OFFSETS[seg] + spec.offset);
  }
}
for (const dt of DTABLE_NAMES) {
  add('kvm_sregs', `sizeof(kvm_sregs.${dt})`, `sizeof(((struct kvm_sregs *)0)->${dt})`, kvm_dtable.size);
  for (const [field, spec] of Object.entries(kvm_dtable.fields)) {
    add('kvm_sregs', `offsetof(struct kvm_sregs, ${dt}.${field})`, `offsetof(struct kvm_sregs, ${dt}.${field})`, SREGS_OFFSETS[dt] + spec.offset);
  }
}
for (const c of CONTROL_NAMES) add('kvm_sregs', `sizeof(kvm_sregs.${c})`, `sizeof(((struct kvm_sregs *)0)->${c})`, 8);
add('kvm_sregs', 'sizeof(kvm_sregs.interrupt_bitmap)', 'sizeof(((struct kvm_sregs *)0)->interrupt_bitmap)', 4 * 8);

// kvm_run: each name in KVM_RUN is a C member path; the width is how kvmctl's decoder reads it
// (kvm/exit.ts and kvm/vcpu.ts), or undefined for arrays and nested structs.
const RUN_MEMBERS: Record<keyof typeof KVM_RUN, [string, number | undefined]> = {
  request_interrupt_window: ['request_interrupt_window', 1],
  immediate_exit: ['immediate_exit', 1],
  exit_reason: ['exit_reason', 4],
  ready_for_interrupt_injection: ['ready_for_interrupt_injection', 1],
  if_flag: ['if_flag', 1],
  flags: ['flags', 2],
  cr8: ['cr8', 8],
  apic_base: ['apic_base', 8],
  hw_hardware_exit_reason: ['hw.hardware_exit_reason', 8],
  fail_entry_hardware_entry_failure_reason: ['fail_entry.hardware_entry_failure_reason', 8],
  fail_entry_cpu: ['fail_entry.cpu', 4],
  ex_exception: ['ex.exception', 4],
  ex_error_code: ['ex.error_code', 4],
  io_direction: ['io.direction', 1],
  io_size: ['io.size', 1],
  io_port: ['io.port', 2],
  io_count: ['io.count', 4],
  io_data_offset: ['io.data_offset', 8],
  mmio_phys_addr: ['mmio.phys_addr', 8],
  mmio_data: ['mmio.data', 8],
  mmio_len: ['mmio.len', 4],
  mmio_is_write: ['mmio.is_write', 1],
  debug_exception: ['debug.arch.exception', 4],
  debug_pc: ['debug.arch.pc', 8],
  debug_dr6: ['debug.arch.dr6', 8],
  debug_dr7: ['debug.arch.dr7', 8],
  internal_suberror: ['internal.suberror', 4],
  internal_ndata: ['internal.ndata', 4],
  internal_data: ['internal.data', undefined],
  system_event_type: ['system_event.type', 4],
  system_event_ndata: ['system_event.ndata', 4],
  system_event_data: ['system_event.data', undefined],
  msr_error: ['msr.error', 1],
  msr_reason: ['msr.reason', 4],
  msr_index: ['msr.index', 4],
  msr_data: ['msr.data', 8],
  hypercall_nr: ['hypercall.nr', 8],
  hypercall_args: ['hypercall.args', 6 * 8],
  hypercall_ret: ['hypercall.ret', 8],
  hypercall_longmode: ['hypercall.longmode', 4],
  tpr_access_rip: ['tpr_access.rip', 8],
  tpr_access_is_write: ['tpr_access.is_write', 4],
  eoi_vector: ['eoi.vector', 1],
  hyperv_type: ['hyperv.type', 4],
  hyperv_synic_msr: ['hyperv.u.synic.msr', 4],
  hyperv_synic_control: ['hyperv.u.synic.control', 8],
  hyperv_synic_evt_page: ['hyperv.u.synic.evt_page', 8],
  hyperv_synic_msg_page: ['hyperv.u.synic.msg_page', 8],
  kvm_valid_regs: ['kvm_valid_regs', 8],
  kvm_dirty_regs: ['kvm_dirty_regs', 8],
  s_regs: ['s.regs', undefined],
  s_sregs: ['s.regs.sregs', SIZEOF.kvm_sregs],
  s_events: ['s.regs.events', SIZEOF.kvm_vcpu_events],
};
const unmapped = Object.keys(KVM_RUN).filter((k) => !(k in RUN_MEMBERS));
for (const [name, offset] of Object.entries(KVM_RUN) as Array<[keyof typeof KVM_RUN, number]>) {
  const member = RUN_MEMBERS[name];
  if (!member) continue;
  const [path, width] = member;
  add('kvm_run', `KVM_RUN.${name} = offsetof(struct kvm_run, ${path})`, `offsetof(struct kvm_run, ${path})`, offset);
  if (width !== undefined) add('kvm_run', `KVM_RUN.${name} width = sizeof(kvm_run.${path})`, `sizeof(((struct kvm_run *)0)->${path})`, width);
}
add('kvm_run', 'sizeof(struct kvm_sync_regs.regs) = kvm_regs', 'sizeof(((struct kvm_run *)0)->s.regs.regs)', kvm_regs.size);

for (const [name, size] of Object.entries(SIZEOF)) add('SIZEOF', `SIZEOF.${name} = sizeof(struct ${name})`, `sizeof(struct ${name})`, size);
for (const [name, nr] of Object.entries(IOCTLS)) macro('IOCTLS', name, nr);
for (const [name, nr] of Object.entries(CAPABILITIES)) macro('CAPABILITIES', name, nr);
for (const [name, nr] of Object.entries(EXIT_REASONS)) macro('EXIT_REASONS', name, nr);
macro('exits', 'KVM_EXIT_IO_IN', EXIT_IO_IN);
macro('exits', 'KVM_EXIT_IO_OUT', EXIT_IO_OUT);
macro('exits', 'KVM_EXIT_HYPERV_SYNIC', KVM_EXIT_HYPERV_SYNIC);
macro('exits', 'KVM_API_VERSION', API_VERSION);
const SUBCODE_MACROS: Record<string, string> = {
  emulation: 'KVM_INTERNAL_ERROR_EMULATION',
  simul_ex: 'KVM_INTERNAL_ERROR_SIMUL_EX',
  delivery_ev: 'KVM_INTERNAL_ERROR_DELIVERY_EV',
  unexpected_exit_reason: 'KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON',
};
for (const [nr, name] of Object.entries(INTERNAL_ERROR_SUBCODES)) {
  const m = SUBCODE_MACROS[name];
  if (m) macro('exits', m, Number(nr));
  else add('exits', `INTERNAL_ERROR_SUBCODES[${nr}] = '${name}' has no known KVM_INTERNAL_ERROR_* macro`, '-1', Number(nr));
}
for (const [name, v] of Object.entries(MEM_FLAGS)) macro('exits', name, v);
for (const [name, v] of Object.entries(GUESTDBG)) macro('exits', `KVM_GUESTDBG_${name}`, v);

// Structs filled in C with distinct values; kvmctl must decode the same values from those bytes and
// encode the values to the same bytes.
const regsValues = Object.fromEntries(Object.keys(kvm_regs.fields).map((n, i) => [n, 0x0102030405060708n * BigInt(i + 1) + 0x1111n]));
const segValue = (i: number) => ({
  base: 0x1000_0000_0000n + BigInt(i) * 0x1111n, limit: 0x10000 + i * 3, selector: 0x100 + i * 8, type: (i + 3) & 0xf,
  present: 1, dpl: i & 3, db: i & 1, s: (i + 1) & 1, l: (i >> 1) & 1, g: 1, avl: (i >> 2) & 1, unusable: i === 7 ? 1 : 0,
});
const sregsValues: Sregs = {
  ...(Object.fromEntries(SEGMENT_NAMES.map((s, i) => [s, segValue(i)])) as Pick<Sregs, (typeof SEGMENT_NAMES)[number]>),
  gdt: { base: 0xfeedf00d000n, limit: 0x3f }, idt: { base: 0xcafe0000n, limit: 0xfff },
  cr0: 0x80050033n, cr2: 0xdead0000beefn, cr3: 0x1234000n, cr4: 0x3406f8n, cr8: 0xfn, efer: 0xd01n, apic_base: 0xfee00900n,
  interrupt_bitmap: [0x8000000000000001n, 0x2n, 0x4000n, 0xf0f0f0f0f0f0f0f0n],
};
const regionValues = { slot: 0x10003, flags: 2, guest_phys_addr: 0x100000000n, memory_size: 0x200000n, userspace_addr: 0x7f0012340000n };

const eventsValues = Object.fromEntries(Object.entries(kvm_vcpu_events.fields).map(([n, f], i) =>
  [n, f.type === 'u64' ? 0x1122334455667788n : f.type === 'u32' ? 0x10000 + i : i + 1])) as Record<string, number | bigint>;
const fpuValues: Fpu = {
  fcw: 0x37f, fsw: 0x3800, ftwx: 0x81, last_opcode: 0x7ff, last_ip: 0x1234_5678_9abcn, last_dp: 0xfedc_ba98_7654n, mxcsr: 0x1f80,
  fpr: Array.from({ length: 8 }, (_, i) => Uint8Array.from({ length: 16 }, (_, j) => (i * 16 + j + 1) & 0xff)),
  xmm: Array.from({ length: 16 }, (_, i) => Uint8Array.from({ length: 16 }, (_, j) => (0x80 + i * 16 + j) & 0xff)),
};
const cLiteral = (v: number | bigint) => `${BigInt(v)}ULL`;
function fillC(): string {
  const lines: string[] = [];
  lines.push('{ struct kvm_regs v; memset(&v, 0, sizeof v);');
  for (const [n, v] of Object.entries(regsValues)) lines.push(`  v.${n} = ${cLiteral(v)};`);
  lines.push('  dump("kvm_regs", &v, sizeof v); }');
  lines.push('{ struct kvm_sregs v; memset(&v, 0, sizeof v);');
  for (const s of SEGMENT_NAMES) for (const [f, x] of Object.entries(sregsValues[s])) lines.push(`  v.${s}.${f} = ${cLiteral(x as number | bigint)};`);
  for (const d of DTABLE_NAMES) for (const [f, x] of Object.entries(sregsValues[d])) lines.push(`  v.${d}.${f} = ${cLiteral(x as number | bigint)};`);
  for (const c of CONTROL_NAMES) lines.push(`  v.${c} = ${cLiteral(sregsValues[c])};`);
  sregsValues.interrupt_bitmap.forEach((w, i) => lines.push(`  v.interrupt_bitmap[${i}] = ${cLiteral(w)};`));
  lines.push('  dump("kvm_sregs", &v, sizeof v); }');
  lines.push('{ struct kvm_userspace_memory_region v; memset(&v, 0, sizeof v);');
  for (const [n, v] of Object.entries(regionValues)) lines.push(`  v.${n} = ${cLiteral(v)};`);
  lines.push('  dump("kvm_userspace_memory_region", &v, sizeof v); }');
  lines.push('{ struct kvm_vcpu_events v; memset(&v, 0, sizeof v);');
  for (const [n, v] of Object.entries(eventsValues)) lines.push(`  v.${n.replace(EVENT_GROUPS, '$1.')} = ${cLiteral(v)};`);
  lines.push('  dump("kvm_vcpu_events", &v, sizeof v); }');
  lines.push('{ struct kvm_fpu v; memset(&v, 0, sizeof v);');
  for (const [n, v] of Object.entries(fpuValues)) {
    if (Array.isArray(v)) (v as Uint8Array[]).forEach((row, i) => row.forEach((b: number, j: number) => lines.push(`  v.${n}[${i}][${j}] = ${b};`)));
    else lines.push(`  v.${n} = ${cLiteral(v as number | bigint)};`);
  }
  lines.push('  dump("kvm_fpu", &v, sizeof v); }');
  return lines.join('\n');
}

function program(): string {
  const body = checks.map((c, i) => {
    const print = `printf("v%d %llu\\n", ${i}, (unsigned long long)(${c.expr}));`;
    return c.macro ? `#ifdef ${c.macro}\n  ${print}\n#else\n  printf("u%d\\n", ${i});\n#endif` : `  ${print}`;
  });
  return `#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/kvm.h>
static void dump(const char *name, const void *p, size_t n) {
  printf("b %s ", name);
  for (size_t i = 0; i < n; i++) printf("%02x", ((const unsigned char *)p)[i]);
  printf("\\n");
}
int main(void) {
${body.join('\n')}
${fillC()}
  return 0;
}
`;
}

// Every descriptor abi/ exports is checked above.
const unchecked = [structsModule, vcpuStateModule, devicesModule].flatMap((m) => Object.entries(m))
  .filter(([, v]) => v instanceof Struct && !checkedStructs.has(v as Struct<object>)).map(([name]) => name);

t.test('<linux/kvm.h> agrees with kvmctl/engine/abi', async (t) => {
  t.same(unmapped, [], 'every KVM_RUN offset has a C member in this test');
  t.same(unchecked, [], 'every struct descriptor in abi/ has its size and fields checked');
  const dir = scratchDir();
  const src = join(dir, 'abi.c');
  const exe = join(dir, 'abi');
  writeFileSync(src, program());
  try {
    await run('cc', ['-std=gnu11', '-Wall', '-Werror', '-o', exe, src]);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    t.fail(`cc could not compile the layout probe against <linux/kvm.h>: ${err.stderr || err.message}`);
    return;
  }
  const { stdout } = await run(exe, []);
  const values = new Map<number, bigint>();
  const undefinedMacros = new Set<number>();
  const bytes = new Map<string, Uint8Array>();
  for (const line of stdout.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^v(\d+) (\d+)$/.exec(line))) values.set(Number(m[1]), BigInt(m[2]));
    else if ((m = /^u(\d+)$/.exec(line))) undefinedMacros.add(Number(m[1]));
    else if ((m = /^b (\S+) ([0-9a-f]+)$/.exec(line))) bytes.set(m[1], Uint8Array.from(Buffer.from(m[2], 'hex')));
  }

  const groups = [...new Set(checks.map((c) => c.group))];
  for (const group of groups) {
    t.test(group, async (t) => {
      for (const [i, c] of checks.entries()) {
        if (c.group !== group) continue;
        if (undefinedMacros.has(i)) {
          t.fail(`${c.label}: kvmctl says ${BigInt(c.want)}, but <linux/kvm.h> does not define it`);
          continue;
        }
        const got = values.get(i);
        if (got === undefined) t.fail(`${c.label}: the probe printed nothing`);
        else t.equal(BigInt(c.want), got, `${c.label}: kvmctl ${BigInt(c.want)}, <linux/kvm.h> ${got}`);
      }
    });
  }

  t.test('encode/decode against structs filled in C', async (t) => {
    const cRegs = bytes.get('kvm_regs')!;
    t.equal(cRegs.length, kvm_regs.size, 'kvm_regs byte count');
    const decodedRegs = kvm_regs.decode(new DataView(cRegs.buffer));
    for (const [n, v] of Object.entries(regsValues)) t.equal(decodedRegs[n as keyof typeof decodedRegs], v, `kvm_regs.${n} decodes from C's bytes`);
    t.equal(Buffer.from(kvm_regs.buffer(regsValues)).toString('hex'), Buffer.from(cRegs).toString('hex'), 'kvm_regs encodes to C\'s bytes');

    const cSregs = bytes.get('kvm_sregs')!;
    t.equal(cSregs.length, SIZEOF.kvm_sregs, 'kvm_sregs byte count');
    const decodedSregs = decodeSregs(new DataView(cSregs.buffer));
    for (const s of SEGMENT_NAMES) {
      for (const [f, v] of Object.entries(sregsValues[s])) {
        t.equal(decodedSregs[s][f as keyof (typeof decodedSregs)['cs']], v, `kvm_sregs.${s}.${f} decodes from C's bytes`);
      }
    }
    for (const d of DTABLE_NAMES) t.same(decodedSregs[d], sregsValues[d], `kvm_sregs.${d} decodes from C's bytes`);
    for (const c of CONTROL_NAMES) t.equal(decodedSregs[c], sregsValues[c], `kvm_sregs.${c} decodes from C's bytes`);
    t.same(decodedSregs.interrupt_bitmap, sregsValues.interrupt_bitmap, 'kvm_sregs.interrupt_bitmap decodes from C\'s bytes');
    const mine = new Uint8Array(SIZEOF.kvm_sregs);
    encodeSregs(sregsValues, new DataView(mine.buffer));
    t.equal(Buffer.from(mine).toString('hex'), Buffer.from(cSregs).toString('hex'), 'kvm_sregs encodes to C\'s bytes');

    const cRegion = bytes.get('kvm_userspace_memory_region')!;
    t.same(kvm_userspace_memory_region.decode(new DataView(cRegion.buffer)), regionValues, 'kvm_userspace_memory_region decodes from C\'s bytes');
    t.equal(Buffer.from(kvm_userspace_memory_region.buffer(regionValues)).toString('hex'), Buffer.from(cRegion).toString('hex'),
      'kvm_userspace_memory_region encodes to C\'s bytes');

    const cEvents = bytes.get('kvm_vcpu_events')!;
    t.same(kvm_vcpu_events.decode(new DataView(cEvents.buffer)), eventsValues, 'kvm_vcpu_events decodes from C\'s bytes');
    t.equal(Buffer.from(kvm_vcpu_events.buffer(eventsValues)).toString('hex'), Buffer.from(cEvents).toString('hex'), 'kvm_vcpu_events encodes to C\'s bytes');

    const cFpu = bytes.get('kvm_fpu')!;
    t.same(decodeFpu(new DataView(cFpu.buffer)), fpuValues, 'kvm_fpu decodes from C\'s bytes');
    const fpuMine = new Uint8Array(kvm_fpu.size);
    encodeFpu(fpuValues, new DataView(fpuMine.buffer));
    t.equal(Buffer.from(fpuMine).toString('hex'), Buffer.from(cFpu).toString('hex'), 'kvm_fpu encodes to C\'s bytes');
  });
});
