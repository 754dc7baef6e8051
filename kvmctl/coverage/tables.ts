// What `kvmctl coverage` knows about the ABI beside the headers: the capability that announces each ioctl,
// the ioctls each engine method issues, and the ioctls each host-action verb issues. coverage.test holds
// each table to what it describes (every ioctl, every public method, every verb has an entry, and each
// name is a real ioctl or capability). Names are plain strings so that an entry for an ioctl the engine
// does not know yet costs nothing but a line; the tests catch a misspelling.
import type { Step } from '../harness/spec.js';

/**
 * The capability whose KVM_CHECK_EXTENSION announces each ioctl (api.rst's "Capability:" line, or
 * <linux/kvm.h>'s "Available with"); null for the basic ioctls every KVM has.
 */
export const IOCTL_CAPS: Readonly<Record<string, string | null>> = {
  KVM_GET_API_VERSION: null,
  KVM_CREATE_VM: null,
  KVM_GET_MSR_INDEX_LIST: null,
  KVM_CHECK_EXTENSION: null, // on a VM fd: KVM_CAP_CHECK_EXTENSION_VM
  KVM_GET_VCPU_MMAP_SIZE: null,
  KVM_GET_SUPPORTED_CPUID: 'KVM_CAP_EXT_CPUID',
  KVM_GET_EMULATED_CPUID: 'KVM_CAP_EXT_EMUL_CPUID',
  KVM_GET_MSR_FEATURE_INDEX_LIST: 'KVM_CAP_GET_MSR_FEATURES',
  KVM_GET_SUPPORTED_HV_CPUID: 'KVM_CAP_HYPERV_CPUID', // on a vCPU; on /dev/kvm: KVM_CAP_SYS_HYPERV_CPUID
  KVM_CREATE_VCPU: null,
  KVM_GET_DIRTY_LOG: null,
  KVM_SET_USER_MEMORY_REGION: 'KVM_CAP_USER_MEMORY',
  KVM_SET_NR_MMU_PAGES: 'KVM_CAP_MMU_SHADOW_CACHE_CONTROL',
  KVM_GET_NR_MMU_PAGES: 'KVM_CAP_MMU_SHADOW_CACHE_CONTROL',
  KVM_SET_TSS_ADDR: 'KVM_CAP_SET_TSS_ADDR',
  KVM_SET_IDENTITY_MAP_ADDR: 'KVM_CAP_SET_IDENTITY_MAP_ADDR',
  KVM_CREATE_IRQCHIP: 'KVM_CAP_IRQCHIP',
  KVM_IRQ_LINE: 'KVM_CAP_IRQCHIP',
  KVM_IRQ_LINE_STATUS: 'KVM_CAP_IRQ_INJECT_STATUS',
  KVM_REGISTER_COALESCED_MMIO: 'KVM_CAP_COALESCED_MMIO', // with pio=1: KVM_CAP_COALESCED_PIO as well
  KVM_UNREGISTER_COALESCED_MMIO: 'KVM_CAP_COALESCED_MMIO',
  KVM_SET_GSI_ROUTING: 'KVM_CAP_IRQ_ROUTING',
  KVM_IRQFD: 'KVM_CAP_IRQFD',
  KVM_CREATE_PIT2: 'KVM_CAP_PIT2',
  KVM_IOEVENTFD: 'KVM_CAP_IOEVENTFD',
  KVM_SET_CLOCK: 'KVM_CAP_ADJUST_CLOCK',
  KVM_GET_CLOCK: 'KVM_CAP_ADJUST_CLOCK',
  KVM_ENABLE_CAP: 'KVM_CAP_ENABLE_CAP_VM', // kvmctl issues it on the VM (on a vCPU: KVM_CAP_ENABLE_CAP)
  KVM_CLEAR_DIRTY_LOG: 'KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2',
  KVM_X86_SET_MSR_FILTER: 'KVM_CAP_X86_MSR_FILTER',
  KVM_GET_STATS_FD: 'KVM_CAP_BINARY_STATS_FD',
  KVM_RESET_DIRTY_RINGS: 'KVM_CAP_DIRTY_LOG_RING', // or KVM_CAP_DIRTY_LOG_RING_ACQ_REL, whichever enabled the ring
  // api.rst: KVM_CAP_DEVICE_CTRL on a device fd; on /dev/kvm KVM_CAP_SYS_ATTRIBUTES, on a vCPU KVM_CAP_VCPU_ATTRIBUTES
  // (a test of those names its capability itself)
  KVM_SET_DEVICE_ATTR: 'KVM_CAP_DEVICE_CTRL',
  KVM_GET_DEVICE_ATTR: 'KVM_CAP_DEVICE_CTRL',
  KVM_HAS_DEVICE_ATTR: 'KVM_CAP_DEVICE_CTRL',
  KVM_RUN: null,
  KVM_GET_REGS: null,
  KVM_SET_REGS: null,
  KVM_GET_SREGS: null,
  KVM_SET_SREGS: null,
  KVM_TRANSLATE: null,
  KVM_INTERRUPT: null,
  KVM_GET_MSRS: null,
  KVM_SET_MSRS: null,
  KVM_GET_FPU: null,
  KVM_SET_FPU: null,
  KVM_GET_LAPIC: 'KVM_CAP_IRQCHIP',
  KVM_SET_LAPIC: 'KVM_CAP_IRQCHIP',
  KVM_SET_CPUID2: 'KVM_CAP_EXT_CPUID',
  KVM_GET_CPUID2: 'KVM_CAP_EXT_CPUID', // not in api.rst; it came with KVM_SET_CPUID2
  KVM_GET_MP_STATE: 'KVM_CAP_MP_STATE',
  KVM_SET_MP_STATE: 'KVM_CAP_MP_STATE',
  KVM_NMI: 'KVM_CAP_USER_NMI',
  KVM_SET_GUEST_DEBUG: 'KVM_CAP_SET_GUEST_DEBUG',
  KVM_GET_VCPU_EVENTS: 'KVM_CAP_VCPU_EVENTS',
  KVM_SET_VCPU_EVENTS: 'KVM_CAP_VCPU_EVENTS',
  KVM_GET_DEBUGREGS: 'KVM_CAP_DEBUGREGS',
  KVM_SET_DEBUGREGS: 'KVM_CAP_DEBUGREGS',
  KVM_SET_TSC_KHZ: 'KVM_CAP_TSC_CONTROL',
  KVM_GET_TSC_KHZ: 'KVM_CAP_GET_TSC_KHZ',
  KVM_GET_XSAVE: 'KVM_CAP_XSAVE',
  KVM_SET_XSAVE: 'KVM_CAP_XSAVE',
  KVM_GET_XCRS: 'KVM_CAP_XCRS',
  KVM_SET_XCRS: 'KVM_CAP_XCRS',
  KVM_KVMCLOCK_CTRL: 'KVM_CAP_KVMCLOCK_CTRL',
  KVM_X86_GET_MCE_CAP_SUPPORTED: 'KVM_CAP_MCE',
  KVM_X86_SETUP_MCE: 'KVM_CAP_MCE',
  KVM_X86_SET_MCE: 'KVM_CAP_MCE',
  KVM_TPR_ACCESS_REPORTING: 'KVM_CAP_VAPIC',
  KVM_SET_VAPIC_ADDR: 'KVM_CAP_VAPIC',
  KVM_SET_BOOT_CPU_ID: 'KVM_CAP_SET_BOOT_CPU_ID',
  KVM_SIGNAL_MSI: 'KVM_CAP_SIGNAL_MSI',
  KVM_HYPERV_EVENTFD: 'KVM_CAP_HYPERV_EVENTFD',
  KVM_SMI: 'KVM_CAP_X86_SMM',
  KVM_GET_NESTED_STATE: 'KVM_CAP_NESTED_STATE',
  KVM_SET_NESTED_STATE: 'KVM_CAP_NESTED_STATE',
  KVM_GET_SREGS2: 'KVM_CAP_SREGS2',
  KVM_SET_SREGS2: 'KVM_CAP_SREGS2',
  KVM_GET_XSAVE2: 'KVM_CAP_XSAVE2',
};

