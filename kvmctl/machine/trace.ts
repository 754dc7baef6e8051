// Exit records: a copy of what one exit said, as plain JSON-able values (64-bit numbers as hex
// strings), and one-line descriptions for traces and failure reports.
import { leValue, type Exit } from '../kvm/exit.js';

export type TraceEntry = { reason: string } & Record<string, string | number | boolean>;

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
const bytesHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function describeExit(exit: Exit | { reason: string; [k: string]: unknown }): TraceEntry {
  const e = exit as Exit;
  switch (e.reason) {
    case 'io': {
      const entry: TraceEntry = { reason: 'io', direction: e.direction, port: hex(e.port), size: e.size, count: e.count, data_offset: hex(e.dataOffset) };
      // An IN's data is what the host is about to answer, so only OUT data is part of the record.
      if (e.direction === 'out') {
        entry.data = e.count === 1 && e.size <= 8 ? hex(leValue(e.data)) : bytesHex(e.data);
      }
      return entry;
    }
    case 'mmio': {
      const entry: TraceEntry = { reason: 'mmio', write: e.write, address: hex(e.address), length: e.length };
      if (e.write) entry.data = hex(leValue(e.data));
      return entry;
    }
    case 'fail_entry': return { reason: e.reason, hardware_reason: hex(e.hardwareReason), cpu: e.cpu };
    case 'internal_error': return { reason: e.reason, suberror: e.suberror, suberror_name: e.suberrorName, data: e.data.map(hex).join(' ') };
    case 'debug': return { reason: e.reason, exception: e.exception, pc: hex(e.pc), dr6: hex(e.dr6), dr7: hex(e.dr7) };
    case 'kvm_exception': return { reason: e.reason, exception: e.exception, error_code: hex(e.errorCode) };
    case 'system_event': return { reason: e.reason, type: e.type, data: e.data.map(hex).join(' ') };
    case 'rdmsr':
    case 'wrmsr': return { reason: e.reason, index: hex(e.index), data: hex(e.data), msr_reason: e.msrReason };
    case 'hypercall': return { reason: e.reason, nr: hex(e.nr) };
    case 'unknown': return { reason: e.reason, raw: e.raw, hardware_reason: hex(e.hardwareReason) };
    default: {
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
