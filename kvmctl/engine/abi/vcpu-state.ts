// The layouts of the x86 vCPU-state structs (events, debug registers, FPU, XCRs, XSAVE, KVM_TRANSLATE,
// the MSR filter) and their flag values, defined once. abi.test checks every offset, size and
// constant against <linux/kvm.h>; field names join C member paths with '_' (exception.nr -> exception_nr).
import { packed, Struct } from './layout.js';

/** kvm_vcpu_events (64 bytes): pending/injected exception, interrupt and NMI, SMM, payload. */
export interface VcpuEvents {
  exception_injected: number; exception_nr: number; exception_has_error_code: number; exception_pending: number;
  exception_error_code: number;
  interrupt_injected: number; interrupt_nr: number; interrupt_soft: number; interrupt_shadow: number;
  nmi_injected: number; nmi_pending: number; nmi_masked: number;
  sipi_vector: number; flags: number;
  smi_smm: number; smi_pending: number; smi_smm_inside_nmi: number; smi_latched_init: number;
  triple_fault_pending: number;
  exception_has_payload: number; exception_payload: bigint;
}
export const kvm_vcpu_events = new Struct<VcpuEvents>('kvm_vcpu_events', 64, {
  ...packed([
    ['exception_injected', 'u8'], ['exception_nr', 'u8'], ['exception_has_error_code', 'u8'], ['exception_pending', 'u8'],
    ['exception_error_code', 'u32'],
    ['interrupt_injected', 'u8'], ['interrupt_nr', 'u8'], ['interrupt_soft', 'u8'], ['interrupt_shadow', 'u8'],
    ['nmi_injected', 'u8'], ['nmi_pending', 'u8'], ['nmi_masked', 'u8'],
    ['sipi_vector', 'u32'], ['flags', 'u32'],
    ['smi_smm', 'u8'], ['smi_pending', 'u8'], ['smi_smm_inside_nmi', 'u8'], ['smi_latched_init', 'u8'],
    ['triple_fault_pending', 'u8'],
  ] as const).fields,
  exception_has_payload: { offset: 55, type: 'u8' },
  exception_payload: { offset: 56, type: 'u64' },
});

/** kvm_vcpu_events.flags */
export const VCPUEVENT_VALID = {
  NMI_PENDING: 0x1,
  SIPI_VECTOR: 0x2,
  SHADOW: 0x4,
  SMM: 0x8,
  PAYLOAD: 0x10,
  TRIPLE_FAULT: 0x20,
} as const;

/** kvm_debugregs (128 bytes): DR0-DR3, DR6, DR7, flags (must be 0). */
export interface Debugregs { db_0: bigint; db_1: bigint; db_2: bigint; db_3: bigint; dr6: bigint; dr7: bigint; flags: bigint }
export const kvm_debugregs = new Struct<Debugregs>('kvm_debugregs', 128, packed([
  ['db_0', 'u64'], ['db_1', 'u64'], ['db_2', 'u64'], ['db_3', 'u64'], ['dr6', 'u64'], ['dr7', 'u64'], ['flags', 'u64'],
] as const).fields);

/** kvm_fpu (416 bytes): the scalar fields; `fpr` (8 x 16 bytes) and `xmm` (16 x 16 bytes) are at FPU_ARRAYS. */
export interface FpuScalars { fcw: number; fsw: number; ftwx: number; last_opcode: number; last_ip: bigint; last_dp: bigint; mxcsr: number }
export const kvm_fpu = new Struct<FpuScalars>('kvm_fpu', 416, {
  ...packed([['fcw', 'u16'], ['fsw', 'u16'], ['ftwx', 'u8'], ['last_opcode', 'u16'], ['last_ip', 'u64'], ['last_dp', 'u64']] as const, 128).fields,
  mxcsr: { offset: 408, type: 'u32' },
});
export const FPU_ARRAYS = { fpr: { offset: 0, count: 8, width: 16 }, xmm: { offset: 152, count: 16, width: 16 } } as const;
export type Fpu = FpuScalars & { fpr: Uint8Array[]; xmm: Uint8Array[] };

export function decodeFpu(view: DataView): Fpu {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, kvm_fpu.size);
  const rows = (a: { offset: number; count: number; width: number }) =>
    Array.from({ length: a.count }, (_, i) => bytes.slice(a.offset + i * a.width, a.offset + (i + 1) * a.width));
  return { ...kvm_fpu.decode(view), fpr: rows(FPU_ARRAYS.fpr), xmm: rows(FPU_ARRAYS.xmm) };
}

export function encodeFpu(fpu: Partial<Fpu>, view: DataView): void {
  const { fpr, xmm, ...scalars } = fpu;
  kvm_fpu.encode(scalars, view);
  const bytes = new Uint8Array(view.buffer, view.byteOffset, kvm_fpu.size);
  fpr?.forEach((r, i) => bytes.set(r.subarray(0, 16), FPU_ARRAYS.fpr.offset + 16 * i));
  xmm?.forEach((r, i) => bytes.set(r.subarray(0, 16), FPU_ARRAYS.xmm.offset + 16 * i));
}

