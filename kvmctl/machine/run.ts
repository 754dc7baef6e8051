// The run loop: KVM_RUN until a final exit, serving the test device (test-device.ts) and recording
// every exit.
import type { Regs, Sregs } from '../engine/abi/structs.js';
import type { Exit } from '../engine/kvm/exit.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import type { Machine } from './machine.js';
import { deviceWrite, readExceptionFrame } from './test-device.js';
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
  /** A second console port whose OUT bytes are collected too (a kvm-unit-tests AP's serial port). */
  consolePort?: number;
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
        if (exit.port === options.consolePort && exit.direction === 'out') {
          for (const b of exit.data) consoleBytes.push(b);
          continue;
        }
        const write = deviceWrite(exit);
        if (write?.kind === 'console') for (const b of write.bytes) consoleBytes.push(b);
        else if (write?.kind === 'status') final = { reason: 'status', value: write.value };
        else if (write?.kind === 'checkpoint') options.onCheckpoint?.(write.n, vcpu);
        else if (write?.kind === 'exception') {
          const report = readExceptionFrame(machine, vcpu, write.vector);
          final = report.final;
          regsOverride = report.regs;
        } else if (exit.direction === 'in') {
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
