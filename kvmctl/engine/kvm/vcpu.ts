// Vcpu: one virtual CPU (kvm-ioctls' `VcpuFd`): its registers and KVM_RUN over the shared kvm_run page.
import { IOCTLS, SIZEOF } from '../abi/ioctls.js';
import {
  enableCapArgument, CPUID2_ENTRIES, cpuid2Buffer, cpuid2Entries, decodeSregs, encodeSregs, GUEST_DEBUGREG_NAMES, kvm_cpuid2, kvm_cpuid_entry2, kvm_guest_debug, kvm_interrupt,
  kvm_msr_entry, kvm_msrs, kvm_regs, KVM_RUN as O, MSRS_ENTRIES, type CpuidEntry2, type GuestDebug, type MsrEntry, type Regs,
  type Sregs, decodeSregs2, encodeSregs2, type Sregs2,
} from '../abi/structs.js';
import {
  decodeFpu, encodeFpu, kvm_debugregs, kvm_fpu, kvm_nested_state, kvm_tpr_access_ctl, kvm_translation, kvm_vapic_addr, kvm_vcpu_events, kvm_x86_mce, kvm_xcr, kvm_xcrs,
  KVM_MAX_XCRS, XCRS_ENTRIES, type Debugregs, type Fpu, type NestedState, type Translation, type VcpuEvents, type X86Mce, type Xcr,
} from '../abi/vcpu-state.js';
import {
  COALESCED_RING_ENTRIES_OFFSET, KVM_APIC_REG_SIZE, kvm_coalesced_mmio, kvm_coalesced_mmio_ring, kvm_mp_state, type CoalescedEntry,
} from '../abi/devices.js';
import * as libc from '../sys/libc.js';
import { hasAttr, transferAttr } from './device-attr.js';
import { DirtyRing } from './dirty-ring.js';
import { ExitDecoder, INTR_EXIT, type Exit } from './exit.js';
import { openStats, type Stats } from './stats.js';
import type { Vm } from './vm.js';

export class Vcpu {
  /** The whole kvm_run mapping; exit data (IO and MMIO) point into it, so writing them answers a read. */
  readonly run_bytes: Uint8Array;
  readonly run_view: DataView;
  private readonly mapping: libc.Mapping;
  private readonly regsBuf = new Uint8Array(kvm_regs.size);
  private readonly regsView = new DataView(this.regsBuf.buffer);
  private readonly sregsBuf = new Uint8Array(SIZEOF.kvm_sregs);
  private readonly sregsView = new DataView(this.sregsBuf.buffer);
  private closed = false;
  private readonly decoder: ExitDecoder;

  /**
   * No ioctl: mmaps the kvm_run of a vCPU fd (Vm.createVcpu issues KVM_CREATE_VCPU). A vCPU of `vm`, or (vm undefined) a second
   * view of a vCPU fd owned elsewhere, for running it on another thread: such a view maps its own kvm_run and never closes the fd.
   */
  constructor(readonly vm: Vm | undefined, readonly fd: number, readonly id: number, mmapSize = vm!.system.vcpuMmapSize()) {
    this.mapping = libc.mmap(mmapSize, libc.PROT_READ | libc.PROT_WRITE, libc.MAP_SHARED, fd);
    this.run_bytes = new Uint8Array(this.mapping.buffer);
    this.run_view = new DataView(this.mapping.buffer);
    this.decoder = new ExitDecoder(this.run_view, this.run_bytes);
  }

  /**
   * KVM_RUN. Returns the decoded exit; a signal (EINTR) is the `intr` exit, and so is EAGAIN, which x86
   * KVM returns when a vCPU that waited for INIT (an AP, with an in-kernel irqchip) wakes up: nothing
   * happened that userspace must handle, and the caller runs the vCPU again. Any other error throws.
   */
  run(): Exit {
    if (libc.ioctlRaw(this.fd, IOCTLS.KVM_RUN) < 0) {
      const errno = libc.lastErrno();
      if (errno === libc.EINTR || errno === libc.EAGAIN) return INTR_EXIT;
      throw new libc.SysError('KVM_RUN', errno);
    }
    return this.decoder.decode(); // IO, MMIO and HLT exits are reused objects: valid until the next run()
  }

  /** kvm_run.exit_reason: the raw KVM_EXIT_* of the last KVM_RUN. */
  get exitReason(): number { return this.run_view.getUint32(O.exit_reason, true); }

