// The typed result of KVM_RUN (kvm-ioctls' `VcpuExit`), decoded from the shared kvm_run page.
import { EXIT_IO_OUT, EXIT_REASONS as R, INTERNAL_ERROR_SUBCODES, KVM_EXIT_HYPERV_SYNIC } from '../abi/exits.js';
import { KVM_RUN as O } from '../abi/structs.js';

export type Exit =
  | { reason: 'io'; direction: 'in' | 'out'; size: number; port: number; count: number; dataOffset: number; data: Uint8Array }
  | { reason: 'mmio'; address: bigint; length: number; write: boolean; data: Uint8Array }
  | { reason: 'hlt' }
  | { reason: 'shutdown' }
  | { reason: 'intr' }
  | { reason: 'irq_window_open' }
  | { reason: 'fail_entry'; hardwareReason: bigint; cpu: number }
  | { reason: 'internal_error'; suberror: number; suberrorName: string; data: bigint[] }
  | { reason: 'debug'; exception: number; pc: bigint; dr6: bigint; dr7: bigint }
  | { reason: 'kvm_exception'; exception: number; errorCode: number }
  | { reason: 'system_event'; type: number; ndata: number; data: bigint[] } // ndata as KVM wrote it (KVM_CAP_SYSTEM_EVENT_DATA)
  | { reason: 'rdmsr' | 'wrmsr'; index: number; data: bigint; msrReason: number }
  | { reason: 'hypercall'; nr: bigint; args: bigint[]; longmode: number }
  | { reason: 'tpr_access'; rip: bigint; isWrite: boolean }
  | { reason: 'ioapic_eoi'; vector: number }
  // KVM_EXIT_HYPERV; type KVM_EXIT_HYPERV_SYNIC (1) carries the SynIC MSR the guest wrote and the SynIC's state after it
  | { reason: 'hyperv'; type: number; synic?: { msr: number; control: bigint; evtPage: bigint; msgPage: bigint } }
  | { reason: 'unknown'; raw: number; hardwareReason: bigint };

export type ExitReason = Exit['reason'];

/** Decodes the exits other than IO, MMIO and HLT (ExitDecoder.decode handles those) from a view of kvm_run. */
function decodeOtherExit(view: DataView, raw: number): Exit {
  switch (raw) {
    case R.KVM_EXIT_SHUTDOWN: return { reason: 'shutdown' };
    case R.KVM_EXIT_INTR: return { reason: 'intr' };
    case R.KVM_EXIT_IRQ_WINDOW_OPEN: return { reason: 'irq_window_open' };
    case R.KVM_EXIT_FAIL_ENTRY:
      return {
        reason: 'fail_entry',
        hardwareReason: view.getBigUint64(O.fail_entry_hardware_entry_failure_reason, true),
        cpu: view.getUint32(O.fail_entry_cpu, true),
      };
    case R.KVM_EXIT_INTERNAL_ERROR: {
      const suberror = view.getUint32(O.internal_suberror, true);
      const ndata = Math.min(view.getUint32(O.internal_ndata, true), 16);
      return {
        reason: 'internal_error', suberror,
        suberrorName: INTERNAL_ERROR_SUBCODES[suberror] ?? `suberror ${suberror}`,
        data: u64s(view, O.internal_data, ndata),
      };
    }
    case R.KVM_EXIT_DEBUG:
      return {
        reason: 'debug',
        exception: view.getUint32(O.debug_exception, true),
        pc: view.getBigUint64(O.debug_pc, true),
        dr6: view.getBigUint64(O.debug_dr6, true),
        dr7: view.getBigUint64(O.debug_dr7, true),
      };
    case R.KVM_EXIT_EXCEPTION:
      return { reason: 'kvm_exception', exception: view.getUint32(O.ex_exception, true), errorCode: view.getUint32(O.ex_error_code, true) };
    case R.KVM_EXIT_SYSTEM_EVENT:
      return {
        reason: 'system_event', type: view.getUint32(O.system_event_type, true), ndata: view.getUint32(O.system_event_ndata, true),
        data: u64s(view, O.system_event_data, Math.min(view.getUint32(O.system_event_ndata, true), 16)),
      };
    case R.KVM_EXIT_X86_RDMSR:
    case R.KVM_EXIT_X86_WRMSR:
      return {
        reason: raw === R.KVM_EXIT_X86_RDMSR ? 'rdmsr' : 'wrmsr',
        index: view.getUint32(O.msr_index, true),
        data: view.getBigUint64(O.msr_data, true),
        msrReason: view.getUint32(O.msr_reason, true),
      };
    case R.KVM_EXIT_HYPERCALL:
      return {
        reason: 'hypercall', nr: view.getBigUint64(O.hypercall_nr, true), args: u64s(view, O.hypercall_args, 6),
        longmode: view.getUint32(O.hypercall_longmode, true),
      };
    case R.KVM_EXIT_TPR_ACCESS:
      return { reason: 'tpr_access', rip: view.getBigUint64(O.tpr_access_rip, true), isWrite: view.getUint32(O.tpr_access_is_write, true) !== 0 };
    case R.KVM_EXIT_IOAPIC_EOI:
      return { reason: 'ioapic_eoi', vector: view.getUint8(O.eoi_vector) };
    case R.KVM_EXIT_HYPERV: {
      const type = view.getUint32(O.hyperv_type, true);
      if (type !== KVM_EXIT_HYPERV_SYNIC) return { reason: 'hyperv', type };
      return {
        reason: 'hyperv', type, synic: {
          msr: view.getUint32(O.hyperv_synic_msr, true), control: view.getBigUint64(O.hyperv_synic_control, true),
          evtPage: view.getBigUint64(O.hyperv_synic_evt_page, true), msgPage: view.getBigUint64(O.hyperv_synic_msg_page, true),
        },
      };
    }
    default:
      return { reason: 'unknown', raw, hardwareReason: view.getBigUint64(O.hw_hardware_exit_reason, true) };
  }
}