/**
 * The ioctls each public method and accessor of System, Vm and Vcpu issues, as its doc comment names
 * them: the relation a host file's calls are read through. [] for none (kvm_run fields, bookkeeping),
 * and for the two that issue the request their caller passes (`readCpuid`, `Vcpu.ioctl`), which a host
 * file then names as IOCTLS.NAME.
 */
export const ENGINE_IOCTLS: Readonly<Record<'System' | 'Vm' | 'Vcpu', Readonly<Record<string, readonly string[]>>>> = {
  System: {
    open: ['KVM_GET_API_VERSION'],
    apiVersion: ['KVM_GET_API_VERSION'],
    checkExtension: ['KVM_CHECK_EXTENSION'],
    vcpuMmapSize: ['KVM_GET_VCPU_MMAP_SIZE'],
    supportedCpuid: ['KVM_GET_SUPPORTED_CPUID'],
    supportedHvCpuid: ['KVM_GET_SUPPORTED_HV_CPUID'],
    readCpuid: [],
    msrIndexList: ['KVM_GET_MSR_INDEX_LIST'],
    msrFeatureIndexList: ['KVM_GET_MSR_FEATURE_INDEX_LIST'],
    getMsrs: ['KVM_GET_MSRS'],
    mceCapSupported: ['KVM_X86_GET_MCE_CAP_SUPPORTED'],
    hasDeviceAttr: ['KVM_HAS_DEVICE_ATTR'],
    getDeviceAttr: ['KVM_GET_DEVICE_ATTR'],
    createVm: ['KVM_CREATE_VM'],
    close: [],
  },
  Vm: {
    addSlot: ['KVM_SET_USER_MEMORY_REGION'],
    setRegion: ['KVM_SET_USER_MEMORY_REGION'],
    deleteSlot: ['KVM_SET_USER_MEMORY_REGION'],
    moveSlot: ['KVM_SET_USER_MEMORY_REGION'],
    resolve: [],
    checkExtension: ['KVM_CHECK_EXTENSION'],
    setTssAddr: ['KVM_SET_TSS_ADDR'],
    setNrMmuPages: ['KVM_SET_NR_MMU_PAGES'],
    setIdentityMapAddr: ['KVM_SET_IDENTITY_MAP_ADDR'],
    nrMmuPages: ['KVM_GET_NR_MMU_PAGES'],
    irqLine: ['KVM_IRQ_LINE'],
    irqLineStatus: ['KVM_IRQ_LINE_STATUS'],
    createIrqchip: ['KVM_CREATE_IRQCHIP'],
    enableCap: ['KVM_ENABLE_CAP'],
    dirtyRingBytes: [],
    resetDirtyRings: ['KVM_RESET_DIRTY_RINGS'],
    getDirtyLog: ['KVM_GET_DIRTY_LOG'],
    clearDirtyLog: ['KVM_CLEAR_DIRTY_LOG'],
    setMsrFilter: ['KVM_X86_SET_MSR_FILTER'],
    eventfd: [],
    irqfd: ['KVM_IRQFD'],
    hypervEventfd: ['KVM_HYPERV_EVENTFD'],
    ioeventfd: ['KVM_IOEVENTFD'],
    registerCoalescedMmio: ['KVM_REGISTER_COALESCED_MMIO'],
    registerCoalescedPio: ['KVM_REGISTER_COALESCED_MMIO'],
    unregisterCoalesced: ['KVM_UNREGISTER_COALESCED_MMIO'],
    signalMsi: ['KVM_SIGNAL_MSI'],
    setGsiRouting: ['KVM_SET_GSI_ROUTING'],
    setBootCpuId: ['KVM_SET_BOOT_CPU_ID'],
    createPit2: ['KVM_CREATE_PIT2'],
    getClock: ['KVM_GET_CLOCK'],
    setClock: ['KVM_SET_CLOCK'],
    stats: ['KVM_GET_STATS_FD'],
    createVcpu: ['KVM_CREATE_VCPU'],
    close: [],
  },
  Vcpu: {
    run: ['KVM_RUN'],
    exitReason: [],
    immediateExit: [],
    requestInterruptWindow: [],
    readyForInterruptInjection: [],
    ifFlag: [],
    msrData: [],
    msrError: [],
    hypercallRet: [],
    getRegs: ['KVM_GET_REGS'],
    setRegs: ['KVM_GET_REGS', 'KVM_SET_REGS'],
    getSregs: ['KVM_GET_SREGS'],
    setSregs: ['KVM_SET_SREGS'],
    getSregs2: ['KVM_GET_SREGS2'],
    setSregs2: ['KVM_SET_SREGS2'],
    setCpuid: ['KVM_SET_CPUID2'],
    supportedHvCpuid: ['KVM_GET_SUPPORTED_HV_CPUID'],
    setMsrs: ['KVM_SET_MSRS'],
    getMsrs: ['KVM_GET_MSRS'],
    setGuestDebug: ['KVM_SET_GUEST_DEBUG'],
    interrupt: ['KVM_INTERRUPT'],
    nmi: ['KVM_NMI'],
    getVcpuEvents: ['KVM_GET_VCPU_EVENTS'],
    setVcpuEvents: ['KVM_GET_VCPU_EVENTS', 'KVM_SET_VCPU_EVENTS'],
    getDebugregs: ['KVM_GET_DEBUGREGS'],
    setDebugregs: ['KVM_SET_DEBUGREGS'],
    getFpu: ['KVM_GET_FPU'],
    setFpu: ['KVM_GET_FPU', 'KVM_SET_FPU'],
    getXsave: ['KVM_GET_XSAVE'],
    setXsave: ['KVM_SET_XSAVE'],
    getXsave2: ['KVM_GET_XSAVE2'],
    getXcrs: ['KVM_GET_XCRS'],
    setXcrs: ['KVM_SET_XCRS'],
    translate: ['KVM_TRANSLATE'],
    getTscKhz: ['KVM_GET_TSC_KHZ'],
    setTscKhz: ['KVM_SET_TSC_KHZ'],
    syncValidRegs: [],
    syncDirtyRegs: [],
    syncRegs: [],
    setSyncRegs: [],
    getLapic: ['KVM_GET_LAPIC'],
    setLapic: ['KVM_SET_LAPIC'],
    getMpState: ['KVM_GET_MP_STATE'],
    setMpState: ['KVM_SET_MP_STATE'],
    getNestedState: ['KVM_GET_NESTED_STATE'],
    setNestedState: ['KVM_SET_NESTED_STATE'],
    setupMce: ['KVM_X86_SETUP_MCE'],
    setMce: ['KVM_X86_SET_MCE'],
    smi: ['KVM_SMI'],
    enableCap: ['KVM_ENABLE_CAP'],
    kvmclockCtrl: ['KVM_KVMCLOCK_CTRL'],
    tprAccessReporting: ['KVM_TPR_ACCESS_REPORTING'],
    setVapicAddr: ['KVM_SET_VAPIC_ADDR'],
    hasDeviceAttr: ['KVM_HAS_DEVICE_ATTR'],
    getDeviceAttr: ['KVM_GET_DEVICE_ATTR'],
    setDeviceAttr: ['KVM_SET_DEVICE_ATTR'],
    stats: ['KVM_GET_STATS_FD'],
    takeCoalesced: [],
    dirtyRing: [],
    ioctl: [],
    close: [],
  },
};

