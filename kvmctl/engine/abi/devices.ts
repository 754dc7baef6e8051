// Layouts and constants of the in-kernel device ioctls (x86-64): irqfd, Hyper-V eventfd, ioeventfd, coalesced MMIO/PIO,
// the PIT, kvmclock, MP state and binary statistics. Defined once; abi.test checks them against <linux/kvm.h>.
import { Struct, packed } from './layout.js';

/** KVM_IRQFD */
export interface Irqfd { fd: number; gsi: number; flags: number; resamplefd: number }
export const kvm_irqfd = new Struct<Irqfd>('kvm_irqfd', 32, packed([
  ['fd', 'u32'], ['gsi', 'u32'], ['flags', 'u32'], ['resamplefd', 'u32'],
] as const).fields);
export const IRQFD_FLAGS = { KVM_IRQFD_FLAG_DEASSIGN: 1, KVM_IRQFD_FLAG_RESAMPLE: 2 } as const;

/** KVM_HYPERV_EVENTFD (KVM_CAP_HYPERV_EVENTFD): the guest's HvSignalEvent of `conn_id` signals `fd`. */
export interface HypervEventfd { conn_id: number; fd: number; flags: number }
export const kvm_hyperv_eventfd = new Struct<HypervEventfd>('kvm_hyperv_eventfd', 24, packed([
  ['conn_id', 'u32'], ['fd', 'i32'], ['flags', 'u32'],
] as const).fields);
export const HYPERV_EVENTFD = { KVM_HYPERV_CONN_ID_MASK: 0x00ffffff, KVM_HYPERV_EVENTFD_DEASSIGN: 1 } as const;

/**
 * kvm_dirty_gfn: one entry of a vCPU's dirty ring (KVM_CAP_DIRTY_LOG_RING), mapped at KVM_DIRTY_LOG_PAGE_OFFSET
 * pages of the vCPU fd. slot is (address space << 16) | slot ID, offset the page within the slot.
 */
export interface DirtyGfn { flags: number; slot: number; offset: bigint }
export const kvm_dirty_gfn = new Struct<DirtyGfn>('kvm_dirty_gfn', 16, packed([
  ['flags', 'u32'], ['slot', 'u32'], ['offset', 'u64'],
] as const).fields);
/** kvm_dirty_gfn.flags: KVM sets DIRTY when it pushes an entry; userspace adds RESET once it has harvested it. */
export const DIRTY_GFN = { KVM_DIRTY_GFN_F_DIRTY: 1, KVM_DIRTY_GFN_F_RESET: 2 } as const;
/** x86's page offset of the dirty ring in the vCPU mapping (<asm/kvm.h>). */
export const KVM_DIRTY_LOG_PAGE_OFFSET = 64;

/** KVM_SIGNAL_MSI: an MSI write of `data` to address_hi:address_lo (devid with KVM_MSI_VALID_DEVID). */
export interface Msi { address_lo: number; address_hi: number; data: number; flags: number; devid: number }
export const kvm_msi = new Struct<Msi>('kvm_msi', 32, packed([
  ['address_lo', 'u32'], ['address_hi', 'u32'], ['data', 'u32'], ['flags', 'u32'], ['devid', 'u32'],
] as const).fields);

/**
 * KVM_SET_GSI_ROUTING: kvm_irq_routing (nr, flags, then nr entries at IRQ_ROUTING_ENTRIES). An entry's `u` is
 * irqchip {irqchip, pin} (u_0, u_1) or msi {address_lo, address_hi, data} (u_0, u_1, u_2).
 */
export const kvm_irq_routing = new Struct<{ nr: number; flags: number }>('kvm_irq_routing', 8, packed([['nr', 'u32'], ['flags', 'u32']] as const).fields);
export const IRQ_ROUTING_ENTRIES = 8; // offsetof(struct kvm_irq_routing, entries)
export interface IrqRoutingEntry { gsi: number; type: number; flags: number; u_0: number; u_1: number; u_2: number }
export const kvm_irq_routing_entry = new Struct<IrqRoutingEntry>('kvm_irq_routing_entry', 48, {
  ...packed([['gsi', 'u32'], ['type', 'u32'], ['flags', 'u32']] as const).fields,
  ...packed([['u_0', 'u32'], ['u_1', 'u32'], ['u_2', 'u32']] as const, 16).fields, // after a u32 pad
});
export const IRQ_ROUTING = { KVM_IRQ_ROUTING_IRQCHIP: 1, KVM_IRQ_ROUTING_MSI: 2, KVM_IRQCHIP_PIC_MASTER: 0, KVM_IRQCHIP_PIC_SLAVE: 1, KVM_IRQCHIP_IOAPIC: 2 } as const;

