// Vm: one KVM VM (kvm-ioctls' `VmFd`). Owns its memory slots and vCPUs; close() releases all of them.
import {
  HYPERV_EVENTFD, IOEVENTFD_FLAGS, IRQ_ROUTING_ENTRIES, IRQFD_FLAGS, kvm_clock_data, kvm_coalesced_mmio_zone, kvm_hyperv_eventfd,
  kvm_ioeventfd, kvm_irq_routing, kvm_irq_routing_entry, kvm_irqfd, kvm_msi, kvm_pit_channel_state, kvm_pit_config, kvm_pit_state,
  kvm_pit_state2, kvm_reinject_control, PIT_CHANNELS, type ClockData, type IrqRoutingEntry, type Msi, type PitChannel, type PitState2,
} from '../abi/devices.js';
import { CAPABILITIES } from '../abi/capabilities.js';
import { IOCTLS } from '../abi/ioctls.js';
import {
  enableCapArgument, kvm_clear_dirty_log, kvm_dirty_log, kvm_irq_level, kvm_userspace_memory_region,
} from '../abi/structs.js';
import { kvm_msr_filter, kvm_msr_filter_range, KVM_MSR_FILTER_MAX_RANGES, MSR_FILTER_RANGES } from '../abi/vcpu-state.js';
import * as libc from '../sys/libc.js';
import { GuestMemory } from './memory.js';
import { openStats, type Stats } from './stats.js';
import type { System } from './system.js';
import { Vcpu } from './vcpu.js';

export interface SlotOptions {
  slot: number;
  gpa: bigint | number;
  size: number;
  flags?: number;
  /** Host memory to back the slot; a new anonymous mapping of `size` bytes when absent. */
  memory?: GuestMemory;
}

export interface Slot {
  readonly slot: number;
  readonly gpa: bigint;
  readonly size: number;
  readonly flags: number;
  readonly memory: GuestMemory;
}

export class Vm {
  readonly slots = new Map<number, Slot>();
  readonly vcpus: Vcpu[] = [];
  private closed = false;
  private readonly ownedFds: number[] = [];

  /** No ioctl: wraps a VM fd that KVM_CREATE_VM returned (System.createVm makes one). */
  constructor(readonly system: System, readonly fd: number) {}

  /** KVM_SET_USER_MEMORY_REGION for a new slot. The slot owns its memory unless the caller passed one. */
  addSlot(options: SlotOptions): Slot {
    const memory = options.memory ?? new GuestMemory(options.size);
    const slot: Slot = { slot: options.slot, gpa: BigInt(options.gpa), size: options.size, flags: options.flags ?? 0, memory };
    try {
      this.setRegion(slot.slot, slot.flags, slot.gpa, BigInt(slot.size), memory.hostAddress);
    } catch (e) {
      if (!options.memory) memory.close();
      throw e;
    }
    this.slots.set(slot.slot, slot);
    return slot;
  }

