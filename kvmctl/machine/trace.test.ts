// EXIT_FIELDS is the header's list of each exit's fields: it must name exactly what describeExit writes,
// for every exit a header may name (KVM's, and the run loop's own ends).
import t from 'tap';
import type { Exit } from '../engine/kvm/exit.js';
import type { Final } from './run.js';
import { describeExit, EXIT_FIELDS, type ExitName } from './trace.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
/** Every shape of exit, with the optional parts both present and absent. */
const SAMPLES: Array<Exit | Final> = [
  { reason: 'hlt' },
  { reason: 'io', direction: 'out', size: 1, port: 0x80, count: 1, dataOffset: 0x1000, data: bytes(0x41) },
  { reason: 'io', direction: 'in', size: 2, port: 0x60, count: 4, dataOffset: 0x1000, data: bytes(0, 0, 0, 0, 0, 0, 0, 0) },
  { reason: 'mmio', address: 0x10000000n, length: 4, write: true, data: bytes(1, 2, 3, 4) },
  { reason: 'mmio', address: 0x10000000n, length: 4, write: false, data: bytes(0, 0, 0, 0) },
  { reason: 'shutdown' },
  { reason: 'fail_entry', hardwareReason: 0x80000021n, cpu: 0 },
  { reason: 'internal_error', suberror: 1, suberrorName: 'EMULATION', data: [1n, 2n] },
  { reason: 'debug', exception: 1, pc: 0x1000n, dr6: 0xffff0ff0n, dr7: 0x400n },
  { reason: 'exception', vector: 13, name: '#GP', errorCode: 0, rip: 0x1005n, cs: 8 },
  { reason: 'exception', vector: 6, name: '#UD', rip: 0x1005n },
  { reason: 'timeout', rip: 0x1000n },
  { reason: 'status', value: 3 },
  { reason: 'irq_window_open' },
  { reason: 'system_event', type: 1, ndata: 1, data: [0n] },
  { reason: 'rdmsr', index: 0x174, data: 0n, msrReason: 4 },
  { reason: 'wrmsr', index: 0x174, data: 5n, msrReason: 4 },
  { reason: 'hypercall', nr: 12n, args: [0x200000n, 2n, 0x10n, 0n, 0n, 0n], longmode: 1 },
  { reason: 'kvm_exception', exception: 6, errorCode: 0 },
  { reason: 'tpr_access', rip: 0x1010n, isWrite: true },
  { reason: 'ioapic_eoi', vector: 0x61 },
  { reason: 'hyperv', type: 1, synic: { msr: 0x40000083, control: 1n, evtPage: 0n, msgPage: 0x5001n } },
  { reason: 'hyperv', type: 2 },
  { reason: 'unknown', raw: 99, hardwareReason: 0n },
];

t.test('describeExit writes exactly the fields EXIT_FIELDS names, for every exit a header may name', async (t) => {
  const seen = new Map<string, Set<string>>();
  for (const sample of SAMPLES) {
    const { reason, ...fields } = describeExit(sample);
    t.ok(reason in EXIT_FIELDS, `${reason} is in EXIT_FIELDS`);
    const known = Object.keys(EXIT_FIELDS[reason as ExitName] ?? {});
    for (const f of Object.keys(fields)) t.ok(known.includes(f), `${reason}: ${f} is in EXIT_FIELDS`);
    seen.set(reason, new Set([...(seen.get(reason) ?? []), ...Object.keys(fields)]));
  }
  for (const [reason, fields] of Object.entries(EXIT_FIELDS)) {
    t.same([...(seen.get(reason) ?? [])].sort(), Object.keys(fields).sort(), `${reason}: every field of EXIT_FIELDS is written by some exit`);
  }
});
