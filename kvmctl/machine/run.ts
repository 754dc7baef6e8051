// The run loop: KVM_RUN until a final exit, serving the test device and recording every exit.
import type { Regs, Sregs } from '../abi/structs.js';
import { leValue, type Exit } from '../kvm/exit.js';
import type { Vcpu } from '../kvm/vcpu.js';
import { PORTS, vectorName } from '../modes/layout.js';
import type { Machine } from './machine.js';
import { describeExit, type TraceEntry } from './trace.js';
import { Watchdog } from './watchdog.js';

/** How a run ended. Test-device events (status, exception) and the timeout join KVM's own exits. */
export type Final =
  | Exclude<Exit, { reason: 'intr' }>
  | { reason: 'status'; value: number }
  | { reason: 'exception'; vector: number; name: string; errorCode?: number; rip?: bigint; cs?: number }
  | { reason: 'timeout'; rip: bigint }
  | { reason: 'interrupted'; rip: bigint };

/** A host hook's verdict on one exit: handled and resume, stop here, or leave it to the defaults. */
export type HookResult = 'continue' | 'stop' | undefined;

export interface RunOptions {
  timeoutMs: number;
  /** Called for every exit before the defaults; host actions live here. */
  onExit?: (exit: Exit, vcpu: Vcpu) => HookResult;
  /** Called when the guest writes a checkpoint number; the guest resumes afterwards. */
  onCheckpoint?: (n: number, vcpu: Vcpu) => void;
  /** Called with each exit as it is recorded (for --trace). */
  onTrace?: (entry: TraceEntry) => void;
  /** Most exits kept in the trace; older ones are dropped (counted in exitCount). */
  traceLimit?: number;
  /** Polled when a signal interrupts KVM_RUN: true ends the run as interrupted (Ctrl-C). */
  cancelled?: () => boolean;
}

export interface Outcome {
  final: Final;
  exits: TraceEntry[];
  exitCount: number;
  console: string;
  regs: Regs;
  sregs: Sregs;
  durationMs: number;
}

const BACKSTOP_EVERY = 4096; // exits between clock checks, in case every kick lands outside KVM_RUN

/** Where the run loop reads guest memory (the exception frame): a Machine, or nothing on a vCPU thread. */
export type MemoryView = Pick<Machine, 'slotAt'>;

export function runMachine(machine: MemoryView & { vcpu?: Vcpu }, options: RunOptions, vcpu = machine.vcpu!): Outcome {
  const started = performance.now();
  const watchdog = new Watchdog(options.timeoutMs);
  const limit = options.traceLimit ?? 10_000;
  const exits: TraceEntry[] = [];
  const consoleBytes: number[] = [];
  let exitCount = 0;
  let final: Final | undefined;
  let regsOverride: Partial<Regs> | undefined;

  try {
    while (final === undefined) {
      const exit = vcpu.run();
      if (exit.reason === 'intr') {
        if (options.cancelled?.()) final = { reason: 'interrupted', rip: vcpu.getRegs().rip };
        else if (watchdog.expired) final = { reason: 'timeout', rip: vcpu.getRegs().rip };
        continue;
      }
      exitCount++;
      const entry = describeExit(exit);
      // Past the limit, drop the older half at once: a shift() per exit would be O(n) each time.
      if (exits.length >= limit) exits.splice(0, exits.length - Math.floor(limit / 2));
      exits.push(entry);
      options.onTrace?.(entry);
      if ((exitCount & (BACKSTOP_EVERY - 1)) === 0 && watchdog.expired) {
        final = { reason: 'timeout', rip: vcpu.getRegs().rip };
        break;
      }

      const verdict = options.onExit?.(exit, vcpu);
      if (verdict === 'continue') continue;
      if (verdict === 'stop') {
        final = exit;
        break;
      }
      if (exit.reason === 'io') {
        if (exit.direction === 'out') {
          const value = Number(leValue(exit.data.subarray(0, Math.min(exit.size, 4))));
          if (exit.port === PORTS.console) for (const b of exit.data) consoleBytes.push(b);
          else if (exit.port === PORTS.status) final = { reason: 'status', value };
          else if (exit.port === PORTS.checkpoint) options.onCheckpoint?.(value, vcpu);
          else if (exit.port === PORTS.exception) {
            const report = readExceptionFrame(machine, vcpu, value);
            final = report.final;
            regsOverride = report.regs;
          }
        } else {
          exit.data.fill(0xff); // nothing on the bus answers all-ones
        }
      } else if (exit.reason === 'mmio') {
        if (!exit.write) exit.data.fill(0xff);
      } else {
        final = exit;
      }
    }
  } finally {
    watchdog.close();
  }
  const regs = { ...vcpu.getRegs(), ...regsOverride };
  return {
    final, exits, exitCount, regs, sregs: vcpu.getSregs(),
    console: Buffer.from(consoleBytes).toString('latin1'),
    durationMs: performance.now() - started,
  };
}

/**
 * The default stubs push the guest's (e/r)ax and the error code (0 if none), then OUT the vector.
 * The frame on the stack gives the faulting RIP; the registers are reported as they were at the fault.
 */
function readExceptionFrame(machine: MemoryView, vcpu: Vcpu, vector: number): { final: Final; regs?: Partial<Regs> } {
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