  /** kvm_run.immediate_exit: when set, the next KVM_RUN returns EINTR without entering the guest. */
  get immediateExit(): boolean { return this.run_view.getUint8(O.immediate_exit) !== 0; }
  set immediateExit(on: boolean) { this.run_view.setUint8(O.immediate_exit, on ? 1 : 0); }

  /** kvm_run.request_interrupt_window: KVM_RUN exits (KVM_EXIT_IRQ_WINDOW_OPEN) once the guest can take an interrupt. */
  get requestInterruptWindow(): boolean { return this.run_view.getUint8(O.request_interrupt_window) !== 0; }
  set requestInterruptWindow(on: boolean) { this.run_view.setUint8(O.request_interrupt_window, on ? 1 : 0); }

  /** kvm_run.ready_for_interrupt_injection: a KVM_INTERRUPT now would be delivered. */
  get readyForInterruptInjection(): boolean { return this.run_view.getUint8(O.ready_for_interrupt_injection) !== 0; }
  /** kvm_run.if_flag: the guest's RFLAGS.IF at the last exit. */
  get ifFlag(): boolean { return this.run_view.getUint8(O.if_flag) !== 0; }

  /** kvm_run.msr.data: an RDMSR exit's answer (written before the next KVM_RUN). */
  set msrData(value: bigint) { this.run_view.setBigUint64(O.msr_data, BigInt.asUintN(64, value), true); }
  /** kvm_run.hypercall.ret: a KVM_EXIT_HYPERCALL's result, the guest's RAX after the next KVM_RUN. */
  set hypercallRet(value: bigint) { this.run_view.setBigUint64(O.hypercall_ret, BigInt.asUintN(64, value), true); }
  /** kvm_run.msr.error: 1 makes the RDMSR/WRMSR that exited take #GP in the guest. */
  set msrError(on: boolean) { this.run_view.setUint8(O.msr_error, on ? 1 : 0); }

