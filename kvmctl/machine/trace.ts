// Exit records: a copy of what one exit said, as plain JSON-able values (64-bit numbers as hex
// strings), and one-line descriptions for traces and failure reports.
import { leValue, type Exit } from '../engine/kvm/exit.js';

export type TraceEntry = { reason: string } & Record<string, string | number | boolean>;

/** How a field's value is written: a number (decimal or 0x-hex), one of some words, or any text. */
export type FieldKind = 'number' | 'text' | 'bytes' | readonly string[];
const BOOL = ['true', 'false'] as const;

/**
 * The fields of each exit reason a header may name, as describeExit writes them: what `expect: exit`,
 * `expect: final` and `kvmctl exec --json` show. The header accepts these and no others.
 */
export const EXIT_FIELDS = {
  hlt: {},
  // data: OUT data only, a number when count is 1, else hex bytes ("bytes")
  io: { direction: ['in', 'out'], port: 'number', size: 'number', count: 'number', data_offset: 'number', data: 'bytes' },
  mmio: { write: BOOL, address: 'number', length: 'number', data: 'number' },
  shutdown: {},
  fail_entry: { hardware_reason: 'number', cpu: 'number' },
  internal_error: { suberror: 'number', suberror_name: 'text', data: 'text' },
  debug: { exception: 'number', pc: 'number', dr6: 'number', dr7: 'number' },
  // the test device's report of an exception the guest did not handle
  exception: { vector: 'number', name: 'text', error_code: 'number', rip: 'number', cs: 'number' },
  timeout: { rip: 'number' },
  status: { value: 'number' },
  irq_window_open: {},
  system_event: { type: 'number', ndata: 'number', data: 'text' },
  rdmsr: { index: 'number', data: 'number', msr_reason: 'number' },
  wrmsr: { index: 'number', data: 'number', msr_reason: 'number' },
  // args: KVM_EXIT_HYPERCALL's six arguments (KVM_HC_MAP_GPA_RANGE fills arg0-arg2); longmode: 1 from a 64-bit guest
  hypercall: {
    nr: 'number', arg0: 'number', arg1: 'number', arg2: 'number', arg3: 'number', arg4: 'number', arg5: 'number', longmode: 'number',
  },
  kvm_exception: { exception: 'number', error_code: 'number' },
  // KVM_TPR_ACCESS_REPORTING: the RIP of the instruction that accessed the TPR, and whether it wrote it
  tpr_access: { rip: 'number', is_write: BOOL },
  // KVM_CAP_SPLIT_IRQCHIP: the guest's EOI of a vector a level-triggered MSI route below the reserved pins delivers
  ioapic_eoi: { vector: 'number' },
  // KVM_CAP_HYPERV_SYNIC: type 1 is a guest write of a SynIC MSR (msr), with SCONTROL, SIEFP and SIMP as they are after it
  hyperv: { type: 'number', msr: 'number', control: 'number', evt_page: 'number', msg_page: 'number' },
  unknown: { raw: 'number', hardware_reason: 'number' },
} as const satisfies Record<string, Record<string, FieldKind>>;

export type ExitName = keyof typeof EXIT_FIELDS;
type Value = string | number | boolean;
type Fields<R extends ExitName> = { -readonly [K in keyof (typeof EXIT_FIELDS)[R]]?: Value };
/** An entry of `reason` with only its own fields: the compiler rejects any other. */
const entry = <R extends ExitName>(reason: R, fields: Fields<R>): TraceEntry => ({ reason, ...fields }) as TraceEntry;

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
const bytesHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function describeExit(exit: Exit | { reason: string; [k: string]: unknown }): TraceEntry {
  const e = exit as Exit;
  switch (e.reason) {
    case 'io': {
      const fields: Fields<'io'> = { direction: e.direction, port: hex(e.port), size: e.size, count: e.count, data_offset: hex(e.dataOffset) };
      // An IN's data is what the host is about to answer, so only OUT data is part of the record.
      if (e.direction === 'out') {
        fields.data = e.count === 1 && e.size <= 8 ? hex(leValue(e.data)) : bytesHex(e.data);
      }
      return entry('io', fields);
    }
    case 'mmio': {
      const fields: Fields<'mmio'> = { write: e.write, address: hex(e.address), length: e.length };
      if (e.write) fields.data = hex(leValue(e.data));
      return entry('mmio', fields);
    }
    case 'fail_entry': return entry(e.reason, { hardware_reason: hex(e.hardwareReason), cpu: e.cpu });
    case 'internal_error': return entry(e.reason, { suberror: e.suberror, suberror_name: e.suberrorName, data: e.data.map(hex).join(' ') });
    case 'debug': return entry(e.reason, { exception: e.exception, pc: hex(e.pc), dr6: hex(e.dr6), dr7: hex(e.dr7) });
    case 'kvm_exception': return entry(e.reason, { exception: e.exception, error_code: hex(e.errorCode) });
    case 'system_event': return entry(e.reason, { type: e.type, ndata: e.ndata, data: e.data.map(hex).join(' ') });
    case 'rdmsr':
    case 'wrmsr': return entry(e.reason, { index: hex(e.index), data: hex(e.data), msr_reason: e.msrReason });
    case 'hypercall': return entry(e.reason, {
      nr: hex(e.nr), arg0: hex(e.args[0]), arg1: hex(e.args[1]), arg2: hex(e.args[2]), arg3: hex(e.args[3]), arg4: hex(e.args[4]),
      arg5: hex(e.args[5]), longmode: e.longmode,
    });
    case 'tpr_access': return entry(e.reason, { rip: hex(e.rip), is_write: e.isWrite });
    case 'ioapic_eoi': return entry(e.reason, { vector: hex(e.vector) });
    case 'hyperv': return entry(e.reason, e.synic ? {
      type: e.type, msr: hex(e.synic.msr), control: hex(e.synic.control), evt_page: hex(e.synic.evtPage), msg_page: hex(e.synic.msgPage),
    } : { type: e.type });
    case 'unknown': return entry(e.reason, { raw: e.raw, hardware_reason: hex(e.hardwareReason) });
    default: {
      // hlt, shutdown, irq_window_open and the run loop's own ends (status, exception, timeout): their fields as they are
      const out: TraceEntry = { reason: e.reason };
      for (const [k, v] of Object.entries(exit)) {
        if (k === 'reason' || v === undefined) continue;
        out[k === 'errorCode' ? 'error_code' : k] = typeof v === 'bigint' ? hex(v) : (v as string | number | boolean);
      }
      return out;
    }
  }
}
/** `io out port=0xe9 size=1 count=1 data=0x41` */
export function formatEntry(entry: TraceEntry): string {
  const { reason, ...rest } = entry;
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${v}`);
  return [reason, ...fields].join(' ');
}