/** kvm_xcr (16 bytes) and kvm_xcrs (392 bytes): nr_xcrs, flags, then up to KVM_MAX_XCRS entries. */
export interface Xcr { xcr: number; value: bigint }
export const kvm_xcr = new Struct<Xcr>('kvm_xcr', 16, { xcr: { offset: 0, type: 'u32' }, value: { offset: 8, type: 'u64' } });
export const kvm_xcrs = new Struct<{ nr_xcrs: number; flags: number }>('kvm_xcrs', 392, packed([['nr_xcrs', 'u32'], ['flags', 'u32']] as const).fields);
export const XCRS_ENTRIES = 8; // offsetof(struct kvm_xcrs, xcrs)
export const KVM_MAX_XCRS = 16;

/** kvm_xsave: SIZEOF.kvm_xsave (4096) bytes in the non-compacted XSAVE format, at the host's CPUID 0xD offsets. */
export const XSAVE = {
  fcw: 0, mxcsr: 24, st0: 32, xmm0: 160, // the legacy (FXSAVE) region
  xstate_bv: 512, xcomp_bv: 520, // the XSAVE header
} as const;

/** kvm_translation (24 bytes): KVM_TRANSLATE's linear address in, physical address and PTE bits out. */
export interface Translation { linear_address: bigint; physical_address: bigint; valid: number; writeable: number; usermode: number }
export const kvm_translation = new Struct<Translation>('kvm_translation', 24, packed([
  ['linear_address', 'u64'], ['physical_address', 'u64'], ['valid', 'u8'], ['writeable', 'u8'], ['usermode', 'u8'],
] as const).fields);

/** kvm_msr_filter_range (24 bytes; bitmap is a user pointer) and kvm_msr_filter (flags + 16 ranges). */
export interface MsrFilterRange { flags: number; nmsrs: number; base: number; bitmap: bigint }
export const kvm_msr_filter_range = new Struct<MsrFilterRange>('kvm_msr_filter_range', 24, packed([
  ['flags', 'u32'], ['nmsrs', 'u32'], ['base', 'u32'], ['bitmap', 'u64'],
] as const).fields);
export const kvm_msr_filter = new Struct<{ flags: number }>('kvm_msr_filter', 392, { flags: { offset: 0, type: 'u32' } });
export const MSR_FILTER_RANGES = 8; // offsetof(struct kvm_msr_filter, ranges)
export const KVM_MSR_FILTER_MAX_RANGES = 16;
export const MSR_FILTER = { READ: 1, WRITE: 2, DEFAULT_ALLOW: 0, DEFAULT_DENY: 1 } as const;
/** KVM_CAP_X86_USER_SPACE_MSR's args[0] and kvm_run.msr.reason */
export const MSR_EXIT_REASON = { INVAL: 1, UNKNOWN: 2, FILTER: 4 } as const;

/**
 * kvm_nested_state (KVM_GET/SET_NESTED_STATE): this 128-byte header, then the format's data (SVM: the vmcb12
 * page), `size` bytes in all. hdr_svm_vmcb_pa is hdr.svm.vmcb_pa.
 */
export interface NestedState { flags: number; format: number; size: number; hdr_svm_vmcb_pa: bigint }
export const kvm_nested_state = new Struct<NestedState>('kvm_nested_state', 128, {
  ...packed([['flags', 'u16'], ['format', 'u16'], ['size', 'u32'], ['hdr_svm_vmcb_pa', 'u64']] as const).fields,
});
export const NESTED_STATE = {
  KVM_STATE_NESTED_FORMAT_VMX: 0, KVM_STATE_NESTED_FORMAT_SVM: 1,
  KVM_STATE_NESTED_GUEST_MODE: 0x1, KVM_STATE_NESTED_RUN_PENDING: 0x2, KVM_STATE_NESTED_GIF_SET: 0x100,
  KVM_STATE_NESTED_SVM_VMCB_SIZE: 0x1000,
} as const;

/** kvm_x86_mce (KVM_X86_SET_MCE): a machine check for bank `bank` (KVM_X86_SETUP_MCE takes the u64 MCG_CAP). */
export interface X86Mce { status: bigint; addr: bigint; misc: bigint; mcg_status: bigint; bank: number }
export const kvm_x86_mce = new Struct<X86Mce>('kvm_x86_mce', 64, packed([
  ['status', 'u64'], ['addr', 'u64'], ['misc', 'u64'], ['mcg_status', 'u64'], ['bank', 'u8'],
] as const).fields);

/** kvm_tpr_access_ctl (KVM_TPR_ACCESS_REPORTING): `enabled` in, `flags` must be 0; eight reserved u32s follow. */
export interface TprAccessCtl { enabled: number; flags: number }
export const kvm_tpr_access_ctl = new Struct<TprAccessCtl>('kvm_tpr_access_ctl', 40, packed([
  ['enabled', 'u32'], ['flags', 'u32'],
] as const).fields);

/** kvm_vapic_addr (KVM_SET_VAPIC_ADDR): the guest physical address of the vAPIC word, 0 to turn it off. */
export const kvm_vapic_addr = new Struct<{ vapic_addr: bigint }>('kvm_vapic_addr', 8, { vapic_addr: { offset: 0, type: 'u64' } });

/** kvm_run.kvm_valid_regs / kvm_dirty_regs bits (KVM_CAP_SYNC_REGS). */
export const SYNC_REGS = { REGS: 1, SREGS: 2, EVENTS: 4 } as const;