function u64s(view: DataView, at: number, n: number): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) out.push(view.getBigUint64(at + 8 * i, true));
  return out;
}

type IoExit = Extract<Exit, { reason: 'io' }>;
type MmioExit = Extract<Exit, { reason: 'mmio' }>;

export const HLT_EXIT: Exit = Object.freeze({ reason: 'hlt' });
export const INTR_EXIT: Exit = Object.freeze({ reason: 'intr' });

/**
 * The run loop's decoder: IO, MMIO and HLT exits are filled into objects made once per vCPU, so the
 * hot path allocates nothing. Such an exit is valid until the next KVM_RUN; copy what you keep.
 */
export class ExitDecoder {
  private readonly io: IoExit = { reason: 'io', direction: 'out', size: 0, port: 0, count: 0, dataOffset: -1, data: new Uint8Array(0) };
  private readonly mmio: MmioExit = { reason: 'mmio', address: 0n, length: -1, write: false, data: new Uint8Array(0) };
  private mmioLo = -1;
  private mmioHi = -1;

  constructor(private readonly view: DataView, private readonly bytes: Uint8Array) {}

  decode(): Exit {
    const v = this.view;
    const raw = v.getUint32(O.exit_reason, true);
    if (raw === R.KVM_EXIT_IO) {
      const io = this.io;
      const size = v.getUint8(O.io_size), count = v.getUint32(O.io_count, true);
      const dataOffset = v.getUint32(O.io_data_offset, true); // within the mapping: never above 4 GiB
      if (dataOffset !== io.dataOffset || size * count !== io.data.length) io.data = this.bytes.subarray(dataOffset, dataOffset + size * count);
      io.direction = v.getUint8(O.io_direction) === EXIT_IO_OUT ? 'out' : 'in';
      io.size = size;
      io.count = count;
      io.dataOffset = dataOffset;
      io.port = v.getUint16(O.io_port, true);
      return io;
    }
    if (raw === R.KVM_EXIT_MMIO) {
      const m = this.mmio;
      const lo = v.getUint32(O.mmio_phys_addr, true), hi = v.getUint32(O.mmio_phys_addr + 4, true);
      if (lo !== this.mmioLo || hi !== this.mmioHi) {
        m.address = (BigInt(hi) << 32n) | BigInt(lo);
        this.mmioLo = lo;
        this.mmioHi = hi;
      }
      const length = v.getUint32(O.mmio_len, true);
      if (length !== m.length) m.data = this.bytes.subarray(O.mmio_data, O.mmio_data + Math.min(length, 8));
      m.length = length;
      m.write = v.getUint8(O.mmio_is_write) !== 0;
      return m;
    }
    if (raw === R.KVM_EXIT_HLT) return HLT_EXIT;
    return decodeOtherExit(v, raw);
  }
}

/** Little-endian unsigned value of up to 8 bytes. */
export function leValue(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** The value one port OUT wrote: the first `size` bytes of its data, at most 32 bits, unsigned. */
export function outValue(data: Uint8Array, size = data.length): number {
  return Number(leValue(data.subarray(0, Math.min(size, 4))));
}
