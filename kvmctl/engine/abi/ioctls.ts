// KVM ioctl request numbers, built with the kernel's _IOC encoding from the struct sizes.
// abi.test compiles a C program against <linux/kvm.h> and compares every entry.
import {
  kvm_clock_data, kvm_coalesced_mmio_zone, kvm_hyperv_eventfd, kvm_ioeventfd, kvm_irq_routing, kvm_irqfd, kvm_mp_state, kvm_msi, kvm_pit_config, kvm_device_attr,
  kvm_pit_state, kvm_pit_state2, kvm_reinject_control,
} from './devices.js';
import {
  kvm_clear_dirty_log, kvm_cpuid2, kvm_dirty_log, kvm_enable_cap, kvm_guest_debug, kvm_interrupt, kvm_irq_level, kvm_msr_list,
  kvm_msrs, kvm_regs, kvm_sregs2, kvm_userspace_memory_region,
} from './structs.js';
import {
  kvm_debugregs, kvm_fpu, kvm_msr_filter, kvm_nested_state, kvm_tpr_access_ctl, kvm_translation, kvm_vapic_addr, kvm_vcpu_events, kvm_x86_mce,
  kvm_xcrs,
} from './vcpu-state.js';

const KVMIO = 0xae;
const NONE = 0, WRITE = 1, READ = 2;
const ioc = (dir: number, nr: number, size: number): number => ((dir << 30) | (size << 16) | (KVMIO << 8) | nr) >>> 0;
const io = (nr: number) => ioc(NONE, nr, 0);
const ior = (nr: number, size: number) => ioc(READ, nr, size);
const iow = (nr: number, size: number) => ioc(WRITE, nr, size);
const iowr = (nr: number, size: number) => ioc(READ | WRITE, nr, size);

/**
 * Sizes of the argument structs, in bytes (x86-64): a descriptor's size where abi/ has one, else the
 * sizeof of a struct kvmctl passes as whole bytes.
 */
export const SIZEOF = {
  kvm_regs: kvm_regs.size,
  kvm_sregs: 312,
  kvm_userspace_memory_region: kvm_userspace_memory_region.size,
  kvm_msr_list: kvm_msr_list.size,
  kvm_cpuid2: kvm_cpuid2.size,
  kvm_msrs: kvm_msrs.size,
  kvm_fpu: kvm_fpu.size,
  kvm_lapic_state: 1024,
  kvm_guest_debug: kvm_guest_debug.size,
  kvm_mp_state: kvm_mp_state.size,
  kvm_vcpu_events: kvm_vcpu_events.size,
  kvm_debugregs: kvm_debugregs.size,
  kvm_xsave: 4096,
  kvm_xcrs: kvm_xcrs.size,
  kvm_translation: kvm_translation.size,
  kvm_interrupt: kvm_interrupt.size,
  kvm_dirty_log: kvm_dirty_log.size,
  kvm_clear_dirty_log: kvm_clear_dirty_log.size,
  kvm_irq_level: kvm_irq_level.size,
  kvm_coalesced_mmio_zone: kvm_coalesced_mmio_zone.size,
  kvm_irqfd: kvm_irqfd.size,
  kvm_hyperv_eventfd: kvm_hyperv_eventfd.size,
  kvm_ioeventfd: kvm_ioeventfd.size,
  kvm_pit_config: kvm_pit_config.size,
  kvm_clock_data: kvm_clock_data.size,
  kvm_enable_cap: kvm_enable_cap.size,
  kvm_msr_filter: kvm_msr_filter.size,
  kvm_irq_routing: kvm_irq_routing.size,
  kvm_sregs2: kvm_sregs2.size,
  kvm_nested_state: kvm_nested_state.size,
  kvm_msi: kvm_msi.size,
  kvm_x86_mce: kvm_x86_mce.size,
  kvm_tpr_access_ctl: kvm_tpr_access_ctl.size,
  kvm_vapic_addr: kvm_vapic_addr.size,
  kvm_device_attr: kvm_device_attr.size,
  kvm_pit_state: kvm_pit_state.size,
  kvm_pit_state2: kvm_pit_state2.size,
  kvm_reinject_control: kvm_reinject_control.size,
} as const;
/** The argument of KVM_X86_SETUP_MCE and KVM_X86_GET_MCE_CAP_SUPPORTED is a bare __u64. */
const U64 = 8;