  /** KVM_SET_USER_MEMORY_REGION as given, without slot bookkeeping: for tests of the ioctl's own error paths. */
  setRegion(slot: number, flags: number, gpa: bigint, size: bigint, hostAddress: bigint): void {
    const buf = kvm_userspace_memory_region.buffer({
      slot, flags, guest_phys_addr: gpa, memory_size: size, userspace_addr: hostAddress,
    });
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_USER_MEMORY_REGION, buf);
  }

  /** KVM_SET_USER_MEMORY_REGION with memory_size 0: deletes a slot, then unmaps its memory. */
  deleteSlot(id: number): void {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`no memory slot ${id}`);
    this.setRegion(id, slot.flags, slot.gpa, 0n, 0n);
    this.slots.delete(id);
    slot.memory.close();
  }

  /** KVM_SET_USER_MEMORY_REGION twice: moves a slot to a new guest physical address (delete, re-add with the same memory). */
  moveSlot(id: number, gpa: bigint): Slot {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`no memory slot ${id}`);
    this.setRegion(id, slot.flags, slot.gpa, 0n, 0n);
    this.slots.delete(id);
    return this.addSlot({ slot: id, gpa, size: slot.size, flags: slot.flags, memory: slot.memory });
  }

  /** No ioctl: the slot and offset that back a guest physical address, if any. */
  resolve(gpa: bigint): { slot: Slot; offset: number } | undefined {
    for (const slot of this.slots.values()) {
      if (gpa >= slot.gpa && gpa < slot.gpa + BigInt(slot.size)) return { slot, offset: Number(gpa - slot.gpa) };
    }
    return undefined;
  }

  /**
   * KVM_SET_NR_MMU_PAGES (KVM_CAP_MMU_SHADOW_CACHE_CONTROL): caps the VM's shadow MMU pages at `pages`, instead
   * of KVM's size from the memory slots. Example: `vm.setNrMmuPages(1000); vm.nrMmuPages() === 1000`.
   */
  setNrMmuPages(pages: number): void {
    libc.ioctl(this.fd, IOCTLS.KVM_SET_NR_MMU_PAGES, pages);
  }

  /** KVM_GET_NR_MMU_PAGES (KVM_CAP_MMU_SHADOW_CACHE_CONTROL): the VM's shadow MMU page limit now. Example: `vm.nrMmuPages()`. */
  nrMmuPages(): number {
    return libc.ioctl(this.fd, IOCTLS.KVM_GET_NR_MMU_PAGES);
  }

  /** KVM_SET_TSS_ADDR: Intel hosts need three pages for real-mode emulation; other hosts accept it. */
  setTssAddr(address: number): void {
    libc.ioctl(this.fd, IOCTLS.KVM_SET_TSS_ADDR, address);
  }

  /**
   * KVM_SET_IDENTITY_MAP_ADDR (KVM_CAP_SET_IDENTITY_MAP_ADDR): the GPA of the page Intel's EPT real mode uses for
   * its identity page table (0: KVM's default); only before the first vCPU. Example: `vm.setIdentityMapAddr(0xfeffc000n)`.
   */
  setIdentityMapAddr(address: bigint): void {
    const value = new BigUint64Array([address]); // the argument points at a __u64
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_IDENTITY_MAP_ADDR, new Uint8Array(value.buffer));
  }

  /** KVM_IRQ_LINE: drive an in-kernel irqchip input. */
  irqLine(gsi: number, level: number): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_IRQ_LINE, kvm_irq_level.buffer({ irq: gsi, level }));
  }

  /**
   * KVM_IRQ_LINE_STATUS (KVM_CAP_IRQ_INJECT_STATUS): KVM_IRQ_LINE that returns what became of it: the number of
   * local APICs (or 1 for the PIC) that took the interrupt, 0 when it coalesced with one still pending, negative
   * when masked or undeliverable. Example: `vm.irqLineStatus(16, 1) > 0`.
   */
  irqLineStatus(gsi: number, level: number): number {
    const buf = kvm_irq_level.buffer({ irq: gsi, level });
    libc.ioctlBuf(this.fd, IOCTLS.KVM_IRQ_LINE_STATUS, buf);
    return new DataView(buf.buffer).getInt32(0, true); // `status` shares the union with `irq`
  }

  /** KVM_CHECK_EXTENSION on the VM (KVM_CAP_CHECK_EXTENSION_VM): a capability's value for this VM, by name or number. */
  checkExtension(cap: string | number): number {
    const nr = typeof cap === 'number' ? cap : CAPABILITIES[cap];
    if (nr === undefined) throw new Error(`unknown capability ${cap}`);
    return libc.ioctl(this.fd, IOCTLS.KVM_CHECK_EXTENSION, nr);
  }

  /** KVM_SIGNAL_MSI: an MSI as a device would write it; returns >0 when delivered, 0 when the guest blocked it. */
  signalMsi(msi: Partial<Msi>): number {
    return libc.ioctlBuf(this.fd, IOCTLS.KVM_SIGNAL_MSI, kvm_msi.buffer(msi));
  }

  /** KVM_SET_GSI_ROUTING: replaces the whole GSI routing table with these entries (irqchip pins or MSIs). */
  setGsiRouting(entries: Array<Partial<IrqRoutingEntry>>): void {
    const buf = new Uint8Array(IRQ_ROUTING_ENTRIES + entries.length * kvm_irq_routing_entry.size);
    const view = new DataView(buf.buffer);
    kvm_irq_routing.encode({ nr: entries.length, flags: 0 }, view);
    entries.forEach((e, i) => kvm_irq_routing_entry.encode(e, view, IRQ_ROUTING_ENTRIES + i * kvm_irq_routing_entry.size));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_GSI_ROUTING, buf);
  }

  /** KVM_SET_BOOT_CPU_ID: which vCPU ID is the BSP (before any vCPU is created). */
  setBootCpuId(id: number): void {
    libc.ioctl(this.fd, IOCTLS.KVM_SET_BOOT_CPU_ID, id);
  }

  /** KVM_CREATE_IRQCHIP: the in-kernel PIC, IOAPIC and local APICs (before the first vCPU is created). */
  createIrqchip(): void {
    libc.ioctl(this.fd, IOCTLS.KVM_CREATE_IRQCHIP);
  }

  /**
   * KVM_ENABLE_CAP on the VM with up to four u64 arguments. For KVM_CAP_DIRTY_LOG_RING(_ACQ_REL) it also
   * records the ring's size in bytes (args[0]) as dirtyRingBytes, for Vcpu.dirtyRing.
   */
  enableCap(cap: number, args: Array<bigint | number> = [], flags = 0): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_ENABLE_CAP, enableCapArgument(cap, args, flags));
    if (cap === CAPABILITIES.KVM_CAP_DIRTY_LOG_RING || cap === CAPABILITIES.KVM_CAP_DIRTY_LOG_RING_ACQ_REL) this.dirtyRingBytes = Number(args[0]);
  }

  /** The size of each vCPU's dirty ring in bytes once enableCap turned the ring on; 0 before. */
  dirtyRingBytes = 0;

  /**
   * KVM_RESET_DIRTY_RINGS (KVM_CAP_DIRTY_LOG_RING): re-protects the pages of every vCPU's harvested entries
   * (flagged RESET) and clears those entries; returns how many it reset. Example: `vm.resetDirtyRings() === 3`.
   */
  resetDirtyRings(): number {
    return libc.ioctl(this.fd, IOCTLS.KVM_RESET_DIRTY_RINGS);
  }

  /** KVM_GET_DIRTY_LOG: one bit per page of the slot. */
  getDirtyLog(id: number): Uint8Array {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`no memory slot ${id}`);
    const pages = slot.size / 4096;
    const length = Math.ceil(pages / 64) * 8;
    // The kernel writes through a pointer inside the struct, so the bitmap lives in a mapping of its own.
    const bitmap = libc.mmap(length, libc.PROT_READ | libc.PROT_WRITE, libc.MAP_PRIVATE | libc.MAP_ANONYMOUS);
    try {
      libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_DIRTY_LOG, kvm_dirty_log.buffer({ slot: id, dirty_bitmap: bitmap.address }));
      return new Uint8Array(bitmap.buffer).slice(0, length);
    } finally {
      libc.munmap(bitmap);
    }
  }

  /** KVM_CLEAR_DIRTY_LOG: re-protects the pages set in `bitmap` (bit i = page first + i) of `count` pages. */
  clearDirtyLog(id: number, first: number, count: number, bitmap: Uint8Array): void {
    // The kernel reads the bitmap through a pointer inside the struct, so it lives in a mapping of its own.
    const mapping = libc.mmap(Math.max(8, Math.ceil(count / 64) * 8), libc.PROT_READ | libc.PROT_WRITE, libc.MAP_PRIVATE | libc.MAP_ANONYMOUS);
    try {
      new Uint8Array(mapping.buffer).set(bitmap.subarray(0, Math.ceil(count / 8)));
      const arg = kvm_clear_dirty_log.buffer({ slot: id, num_pages: count, first_page: BigInt(first), dirty_bitmap: mapping.address });
      libc.ioctlBuf(this.fd, IOCTLS.KVM_CLEAR_DIRTY_LOG, arg);
    } finally {
      libc.munmap(mapping);
    }
  }

  /**
   * KVM_X86_SET_MSR_FILTER: `flags` is KVM_MSR_FILTER_DEFAULT_ALLOW/DENY; each range filters reads and/or
   * writes of MSRs base..base+nmsrs-1, where a 0 bit in `bitmap` denies the access. No ranges: no filter.
   */
  setMsrFilter(flags: number, ranges: Array<{ flags: number; base: number; nmsrs: number; bitmap: Uint8Array }>): void {
    if (ranges.length > KVM_MSR_FILTER_MAX_RANGES) throw new Error(`at most ${KVM_MSR_FILTER_MAX_RANGES} MSR filter ranges`);
    // The kernel copies the bitmaps through pointers inside the struct, so they live in a mapping of their own.
    const offsets: number[] = [];
    let total = 0;
    for (const r of ranges) {
      offsets.push(total);
      total += Math.ceil(Math.max(r.bitmap.length, 1) / 8) * 8;
    }
    const bitmaps = libc.mmap(Math.max(4096, Math.ceil(total / 4096) * 4096), libc.PROT_READ | libc.PROT_WRITE, libc.MAP_PRIVATE | libc.MAP_ANONYMOUS);
    try {
      const arg = kvm_msr_filter.buffer({ flags });
      const view = new DataView(arg.buffer);
      ranges.forEach((r, i) => {
        new Uint8Array(bitmaps.buffer).set(r.bitmap, offsets[i]);
        kvm_msr_filter_range.encode({ flags: r.flags, base: r.base, nmsrs: r.nmsrs, bitmap: bitmaps.address + BigInt(offsets[i]) },
          view, MSR_FILTER_RANGES + i * kvm_msr_filter_range.size);
      });
      libc.ioctlBuf(this.fd, IOCTLS.KVM_X86_SET_MSR_FILTER, arg);
    } finally {
      libc.munmap(bitmaps);
    }
  }

  /** No KVM ioctl: an eventfd(2) (EFD_NONBLOCK) owned by this VM, closed by close() after the vCPUs and the VM fd. */
  eventfd(initval = 0): number {
    const fd = libc.eventfd(initval, libc.EFD_CLOEXEC | libc.EFD_NONBLOCK);
    this.ownedFds.push(fd);
    return fd;
  }

  /** KVM_IRQFD: a write to `fd` injects `gsi` (in-kernel irqchip); `deassign` removes the binding. */
  irqfd(fd: number, gsi: number, options: { deassign?: boolean; resamplefd?: number } = {}): void {
    const flags = (options.deassign ? IRQFD_FLAGS.KVM_IRQFD_FLAG_DEASSIGN : 0) |
      (options.resamplefd !== undefined ? IRQFD_FLAGS.KVM_IRQFD_FLAG_RESAMPLE : 0);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_IRQFD, kvm_irqfd.buffer({ fd, gsi, flags, resamplefd: options.resamplefd ?? 0 }));
  }

  /**
   * KVM_HYPERV_EVENTFD (KVM_CAP_HYPERV_EVENTFD): the guest's HvSignalEvent hypercall with connection ID `connId`
   * signals `fd` in the kernel, without an exit; `deassign` removes the connection. E.g. `vm.hypervEventfd(5, vm.eventfd())`.
   */
  hypervEventfd(connId: number, fd: number, options: { deassign?: boolean } = {}): void {
    const flags = options.deassign ? HYPERV_EVENTFD.KVM_HYPERV_EVENTFD_DEASSIGN : 0;
    libc.ioctlBuf(this.fd, IOCTLS.KVM_HYPERV_EVENTFD, kvm_hyperv_eventfd.buffer({ conn_id: connId, fd, flags }));
  }

  /**
   * KVM_IOEVENTFD: a guest write of `len` bytes to `addr` (a port with `pio`) signals `fd` instead of
   * exiting; with `datamatch` only writes of that value do.
   */
  ioeventfd(options: { fd: number; addr: bigint | number; len: number; pio?: boolean; datamatch?: bigint | number; deassign?: boolean }): void {
    const flags = (options.pio ? IOEVENTFD_FLAGS.KVM_IOEVENTFD_FLAG_PIO : 0) |
      (options.datamatch !== undefined ? IOEVENTFD_FLAGS.KVM_IOEVENTFD_FLAG_DATAMATCH : 0) |
      (options.deassign ? IOEVENTFD_FLAGS.KVM_IOEVENTFD_FLAG_DEASSIGN : 0);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_IOEVENTFD, kvm_ioeventfd.buffer({
      datamatch: BigInt(options.datamatch ?? 0), addr: BigInt(options.addr), len: options.len, fd: options.fd, flags,
    }));
  }

  /** KVM_REGISTER_COALESCED_MMIO: writes to [addr, addr+size) go to the ring instead of exiting. */
  registerCoalescedMmio(addr: bigint | number, size: number): void {
    this.coalescedZone(IOCTLS.KVM_REGISTER_COALESCED_MMIO, addr, size, 0);
  }

  /** KVM_REGISTER_COALESCED_MMIO with pio=1 (KVM_CAP_COALESCED_PIO): the same for OUTs to [port, port+size). */
  registerCoalescedPio(port: number, size: number): void {
    this.coalescedZone(IOCTLS.KVM_REGISTER_COALESCED_MMIO, port, size, 1);
  }

  /** KVM_UNREGISTER_COALESCED_MMIO for a zone registered with either method. */
  unregisterCoalesced(addr: bigint | number, size: number, pio = false): void {
    this.coalescedZone(IOCTLS.KVM_UNREGISTER_COALESCED_MMIO, addr, size, pio ? 1 : 0);
  }

  private coalescedZone(request: number, addr: bigint | number, size: number, pio: number): void {
    libc.ioctlBuf(this.fd, request, kvm_coalesced_mmio_zone.buffer({ addr: BigInt(addr), size, pio }));
  }

  /** KVM_CREATE_PIT2: the in-kernel i8254 (after KVM_CREATE_IRQCHIP). */
  createPit2(flags = 0): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_CREATE_PIT2, kvm_pit_config.buffer({ flags }));
  }

  /** KVM_GET_PIT (KVM_CAP_PIT): the in-kernel PIT's three channels. Example: `vm.getPit()[2].mode`. */
  getPit(): PitChannel[] {
    const buf = new Uint8Array(kvm_pit_state.size);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_PIT, buf);
    return decodePitChannels(buf);
  }

  /**
   * KVM_SET_PIT (KVM_CAP_PIT): replaces the three channels; KVM then reloads each count (restarting channel 0's
   * timer). Example: `vm.setPit(vm.getPit())`.
   */
  setPit(channels: PitChannel[]): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_PIT, encodePitChannels(channels, kvm_pit_state.size));
  }

  /** KVM_GET_PIT2 (KVM_CAP_PIT_STATE2): the channels and the PIT's flags (PIT_FLAGS). Example: `vm.getPit2().flags`. */
  getPit2(): PitState2 {
    const buf = new Uint8Array(kvm_pit_state2.size);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_PIT2, buf);
    return { channels: decodePitChannels(buf), flags: kvm_pit_state2.decode(new DataView(buf.buffer)).flags };
  }

  /** KVM_SET_PIT2 (KVM_CAP_PIT_STATE2): channels and flags. Example: `vm.setPit2({ ...vm.getPit2(), flags: 0 })`. */
  setPit2(state: PitState2): void {
    const buf = encodePitChannels(state.channels, kvm_pit_state2.size);
    kvm_pit_state2.encode({ flags: state.flags }, new DataView(buf.buffer));
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_PIT2, buf);
  }

  /**
   * KVM_REINJECT_CONTROL (KVM_CAP_REINJECT_CONTROL): with `reinject`, PIT ticks the guest has not acked yet are
   * kept and delivered one per ack; without, they are dropped. Example: `vm.reinjectControl(false)`.
   */
  reinjectControl(reinject: boolean): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_REINJECT_CONTROL, kvm_reinject_control.buffer({ pit_reinject: reinject ? 1 : 0 }));
  }

  /** KVM_GET_CLOCK: kvmclock as the guest sees it now, in ns, with flags (and realtime/host_tsc when flagged). */
  getClock(): ClockData {
    const buf = new Uint8Array(kvm_clock_data.size);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_CLOCK, buf);
    return kvm_clock_data.decode(new DataView(buf.buffer));
  }

  /** KVM_SET_CLOCK: sets kvmclock to `clock` ns (flags KVM_CLOCK_REALTIME with `realtime`). */
  setClock(data: { clock: bigint; flags?: number; realtime?: bigint }): void {
    libc.ioctlBuf(this.fd, IOCTLS.KVM_SET_CLOCK, kvm_clock_data.buffer({ flags: 0, ...data }));
  }

  /** KVM_GET_STATS_FD on the VM: the binary statistics, parsed (close() the Stats when done). */
  stats(): Stats {
    return openStats(this.fd);
  }

  /** KVM_CREATE_VCPU: vCPU `id` (by default the next one), with its kvm_run mapped. */
  createVcpu(id = this.vcpus.length): Vcpu {
    const fd = libc.ioctl(this.fd, IOCTLS.KVM_CREATE_VCPU, id);
    let vcpu: Vcpu;
    try {
      vcpu = new Vcpu(this, fd, id);
    } catch (e) {
      libc.close(fd);
      throw e;
    }
    this.vcpus.push(vcpu);
    return vcpu;
  }

  /** No ioctl: releases every vCPU, slot and owned eventfd, and closes the VM fd. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const vcpu of this.vcpus) vcpu.close();
    libc.close(this.fd);
    for (const fd of this.ownedFds.splice(0)) libc.close(fd);
    for (const slot of this.slots.values()) slot.memory.close();
    this.slots.clear();
  }

  /** No ioctl: close(), for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

function decodePitChannels(buf: Uint8Array): PitChannel[] {
  const view = new DataView(buf.buffer);
  return [0, 1, 2].map((i) => kvm_pit_channel_state.decode(view, PIT_CHANNELS + i * kvm_pit_channel_state.size));
}

function encodePitChannels(channels: PitChannel[], size: number): Uint8Array {
  if (channels.length !== 3) throw new Error(`the PIT has 3 channels, not ${channels.length}`);
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  channels.forEach((c, i) => kvm_pit_channel_state.encode(c, view, PIT_CHANNELS + i * kvm_pit_channel_state.size));
  return buf;
}