/** KVM_IOEVENTFD */
export interface Ioeventfd { datamatch: bigint; addr: bigint; len: number; fd: number; flags: number }
export const kvm_ioeventfd = new Struct<Ioeventfd>('kvm_ioeventfd', 64, packed([
  ['datamatch', 'u64'], ['addr', 'u64'], ['len', 'u32'], ['fd', 'i32'], ['flags', 'u32'],
] as const).fields);
export const IOEVENTFD_FLAGS = {
  KVM_IOEVENTFD_FLAG_DATAMATCH: 1, KVM_IOEVENTFD_FLAG_PIO: 2, KVM_IOEVENTFD_FLAG_DEASSIGN: 4,
} as const;

/** KVM_REGISTER_COALESCED_MMIO / KVM_UNREGISTER_COALESCED_MMIO (`pio` shares a union with the padding). */
export interface CoalescedZone { addr: bigint; size: number; pio: number }
export const kvm_coalesced_mmio_zone = new Struct<CoalescedZone>('kvm_coalesced_mmio_zone', 16, packed([
  ['addr', 'u64'], ['size', 'u32'], ['pio', 'u32'],
] as const).fields);

/** One entry of the coalesced ring; `data` is the u8[8] written, read as a little-endian u64. */
export interface CoalescedEntry { phys_addr: bigint; len: number; pio: number; data: bigint }
export const kvm_coalesced_mmio = new Struct<CoalescedEntry>('kvm_coalesced_mmio', 24, packed([
  ['phys_addr', 'u64'], ['len', 'u32'], ['pio', 'u32'], ['data', 'u64'],
] as const).fields);

/** The ring page at kvm_run + KVM_CAP_COALESCED_MMIO pages: first, last, then the entries. */
export interface CoalescedRing { first: number; last: number }
export const kvm_coalesced_mmio_ring = new Struct<CoalescedRing>('kvm_coalesced_mmio_ring', 8, packed([
  ['first', 'u32'], ['last', 'u32'],
] as const).fields);
export const COALESCED_RING_ENTRIES_OFFSET = 8; // offsetof(struct kvm_coalesced_mmio_ring, coalesced_mmio)

/** KVM_CREATE_PIT2 */
export interface PitConfig { flags: number }
export const kvm_pit_config = new Struct<PitConfig>('kvm_pit_config', 64, { flags: { offset: 0, type: 'u32' } });
export const KVM_PIT_SPEAKER_DUMMY = 1;

/** KVM_GET/SET_PIT(2): one i8254 channel as KVM keeps it; count_load_time is an s64 of host ns, read as u64. */
export interface PitChannel {
  count: number; latched_count: number; count_latched: number; status_latched: number; status: number; read_state: number;
  write_state: number; write_latch: number; rw_mode: number; mode: number; bcd: number; gate: number; count_load_time: bigint;
}
export const kvm_pit_channel_state = new Struct<PitChannel>('kvm_pit_channel_state', 24, packed([
  ['count', 'u32'], ['latched_count', 'u16'], ['count_latched', 'u8'], ['status_latched', 'u8'], ['status', 'u8'],
  ['read_state', 'u8'], ['write_state', 'u8'], ['write_latch', 'u8'], ['rw_mode', 'u8'], ['mode', 'u8'], ['bcd', 'u8'],
  ['gate', 'u8'], ['count_load_time', 'u64'],
] as const).fields);
/** KVM_GET/SET_PIT: channels[3] (at PIT_CHANNELS) and nothing else. */
export const kvm_pit_state = new Struct<Record<string, never>>('kvm_pit_state', 72, {});
export const PIT_CHANNELS = 0; // offsetof(struct kvm_pit_state(2), channels)
/** KVM_GET/SET_PIT2 (KVM_CAP_PIT_STATE2): the same channels, then flags (PIT_FLAGS) and reserved words. */
export const kvm_pit_state2 = new Struct<{ flags: number }>('kvm_pit_state2', 112, { flags: { offset: 72, type: 'u32' } });
export const PIT_FLAGS = { KVM_PIT_FLAGS_HPET_LEGACY: 1, KVM_PIT_FLAGS_SPEAKER_DATA_ON: 2 } as const;
export interface PitState2 { channels: PitChannel[]; flags: number }
/** KVM_REINJECT_CONTROL: pit_reinject 1 queues missed PIT ticks until the guest acks each, 0 drops them. */
export const kvm_reinject_control = new Struct<{ pit_reinject: number }>('kvm_reinject_control', 32, { pit_reinject: { offset: 0, type: 'u8' } });

/**
 * KVM_HAS/GET/SET_DEVICE_ATTR on /dev/kvm, a vCPU or a device: `addr` points at the attribute's value (a __u64
 * for the x86 system and vCPU attributes below).
 */
export interface DeviceAttr { flags: number; group: number; attr: bigint; addr: bigint }
export const kvm_device_attr = new Struct<DeviceAttr>('kvm_device_attr', 24, packed([
  ['flags', 'u32'], ['group', 'u32'], ['attr', 'u64'], ['addr', 'u64'],
] as const).fields);
/** x86 attributes: /dev/kvm's group 0 (KVM_CAP_SYS_ATTRIBUTES) and a vCPU's TSC group (KVM_CAP_VCPU_ATTRIBUTES). */
export const DEVICE_ATTRS = { KVM_X86_XCOMP_GUEST_SUPP: 0, KVM_VCPU_TSC_CTRL: 0, KVM_VCPU_TSC_OFFSET: 0 } as const;