/** What one host-action verb issues, and whether it asserts the result. */
export interface StepUse {
  /** The ioctl the step is about: the one `errno=` expects to fail, and the one a checking step reads. */
  ioctl?: string;
  /** Other ioctls it issues on the way (KVM_GET_REGS before KVM_SET_REGS). */
  also?: readonly string[];
  /** The step checks what `ioctl` returned (pages, registers, events): it asserts that ioctl's behaviour. */
  checks?: boolean;
  /** Capabilities the step itself names or needs (add-slot nr-memslots: KVM_CAP_NR_MEMSLOTS). */
  caps?: (step: Step) => string[];
  /** The named capabilities count as a header's `enable-cap:` ones do: the step declares them. */
  declaresCaps?: boolean;
}

/** Each `on:` verb (kvmctl/harness/vocabulary.ts, STEP_VERBS), as kvmctl/harness/actions.ts performs it. */
export const STEP_USES: Readonly<Record<string, StepUse>> = {
  answer: {}, // kvm_run: the IN/MMIO data, msr.data, hypercall.ret
  stop: {},
  continue: {},
  'add-slot': {
    ioctl: 'KVM_SET_USER_MEMORY_REGION',
    caps: (s) => [...(s.args[0] === 'nr-memslots' ? ['KVM_CAP_NR_MEMSLOTS'] : []), ...(s.args.includes('readonly') ? ['KVM_CAP_READONLY_MEM'] : [])],
  },
  'delete-slot': { ioctl: 'KVM_SET_USER_MEMORY_REGION' },
  'move-slot': { ioctl: 'KVM_SET_USER_MEMORY_REGION' },
  'dirty-log': { ioctl: 'KVM_GET_DIRTY_LOG', checks: true },
  'clear-dirty-log': { ioctl: 'KVM_CLEAR_DIRTY_LOG' },
  'dirty-ring': {}, // reads and flags the vCPU's mmapped dirty ring: no ioctl
  'reset-dirty-rings': { ioctl: 'KVM_RESET_DIRTY_RINGS', checks: true },
  'immediate-exit': { ioctl: 'KVM_RUN', also: ['KVM_GET_REGS'], checks: true, caps: () => ['KVM_CAP_IMMEDIATE_EXIT'] },
  'set-regs': { ioctl: 'KVM_SET_REGS', also: ['KVM_GET_REGS'] },
  'check-regs': { ioctl: 'KVM_GET_REGS', checks: true },
  'set-sregs': { ioctl: 'KVM_SET_SREGS', also: ['KVM_GET_SREGS'] },
  'check-sregs': { ioctl: 'KVM_GET_SREGS', checks: true },
  interrupt: { ioctl: 'KVM_INTERRUPT' },
  nmi: { ioctl: 'KVM_NMI' },
  smi: { ioctl: 'KVM_SMI' },
  'setup-mce': { ioctl: 'KVM_X86_SETUP_MCE' },
  mce: { ioctl: 'KVM_X86_SET_MCE' },
  'irq-line': { ioctl: 'KVM_IRQ_LINE' },
  'signal-msi': { ioctl: 'KVM_SIGNAL_MSI', checks: true }, // fails unless KVM reports the MSI delivered
  'irq-window': {}, // kvm_run.request_interrupt_window
  exception: { ioctl: 'KVM_SET_VCPU_EVENTS', also: ['KVM_GET_VCPU_EVENTS'] },
  'check-events': { ioctl: 'KVM_GET_VCPU_EVENTS', checks: true },
  'set-events': { ioctl: 'KVM_SET_VCPU_EVENTS', also: ['KVM_GET_VCPU_EVENTS'] },
  'enable-cap': { ioctl: 'KVM_ENABLE_CAP', caps: (s) => [s.args[0]], declaresCaps: true },
  'check-msrs': { ioctl: 'KVM_GET_MSRS', checks: true },
  'msr-error': {}, // kvm_run.msr.error
  debug: { ioctl: 'KVM_SET_GUEST_DEBUG' },
};
