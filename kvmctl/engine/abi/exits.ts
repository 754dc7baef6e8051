// KVM_EXIT_* reasons and the sub-codes kvmctl decodes, as in <linux/kvm.h>.

export const EXIT_REASONS = {
  KVM_EXIT_UNKNOWN: 0,
  KVM_EXIT_EXCEPTION: 1,
  KVM_EXIT_IO: 2,
  KVM_EXIT_HYPERCALL: 3,
  KVM_EXIT_DEBUG: 4,
  KVM_EXIT_HLT: 5,
  KVM_EXIT_MMIO: 6,
  KVM_EXIT_IRQ_WINDOW_OPEN: 7,
  KVM_EXIT_SHUTDOWN: 8,
  KVM_EXIT_FAIL_ENTRY: 9,
  KVM_EXIT_INTR: 10,
  KVM_EXIT_SET_TPR: 11,
  KVM_EXIT_TPR_ACCESS: 12,
  KVM_EXIT_NMI: 16,
  KVM_EXIT_INTERNAL_ERROR: 17,
  KVM_EXIT_SYSTEM_EVENT: 24,
  KVM_EXIT_IOAPIC_EOI: 26,
  KVM_EXIT_HYPERV: 27,
  KVM_EXIT_X86_RDMSR: 29,
  KVM_EXIT_X86_WRMSR: 30,
  KVM_EXIT_DIRTY_RING_FULL: 31,
  KVM_EXIT_X86_BUS_LOCK: 33,
  KVM_EXIT_XEN: 34,
  KVM_EXIT_NOTIFY: 37,
} as const;

/** kvm_run.hyperv.type of a KVM_EXIT_HYPERV: a guest write of a SynIC MSR. */
export const KVM_EXIT_HYPERV_SYNIC = 1;

export const EXIT_IO_IN = 0;
export const EXIT_IO_OUT = 1;

export const INTERNAL_ERROR_SUBCODES: Readonly<Record<number, string>> = {
  1: 'emulation',
  2: 'simul_ex',
  3: 'delivery_ev',
  4: 'unexpected_exit_reason',
};

export const MEM_FLAGS = { KVM_MEM_LOG_DIRTY_PAGES: 1, KVM_MEM_READONLY: 2 } as const;

export const GUESTDBG = {
  ENABLE: 0x1,
  SINGLESTEP: 0x2,
  USE_SW_BP: 0x10000,
  USE_HW_BP: 0x20000,
  INJECT_DB: 0x40000,
  INJECT_BP: 0x80000,
  BLOCKIRQ: 0x100000,
} as const;

export const API_VERSION = 12;