export const IOCTLS = {
  // /dev/kvm
  KVM_GET_API_VERSION: io(0x00),
  KVM_CREATE_VM: io(0x01),
  KVM_GET_MSR_INDEX_LIST: iowr(0x02, SIZEOF.kvm_msr_list),
  KVM_CHECK_EXTENSION: io(0x03),
  KVM_GET_VCPU_MMAP_SIZE: io(0x04),
  KVM_GET_SUPPORTED_CPUID: iowr(0x05, SIZEOF.kvm_cpuid2),
  KVM_GET_EMULATED_CPUID: iowr(0x09, SIZEOF.kvm_cpuid2),
  KVM_GET_MSR_FEATURE_INDEX_LIST: iowr(0x0a, SIZEOF.kvm_msr_list),
  KVM_X86_GET_MCE_CAP_SUPPORTED: ior(0x9d, U64),
  // /dev/kvm (KVM_CAP_SYS_HYPERV_CPUID) and vCPU (KVM_CAP_HYPERV_CPUID): the same request on either fd
  KVM_GET_SUPPORTED_HV_CPUID: iowr(0xc1, SIZEOF.kvm_cpuid2),
  // VM
  KVM_CREATE_VCPU: io(0x41),
  KVM_GET_DIRTY_LOG: iow(0x42, SIZEOF.kvm_dirty_log),
  KVM_SET_NR_MMU_PAGES: io(0x44),
  KVM_GET_NR_MMU_PAGES: io(0x45),
  KVM_SET_USER_MEMORY_REGION: iow(0x46, SIZEOF.kvm_userspace_memory_region),
  KVM_SET_TSS_ADDR: io(0x47),
  KVM_SET_IDENTITY_MAP_ADDR: iow(0x48, 8),
  KVM_CREATE_IRQCHIP: io(0x60),
  KVM_IRQ_LINE: iow(0x61, SIZEOF.kvm_irq_level),
  KVM_IRQ_LINE_STATUS: iowr(0x67, SIZEOF.kvm_irq_level),
  KVM_GET_PIT: iowr(0x65, SIZEOF.kvm_pit_state),
  KVM_SET_PIT: ior(0x66, SIZEOF.kvm_pit_state), // _IOR in <linux/kvm.h>, though the kernel reads it
  KVM_REINJECT_CONTROL: io(0x71),
  KVM_GET_PIT2: ior(0x9f, SIZEOF.kvm_pit_state2),
  KVM_SET_PIT2: iow(0xa0, SIZEOF.kvm_pit_state2),
  KVM_REGISTER_COALESCED_MMIO: iow(0x67, SIZEOF.kvm_coalesced_mmio_zone),
  KVM_UNREGISTER_COALESCED_MMIO: iow(0x68, SIZEOF.kvm_coalesced_mmio_zone),
  KVM_SET_GSI_ROUTING: iow(0x6a, SIZEOF.kvm_irq_routing),
  KVM_IRQFD: iow(0x76, SIZEOF.kvm_irqfd),
  KVM_CREATE_PIT2: iow(0x77, SIZEOF.kvm_pit_config),
  KVM_SET_BOOT_CPU_ID: io(0x78),
  KVM_IOEVENTFD: iow(0x79, SIZEOF.kvm_ioeventfd),
  KVM_SET_CLOCK: iow(0x7b, SIZEOF.kvm_clock_data),
  KVM_GET_CLOCK: ior(0x7c, SIZEOF.kvm_clock_data),
  KVM_ENABLE_CAP: iow(0xa3, SIZEOF.kvm_enable_cap),
  KVM_SIGNAL_MSI: iow(0xa5, SIZEOF.kvm_msi),
  KVM_HYPERV_EVENTFD: iow(0xbd, SIZEOF.kvm_hyperv_eventfd),
  KVM_CLEAR_DIRTY_LOG: iowr(0xc0, SIZEOF.kvm_clear_dirty_log),
  KVM_X86_SET_MSR_FILTER: iow(0xc6, SIZEOF.kvm_msr_filter),
  KVM_GET_STATS_FD: io(0xce),
  KVM_RESET_DIRTY_RINGS: io(0xc7),
  // /dev/kvm, vCPU or device
  KVM_SET_DEVICE_ATTR: iow(0xe1, SIZEOF.kvm_device_attr),
  KVM_GET_DEVICE_ATTR: iow(0xe2, SIZEOF.kvm_device_attr),
  KVM_HAS_DEVICE_ATTR: iow(0xe3, SIZEOF.kvm_device_attr),
  // vCPU
  KVM_RUN: io(0x80),
  KVM_GET_REGS: ior(0x81, SIZEOF.kvm_regs),
  KVM_SET_REGS: iow(0x82, SIZEOF.kvm_regs),
  KVM_GET_SREGS: ior(0x83, SIZEOF.kvm_sregs),
  KVM_SET_SREGS: iow(0x84, SIZEOF.kvm_sregs),
  KVM_TRANSLATE: iowr(0x85, SIZEOF.kvm_translation),
  KVM_INTERRUPT: iow(0x86, SIZEOF.kvm_interrupt),
  KVM_GET_MSRS: iowr(0x88, SIZEOF.kvm_msrs),
  KVM_SET_MSRS: iow(0x89, SIZEOF.kvm_msrs),
  KVM_GET_FPU: ior(0x8c, SIZEOF.kvm_fpu),
  KVM_SET_FPU: iow(0x8d, SIZEOF.kvm_fpu),
  KVM_GET_LAPIC: ior(0x8e, SIZEOF.kvm_lapic_state),
  KVM_SET_LAPIC: iow(0x8f, SIZEOF.kvm_lapic_state),
  KVM_SET_CPUID2: iow(0x90, SIZEOF.kvm_cpuid2),
  KVM_GET_CPUID2: iowr(0x91, SIZEOF.kvm_cpuid2),
  KVM_GET_MP_STATE: ior(0x98, SIZEOF.kvm_mp_state),
  KVM_SET_MP_STATE: iow(0x99, SIZEOF.kvm_mp_state),
  KVM_NMI: io(0x9a),
  KVM_SET_GUEST_DEBUG: iow(0x9b, SIZEOF.kvm_guest_debug),
  KVM_GET_VCPU_EVENTS: ior(0x9f, SIZEOF.kvm_vcpu_events),
  KVM_SET_VCPU_EVENTS: iow(0xa0, SIZEOF.kvm_vcpu_events),
  KVM_GET_DEBUGREGS: ior(0xa1, SIZEOF.kvm_debugregs),
  KVM_SET_DEBUGREGS: iow(0xa2, SIZEOF.kvm_debugregs),
  KVM_SET_TSC_KHZ: io(0xa2),
  KVM_GET_TSC_KHZ: io(0xa3),
  KVM_GET_XSAVE: ior(0xa4, SIZEOF.kvm_xsave),
  KVM_SET_XSAVE: iow(0xa5, SIZEOF.kvm_xsave),
  KVM_GET_XCRS: ior(0xa6, SIZEOF.kvm_xcrs),
  KVM_SET_XCRS: iow(0xa7, SIZEOF.kvm_xcrs),
  KVM_KVMCLOCK_CTRL: io(0xad),
  KVM_X86_SETUP_MCE: iow(0x9c, U64),
  KVM_X86_SET_MCE: iow(0x9e, SIZEOF.kvm_x86_mce),
  KVM_TPR_ACCESS_REPORTING: iowr(0x92, SIZEOF.kvm_tpr_access_ctl),
  KVM_SET_VAPIC_ADDR: iow(0x93, SIZEOF.kvm_vapic_addr),
  KVM_SMI: io(0xb7),
  KVM_GET_NESTED_STATE: iowr(0xbe, SIZEOF.kvm_nested_state),
  KVM_SET_NESTED_STATE: iow(0xbf, SIZEOF.kvm_nested_state),
  KVM_GET_SREGS2: ior(0xcc, SIZEOF.kvm_sregs2),
  KVM_SET_SREGS2: iow(0xcd, SIZEOF.kvm_sregs2),
  KVM_GET_XSAVE2: ior(0xcf, SIZEOF.kvm_xsave),
} as const;

export type IoctlName = keyof typeof IOCTLS;

const byNumber = new Map<number, string>();
for (const [name, nr] of Object.entries(IOCTLS)) if (!byNumber.has(nr)) byNumber.set(nr, name);
/** The name of an ioctl request number, for error messages. */
export function ioctlName(request: number): string {
  return byNumber.get(request) ?? `ioctl 0x${request.toString(16)}`;
}