  /** KVM_GET_REGS: the general registers, RIP and RFLAGS. */
  getRegs(): Regs {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_REGS, this.regsBuf);
    return kvm_regs.decode(this.regsView);
  }

  /** KVM_GET_REGS, then KVM_SET_REGS: fields not given keep their current values. */
  setRegs(regs: Partial<Regs>): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_REGS, this.regsBuf);
    kvm_regs.encode(regs, this.regsView);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_REGS, this.regsBuf);
  }

  /** KVM_GET_SREGS: segments, descriptor tables, control registers, EFER, APIC base and the interrupt bitmap. */
  getSregs(): Sregs {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_SREGS, this.sregsBuf);
    return decodeSregs(this.sregsView);
  }

  /** KVM_SET_SREGS with every field (change a few by reading them with getSregs first). */
  setSregs(sregs: Sregs): void {
    encodeSregs(sregs, this.sregsView);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_SREGS, this.sregsBuf);
  }

  /** KVM_GET_SREGS2 (KVM_CAP_SREGS2): the special registers with `flags` and, in PAE paging (KVM_SREGS2_FLAGS_PDPTRS_VALID), the PDPTRs. */
  getSregs2(): Sregs2 {
    const buf = new Uint8Array(SIZEOF.kvm_sregs2);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_SREGS2, buf);
    return decodeSregs2(new DataView(buf.buffer));
  }

  /** KVM_SET_SREGS2 with every field; with KVM_SREGS2_FLAGS_PDPTRS_VALID the PDPTRs are loaded as given, not read from memory. */
  setSregs2(sregs: Sregs2): void {
    const buf = new Uint8Array(SIZEOF.kvm_sregs2);
    encodeSregs2(sregs, new DataView(buf.buffer));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_SREGS2, buf);
  }

  /** KVM_SET_CPUID2 with the given entries. */
  setCpuid(entries: CpuidEntry2[]): void {
    const buf = new Uint8Array(CPUID2_ENTRIES + entries.length * kvm_cpuid_entry2.size);
    const view = new DataView(buf.buffer);
    kvm_cpuid2.encode({ nent: entries.length }, view);
    entries.forEach((e, i) => kvm_cpuid_entry2.encode(e, view, CPUID2_ENTRIES + i * kvm_cpuid_entry2.size));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_CPUID2, buf);
  }

  /** KVM_GET_CPUID2: the entries this vCPU has, as KVM_SET_CPUID2 gave them; `capacity` entries offered (E2BIG if too few). */
  getCpuid(capacity = 256): CpuidEntry2[] {
    const buf = cpuid2Buffer(capacity);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_CPUID2, buf);
    return cpuid2Entries(buf);
  }

  /**
   * KVM_GET_SUPPORTED_HV_CPUID on this vCPU (KVM_CAP_HYPERV_CPUID): the Hyper-V CPUID leaves KVM can emulate for it, which
   * may differ from /dev/kvm's (no direct synthetic timers without an in-kernel LAPIC); `capacity` entries offered.
   */
  supportedHvCpuid(capacity = 64): CpuidEntry2[] {
    const buf = cpuid2Buffer(capacity);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_SUPPORTED_HV_CPUID, buf);
    return cpuid2Entries(buf);
  }

  /** KVM_SET_MSRS. The kernel stops at the first MSR it refuses; that one is named in the error. */
  setMsrs(entries: MsrEntry[]): void {
    const buf = this.msrBuffer(entries);
    const done = libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_MSRS, buf);
    if (done < entries.length) throw new Error(`KVM_SET_MSRS refused MSR 0x${entries[done].index.toString(16)}`);
  }

  /** KVM_GET_MSRS for the given indices. */
  getMsrs(indices: number[]): MsrEntry[] {
    const buf = this.msrBuffer(indices.map((index) => ({ index, data: 0n })));
    const done = libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_MSRS, buf);
    if (done < indices.length) throw new Error(`KVM_GET_MSRS refused MSR 0x${indices[done].toString(16)}`);
    const view = new DataView(buf.buffer);
    return indices.map((_, i) => kvm_msr_entry.decode(view, MSRS_ENTRIES + i * kvm_msr_entry.size));
  }

  private msrBuffer(entries: MsrEntry[]): Uint8Array {
    const buf = new Uint8Array(MSRS_ENTRIES + entries.length * kvm_msr_entry.size);
    const view = new DataView(buf.buffer);
    kvm_msrs.encode({ nmsrs: entries.length }, view);
    entries.forEach((e, i) => kvm_msr_entry.encode(e, view, MSRS_ENTRIES + i * kvm_msr_entry.size));
    return buf;
  }

  /** KVM_SET_GUEST_DEBUG: control flags (KVM_GUESTDBG_*) and the eight debug registers. */
  setGuestDebug(control: number, debugregs: bigint[] = []): void {
    const value: Partial<GuestDebug> = { control };
    debugregs.slice(0, GUEST_DEBUGREG_NAMES.length).forEach((v, i) => { value[GUEST_DEBUGREG_NAMES[i]] = v; });
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_GUEST_DEBUG, kvm_guest_debug.buffer(value));
  }

  /** KVM_INTERRUPT: queue an external interrupt (no in-kernel irqchip). */
  interrupt(vector: number): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_INTERRUPT, kvm_interrupt.buffer({ irq: vector }));
  }

  /** KVM_NMI: queue a non-maskable interrupt. */
  nmi(): void {
    libc.ioctl(this.fd, IOCTLS.KVM_NMI);
  }

  /** KVM_GET_VCPU_EVENTS: pending and injected exception, interrupt and NMI state. */
  getVcpuEvents(): VcpuEvents {
    const buf = kvm_vcpu_events.buffer();
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_VCPU_EVENTS, buf);
    return kvm_vcpu_events.decode(new DataView(buf.buffer));
  }

  /** KVM_GET_VCPU_EVENTS, then KVM_SET_VCPU_EVENTS: fields not given keep their current values. */
  setVcpuEvents(events: Partial<VcpuEvents>): void {
    const buf = kvm_vcpu_events.buffer();
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_VCPU_EVENTS, buf);
    kvm_vcpu_events.encode(events, new DataView(buf.buffer));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_VCPU_EVENTS, buf);
  }

  /** KVM_GET_DEBUGREGS: DR0-DR3, DR6 and DR7 as the guest sees them. */
  getDebugregs(): Debugregs {
    const buf = kvm_debugregs.buffer();
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_DEBUGREGS, buf);
    return kvm_debugregs.decode(new DataView(buf.buffer));
  }

  /** KVM_SET_DEBUGREGS. Fields not given are 0 (flags must be 0). */
  setDebugregs(regs: Partial<Debugregs>): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_DEBUGREGS, kvm_debugregs.buffer(regs));
  }

  /** KVM_GET_FPU: x87, SSE registers and MXCSR. */
  getFpu(): Fpu {
    const buf = kvm_fpu.buffer();
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_FPU, buf);
    return decodeFpu(new DataView(buf.buffer));
  }

  /** KVM_GET_FPU, then KVM_SET_FPU: fields not given keep their current values. */
  setFpu(fpu: Partial<Fpu>): void {
    const buf = kvm_fpu.buffer();
    const view = new DataView(buf.buffer);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_FPU, buf);
    encodeFpu(fpu, view);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_FPU, buf);
  }

  /** KVM_GET_XSAVE: the 4096-byte XSAVE image (non-compacted format). */
  getXsave(): Uint8Array {
    const buf = new Uint8Array(SIZEOF.kvm_xsave);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_XSAVE, buf);
    return buf;
  }

  /** KVM_SET_XSAVE with an XSAVE image (cut or zero-padded to 4096 bytes). */
  setXsave(image: Uint8Array): void {
    const buf = new Uint8Array(SIZEOF.kvm_xsave);
    buf.set(image.subarray(0, SIZEOF.kvm_xsave));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_XSAVE, buf);
  }

  /** KVM_GET_XSAVE2 (KVM_CAP_XSAVE2): the XSAVE image into `size` bytes, the VM's KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2). */
  getXsave2(size: number): Uint8Array {
    if (size < SIZEOF.kvm_xsave) throw new RangeError(`KVM_GET_XSAVE2 needs at least ${SIZEOF.kvm_xsave} bytes, not ${size}`);
    const buf = new Uint8Array(size);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_XSAVE2, buf);
    return buf;
  }

  /** KVM_GET_XCRS: the extended control registers (XCR0). */
  getXcrs(): Xcr[] {
    const buf = kvm_xcrs.buffer();
    const view = new DataView(buf.buffer);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_XCRS, buf);
    const n = Math.min(kvm_xcrs.decode(view).nr_xcrs, KVM_MAX_XCRS);
    return Array.from({ length: n }, (_, i) => kvm_xcr.decode(view, XCRS_ENTRIES + i * kvm_xcr.size));
  }

  /** KVM_SET_XCRS: the given extended control registers (XCR0). */
  setXcrs(xcrs: Xcr[]): void {
    const buf = kvm_xcrs.buffer({ nr_xcrs: xcrs.length, flags: 0 });
    const view = new DataView(buf.buffer);
    xcrs.forEach((x, i) => kvm_xcr.encode(x, view, XCRS_ENTRIES + i * kvm_xcr.size));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_XCRS, buf);
  }

  /** KVM_TRANSLATE: a linear address through the vCPU's current paging mode. */
  translate(linear: bigint): Translation {
    const buf = kvm_translation.buffer({ linear_address: linear });
    libc.ioctlBuf(this.fd, IOCTLS.KVM_TRANSLATE, buf);
    return kvm_translation.decode(new DataView(buf.buffer));
  }

  /** KVM_GET_NESTED_STATE (KVM_CAP_NESTED_STATE): the header and the whole state, `capacity` bytes offered (the cap's value). */
  getNestedState(capacity: number): { header: NestedState; bytes: Uint8Array } {
    const buf = new Uint8Array(Math.max(capacity, kvm_nested_state.size));
    kvm_nested_state.encode({ size: buf.length }, new DataView(buf.buffer));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_NESTED_STATE, buf);
    const header = kvm_nested_state.decode(new DataView(buf.buffer));
    return { header, bytes: buf.slice(0, Math.min(header.size, buf.length)) };
  }

  /** KVM_SET_NESTED_STATE with a state as KVM_GET_NESTED_STATE returned it (its header's `size` bytes). */
  setNestedState(bytes: Uint8Array): void {
    const buf = new Uint8Array(Math.max(bytes.length, kvm_nested_state.size));
    buf.set(bytes);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_NESTED_STATE, buf);
  }

  /** KVM_X86_SETUP_MCE (KVM_CAP_MCE): the vCPU's MCG_CAP (bank count in bits 7:0), its banks enabled. */
  setupMce(mcgCap: bigint): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_X86_SETUP_MCE, new Uint8Array(BigUint64Array.of(mcgCap).buffer)); // a bare __u64
  }

  /** KVM_X86_SET_MCE: a machine check in a bank; an uncorrected one (MCi_STATUS.UC) is a #MC for the guest. */
  setMce(mce: Partial<X86Mce>): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_X86_SET_MCE, kvm_x86_mce.buffer(mce));
  }

  /** KVM_SMI (KVM_CAP_X86_SMM): queue a system management interrupt. */
  smi(): void {
    libc.ioctl(this.fd, IOCTLS.KVM_SMI);
  }

  /** KVM_ENABLE_CAP on this vCPU: a per-vCPU capability (KVM_CAP_ENFORCE_PV_FEATURE_CPUID, say). */
  enableCap(cap: number, args: Array<bigint | number> = [], flags = 0): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_ENABLE_CAP, enableCapArgument(cap, args, flags));
  }

  /**
   * KVM_TPR_ACCESS_REPORTING (KVM_CAP_VAPIC): while on, each guest access to the in-kernel LAPIC's TPR through
   * its MMIO page exits KVM_EXIT_TPR_ACCESS after the instruction, with its RIP and is_write.
   * Example: `vcpu.tprAccessReporting(true)`.
   */
  tprAccessReporting(enabled: boolean): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_TPR_ACCESS_REPORTING, kvm_tpr_access_ctl.buffer({ enabled: enabled ? 1 : 0 }));
  }

  /**
   * KVM_SET_VAPIC_ADDR (KVM_CAP_VAPIC): the guest physical address of the vAPIC word that KVM keeps in step with
   * the LAPIC (TPR in, TPR/ISR/IRR summary out); 0 turns it off. Example: `vcpu.setVapicAddr(0x3800n)`.
   */
  setVapicAddr(gpa: bigint | number): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_VAPIC_ADDR, kvm_vapic_addr.buffer({ vapic_addr: BigInt(gpa) }));
  }

  /** KVM_KVMCLOCK_CTRL: tells the guest's kvmclock that the host stopped it (PVCLOCK_GUEST_STOPPED). */
  kvmclockCtrl(): void {
    libc.ioctl(this.fd, IOCTLS.KVM_KVMCLOCK_CTRL);
  }

  /** KVM_GET_TSC_KHZ: the guest's TSC frequency. */
  getTscKhz(): number {
    return libc.ioctl(this.fd, IOCTLS.KVM_GET_TSC_KHZ);
  }

  /** KVM_SET_TSC_KHZ (KVM_CAP_TSC_CONTROL) */
  setTscKhz(khz: number): void {
    libc.ioctl(this.fd, IOCTLS.KVM_SET_TSC_KHZ, khz);
  }

  /** kvm_run.kvm_valid_regs: on input, the KVM_SYNC_X86_* sets to copy out at the next exit (KVM_CAP_SYNC_REGS). */
  get syncValidRegs(): bigint { return this.run_view.getBigUint64(O.kvm_valid_regs, true); }
  set syncValidRegs(bits: bigint) { this.run_view.setBigUint64(O.kvm_valid_regs, bits, true); }

  /** kvm_run.kvm_dirty_regs: the sets userspace changed in kvm_run.s, copied into the vCPU by the next KVM_RUN. */
  get syncDirtyRegs(): bigint { return this.run_view.getBigUint64(O.kvm_dirty_regs, true); }
  set syncDirtyRegs(bits: bigint) { this.run_view.setBigUint64(O.kvm_dirty_regs, bits, true); }

  /** kvm_run.s.regs.regs: the general registers as the last exit left them (valid with KVM_SYNC_X86_REGS). */
  get syncRegs(): Regs { return kvm_regs.decode(this.run_view, O.s_regs); }
  /** kvm_run.s.regs.regs: writes the given fields; set syncDirtyRegs for the next KVM_RUN to load them. */
  setSyncRegs(regs: Partial<Regs>): void { kvm_regs.encode(regs, this.run_view, O.s_regs); }

  /** KVM_GET_LAPIC: the in-kernel local APIC's 1024-byte register page (xAPIC layout). */
  getLapic(): Uint8Array {
    const buf = new Uint8Array(KVM_APIC_REG_SIZE);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_LAPIC, buf);
    return buf;
  }

  /** KVM_SET_LAPIC with a whole register page (read it with getLapic, change registers, write it back). */
  setLapic(regs: Uint8Array): void {
    if (regs.length !== KVM_APIC_REG_SIZE) throw new RangeError(`KVM_SET_LAPIC takes ${KVM_APIC_REG_SIZE} bytes, not ${regs.length}`);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_LAPIC, regs);
  }

  /** KVM_GET_MP_STATE: KVM_MP_STATE_* (runnable, uninitialized, init-received, halted, ...). */
  getMpState(): number {
    const buf = new Uint8Array(kvm_mp_state.size);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_MP_STATE, buf);
    return kvm_mp_state.decode(new DataView(buf.buffer)).mp_state;
  }

  /** KVM_SET_MP_STATE: KVM_MP_STATE_* (runnable, halted, ...). */
  setMpState(state: number): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_MP_STATE, kvm_mp_state.buffer({ mp_state: state }));
  }

  /**
   * KVM_HAS_DEVICE_ATTR on the vCPU (KVM_CAP_VCPU_ATTRIBUTES): returns if the vCPU has the attribute, else throws a
   * SysError (ENXIO). Example: `vcpu.hasDeviceAttr(DEVICE_ATTRS.KVM_VCPU_TSC_CTRL, DEVICE_ATTRS.KVM_VCPU_TSC_OFFSET)`.
   */
  hasDeviceAttr(group: number, attr: number | bigint): void {
    hasAttr(this.fd, group, attr);
  }

  /**
   * KVM_GET_DEVICE_ATTR on the vCPU (KVM_CAP_VCPU_ATTRIBUTES): an attribute's __u64 value, e.g. the guest's TSC
   * offset: `vcpu.getDeviceAttr(DEVICE_ATTRS.KVM_VCPU_TSC_CTRL, DEVICE_ATTRS.KVM_VCPU_TSC_OFFSET)`.
   */
  getDeviceAttr(group: number, attr: number | bigint): bigint {
    return transferAttr(this.fd, IOCTLS.KVM_GET_DEVICE_ATTR, group, attr);
  }

  /**
   * KVM_SET_DEVICE_ATTR on the vCPU (KVM_CAP_VCPU_ATTRIBUTES): sets an attribute's __u64 value, e.g. the TSC
   * offset: `vcpu.setDeviceAttr(DEVICE_ATTRS.KVM_VCPU_TSC_CTRL, DEVICE_ATTRS.KVM_VCPU_TSC_OFFSET, 1n << 40n)`.
   */
  setDeviceAttr(group: number, attr: number | bigint, value: bigint): void {
    transferAttr(this.fd, IOCTLS.KVM_SET_DEVICE_ATTR, group, attr, value);
  }

  /** KVM_GET_STATS_FD on the vCPU: the binary statistics, parsed (close() the Stats when done). */
  stats(): Stats {
    return openStats(this.fd);
  }

  /**
   * No ioctl: takes the pending entries of the coalesced MMIO/PIO ring, which sits `pageOffset` pages past kvm_run
   * (the value of KVM_CAP_COALESCED_MMIO), oldest first, and marks them consumed (first = last).
   */
  takeCoalesced(pageOffset: number): CoalescedEntry[] {
    const base = pageOffset * 4096;
    if (pageOffset <= 0 || base + 4096 > this.run_bytes.length) throw new RangeError(`no coalesced ring at page ${pageOffset} of the vCPU mapping`);
    const ring = kvm_coalesced_mmio_ring.decode(this.run_view, base);
    const max = Math.floor((4096 - COALESCED_RING_ENTRIES_OFFSET) / kvm_coalesced_mmio.size);
    if (ring.first >= max || ring.last >= max) throw new RangeError(`coalesced ring indices out of range: first=${ring.first} last=${ring.last} (max ${max})`);
    const out: CoalescedEntry[] = [];
    for (let i = ring.first; i !== ring.last; i = (i + 1) % max) {
      out.push(kvm_coalesced_mmio.decode(this.run_view, base + COALESCED_RING_ENTRIES_OFFSET + i * kvm_coalesced_mmio.size));
    }
    kvm_coalesced_mmio_ring.encode({ first: ring.last }, this.run_view, base);
    return out;
  }

  /** The vCPU ioctl `request` with a struct argument, for the families without a dedicated method yet. */
  ioctl(request: number, buf: Uint8Array): number {
    return libc.ioctlBuf(this.fd, request, buf);
  }

  /** No ioctl: unmaps kvm_run and closes the vCPU fd (a second view leaves the fd open). Safe to call twice. */
  private ring: DirtyRing | undefined;

  /**
   * No ioctl: this vCPU's dirty ring, mapped on first use (mmap of the vCPU fd at KVM_DIRTY_LOG_PAGE_OFFSET
   * pages) with the size the VM's KVM_ENABLE_CAP(KVM_CAP_DIRTY_LOG_RING) gave. Example: `vcpu.dirtyRing().harvest()`.
   */
  dirtyRing(): DirtyRing {
    const bytes = this.vm?.dirtyRingBytes ?? 0;
    if (!bytes) throw new Error('no dirty ring: KVM_CAP_DIRTY_LOG_RING or _ACQ_REL was not enabled on this VM');
    this.ring ??= new DirtyRing(this.fd, bytes);
    return this.ring;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ring?.close();
    libc.munmap(this.mapping);
    if (this.vm) libc.close(this.fd);
  }
}
