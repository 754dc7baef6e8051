// The test device: the I/O ports through which a guest talks to the runner (README, "The test
// device"). Bytes to the console, a checkpoint for the host's actions, a status that ends the run,
// and the default exception stubs' report, whose frame is read from the guest's stack.
import type { Regs } from '../engine/abi/structs.js';
import { outValue, type Exit } from '../engine/kvm/exit.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import { vectorName } from './layout.js';
import type { Final, MemoryView } from './run.js';

export const PORTS = {
  console: 0xe9, // bytes written here are collected as console text
  checkpoint: 0xf0, // a number: the host runs that checkpoint's actions, then resumes the guest
  status: 0xf4, // a 32-bit status ends the run: 0 is pass, anything else a failure
  exception: 0xf8, // written by the default exception stubs: the vector; the frame is on the stack
} as const;

/** What one OUT to the device means; undefined for a port that is not the device's. */
export type DeviceWrite =
  | { kind: 'console'; bytes: Uint8Array }
  | { kind: 'checkpoint'; n: number }
  | { kind: 'status'; value: number }
  | { kind: 'exception'; vector: number };

export function deviceWrite(exit: Extract<Exit, { reason: 'io' }>): DeviceWrite | undefined {
  if (exit.direction !== 'out') return undefined;
  const value = outValue(exit.data, exit.size);
  switch (exit.port) {
    case PORTS.console: return { kind: 'console', bytes: exit.data };
    case PORTS.checkpoint: return { kind: 'checkpoint', n: value };
    case PORTS.status: return { kind: 'status', value };
    case PORTS.exception: return { kind: 'exception', vector: value };
    default: return undefined;
  }
}

/**
 * The default stubs push the guest's (e/r)ax and the error code (0 if none), then OUT the vector.
 * The frame on the stack gives the faulting RIP; the registers are reported as they were at the fault.
 */
export function readExceptionFrame(machine: MemoryView, vcpu: Vcpu, vector: number): { final: Final; regs?: Partial<Regs> } {
  const sregs = vcpu.getSregs();
  const regs = vcpu.getRegs();
  const long = (sregs.efer & 0x400n) !== 0n && sregs.cs.l === 1;
  const real = (sregs.cr0 & 1n) === 0n;
  const width = long ? 8 : real ? 2 : 4;
  const sp = long ? regs.rsp : real ? (regs.rsp & 0xffffn) : (regs.rsp & 0xffffffffn);
  const frame = sregs.ss.base + sp;
  const word = (i: number): bigint | undefined => {
    const at = machine.slotAt(frame + BigInt(i * width));
    if (!at || at.offset + width > at.slot.size) return undefined;
    const m = at.slot.memory;
    return width === 8 ? m.readU64(at.offset) : BigInt(width === 4 ? m.readU32(at.offset) : m.readU16(at.offset));
  };
  const name = vectorName(vector);
  const savedAx = word(0);
  if (real) {
    const ip = word(1), cs = word(2), flags = word(3);
    const final: Final = { reason: 'exception', vector, name, rip: ip, cs: cs === undefined ? undefined : Number(cs) };
    if (savedAx === undefined || ip === undefined || flags === undefined) return { final };
    return { final, regs: { rax: (regs.rax & ~0xffffn) | savedAx, rip: ip, rflags: flags, rsp: regs.rsp + 8n } };
  }
  const err = word(1), rip = word(2), flags = word(4);
  const final: Final = { reason: 'exception', vector, name, errorCode: err === undefined ? undefined : Number(err), rip };
  if (savedAx === undefined || rip === undefined || flags === undefined) return { final };
  const rsp = long ? word(5) : regs.rsp + 20n;
  const rax = long ? savedAx : (regs.rax & ~0xffffffffn) | savedAx;
  return { final, regs: { rax, rip, rflags: flags, ...(rsp === undefined ? {} : { rsp }) } };
}