/** KVM_GET_CLOCK / KVM_SET_CLOCK */
export interface ClockData { clock: bigint; flags: number; realtime: bigint; host_tsc: bigint }
export const kvm_clock_data = new Struct<ClockData>('kvm_clock_data', 48, {
  clock: { offset: 0, type: 'u64' }, flags: { offset: 8, type: 'u32' }, realtime: { offset: 16, type: 'u64' }, host_tsc: { offset: 24, type: 'u64' },
});
export const CLOCK_FLAGS = { KVM_CLOCK_TSC_STABLE: 2, KVM_CLOCK_REALTIME: 4, KVM_CLOCK_HOST_TSC: 8 } as const;

/** KVM_GET_MP_STATE / KVM_SET_MP_STATE */
export interface MpState { mp_state: number }
export const kvm_mp_state = new Struct<MpState>('kvm_mp_state', 4, { mp_state: { offset: 0, type: 'u32' } });
export const MP_STATES = {
  KVM_MP_STATE_RUNNABLE: 0,
  KVM_MP_STATE_UNINITIALIZED: 1,
  KVM_MP_STATE_INIT_RECEIVED: 2,
  KVM_MP_STATE_HALTED: 3,
  KVM_MP_STATE_SIPI_RECEIVED: 4,
  KVM_MP_STATE_STOPPED: 5,
  KVM_MP_STATE_CHECK_STOP: 6,
  KVM_MP_STATE_OPERATING: 7,
  KVM_MP_STATE_LOAD: 8,
  KVM_MP_STATE_AP_RESET_HOLD: 9,
  KVM_MP_STATE_SUSPENDED: 10,
} as const;

/** KVM_GET_LAPIC / KVM_SET_LAPIC: the 1024-byte xAPIC register page; offsets of the registers tests use. */
export const KVM_APIC_REG_SIZE = 0x400;
export const APIC_REGS = {
  ID: 0x20, LVR: 0x30, TASKPRI: 0x80, EOI: 0xb0, LDR: 0xd0, SPIV: 0xf0, ISR: 0x100, TMR: 0x180, IRR: 0x200,
  ICR: 0x300, ICR2: 0x310, LVTT: 0x320, LVT0: 0x350, LVT1: 0x360, TMICT: 0x380, TMCCT: 0x390, TDCR: 0x3e0,
} as const;

/** KVM_GET_STATS_FD: the file starts with this header; descriptors and data are at its offsets. */
export interface StatsHeader {
  flags: number; name_size: number; num_desc: number; id_offset: number; desc_offset: number; data_offset: number;
}
export const kvm_stats_header = new Struct<StatsHeader>('kvm_stats_header', 24, packed([
  ['flags', 'u32'], ['name_size', 'u32'], ['num_desc', 'u32'], ['id_offset', 'u32'], ['desc_offset', 'u32'], ['data_offset', 'u32'],
] as const).fields);

/** One descriptor; `name` (header.name_size bytes) follows. `exponent` is an s16, read here as u16. */
export interface StatsDesc { flags: number; exponent: number; size: number; offset: number; bucket_size: number }
export const kvm_stats_desc = new Struct<StatsDesc>('kvm_stats_desc', 16, packed([
  ['flags', 'u32'], ['exponent', 'u16'], ['size', 'u16'], ['offset', 'u32'], ['bucket_size', 'u32'],
] as const).fields);
export const STATS_DESC_NAME_OFFSET = 16; // offsetof(struct kvm_stats_desc, name)

export const STATS = {
  KVM_STATS_TYPE_MASK: 0xf, KVM_STATS_TYPE_CUMULATIVE: 0x0, KVM_STATS_TYPE_INSTANT: 0x1, KVM_STATS_TYPE_PEAK: 0x2,
  KVM_STATS_TYPE_LINEAR_HIST: 0x3, KVM_STATS_TYPE_LOG_HIST: 0x4, KVM_STATS_TYPE_MAX: 0x4,
  KVM_STATS_UNIT_MASK: 0xf0, KVM_STATS_UNIT_NONE: 0x00, KVM_STATS_UNIT_BYTES: 0x10, KVM_STATS_UNIT_SECONDS: 0x20,
  KVM_STATS_UNIT_CYCLES: 0x30, KVM_STATS_UNIT_BOOLEAN: 0x40, KVM_STATS_UNIT_MAX: 0x40,
  KVM_STATS_BASE_MASK: 0xf00, KVM_STATS_BASE_POW10: 0x000, KVM_STATS_BASE_POW2: 0x100, KVM_STATS_BASE_MAX: 0x100,
} as const;
