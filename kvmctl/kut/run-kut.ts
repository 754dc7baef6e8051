// Runs one kvm-unit-tests image on a fresh VM: RAM at GPA 0 with the image's segments and the
// multiboot information, the in-kernel irqchip (LAPICs, IOAPIC, PIC), the boot vCPU at the
// multiboot entry, and the others waiting for INIT/SIPI in KVM's LAPIC on threads of their own.
import type { MessagePort } from 'node:worker_threads';
import type { CpuidEntry2 } from '../engine/abi/structs.js';
import type { System } from '../engine/kvm/system.js';
import { runMachine, type Final } from '../machine/run.js';
import { SecondaryVcpus, type SecondaryOutcome } from '../machine/smp.js';
import type { TraceEntry } from '../machine/trace.js';
import { baseEnvironment, environmentText, placeBootInfo } from './boot-info.js';
import { DEBUG_EXIT_PORT, KutDevices, SERIAL_PORT } from './devices.js';
import { enterKernel } from './entry-state.js';
import type { MultibootImage } from './multiboot.js';
import { exitStatus, verdictOf, type KutVerdict } from './verdict.js';

/** Where KVM_SET_TSS_ADDR puts the pages Intel's real-mode emulation needs: above RAM (at most 3 GiB). */
const TSS_ADDR = 0xfffbd000;

export interface KutRun {
  /** The image's path: argv[0] of the guest, as QEMU's loader passes it. */
  file: string;
  image: MultibootImage;
  vcpus: number;
  memSize: number;
  /** The guest's arguments (QEMU's -append). */
  append: string;
  /** The environment module, after NR_CPUS, MEMSIZE and TEST_DEVICE. */
  env: Array<[string, string]>;
  cpuid: (supported: CpuidEntry2[]) => CpuidEntry2[];
  timeoutMs: number;
  vcpuPorts?: MessagePort[];
  cancelled?: () => boolean;
  /** The boot vCPU's serial output, line by line as it comes. */
  onLine?: (line: string) => void;
  /** A file descriptor for the other vCPUs' serial output, each line as it comes. */
  apConsoleFd?: number;
  traceLimit?: number;
}

export interface KutOutcome {
  verdict: KutVerdict | 'timeout';
  /** The debug-exit code and the status QEMU would have exited with. */
  code?: number;
  status?: number;
  final: Final;
  console: string;
  exits: TraceEntry[];
  exitCount: number;
  others: SecondaryOutcome[];
  durationMs: number;
}

export async function runKut(system: System, run: KutRun): Promise<KutOutcome> {
  const started = performance.now();
  const vm = system.createVm();
  try {
    if (system.checkExtension('KVM_CAP_SET_TSS_ADDR') > 0) vm.setTssAddr(TSS_ADDR);
    const memory = vm.addSlot({ slot: 0, gpa: 0, size: run.memSize }).memory;
    for (const s of run.image.segments) memory.writeBytes(s.paddr, s.data); // fresh RAM is zero: .bss needs nothing
    const env = new Map([...baseEnvironment(run.vcpus, run.memSize), ...run.env]);
    const info = placeBootInfo(memory, run.image.end, [run.file, run.append].filter(Boolean).join(' '), environmentText([...env]));
    vm.createIrqchip();
    const vcpus = Array.from({ length: run.vcpus }, (_, i) => vm.createVcpu(i));
    const cpuid = run.cpuid(system.supportedCpuid());
    for (const v of vcpus) v.setCpuid(cpuid);
    enterKernel(vcpus[0], run.image.entry, info.address);

    const devices = new KutDevices(run.vcpus, run.memSize);
    let line = '';
    const secondaries = vcpus.length > 1
      ? new SecondaryVcpus(vcpus.slice(1), system.vcpuMmapSize(), run.timeoutMs, { traceLimit: run.traceLimit, ports: run.vcpuPorts, consolePort: SERIAL_PORT, consoleFd: run.apConsoleFd, endPort: DEBUG_EXIT_PORT })
      : undefined;
    let others: SecondaryOutcome[] = [];
    let outcome;
    try {
      await secondaries?.started();
      outcome = runMachine({ slotAt: (gpa) => vm.resolve(gpa) }, {
        timeoutMs: run.timeoutMs, traceLimit: run.traceLimit,
        // An AP's debug-exit write ends the test as vCPU 0's would: it kicks this thread.
        cancelled: () => secondaries?.ending === true || run.cancelled?.() === true,
        onExit: (exit) => {
          if (secondaries?.ending) return 'stop';
          if (exit.reason !== 'io') return undefined;
          const shown = devices.consoleLength;
          const stop = devices.io(exit);
          if (run.onLine && devices.consoleLength !== shown) {
            line += devices.consoleFrom(shown);
            const parts = line.split('\n');
            line = parts.pop()!;
            for (const p of parts) run.onLine(p.replace(/\r$/, ''));
          }
          return stop ? 'stop' : 'continue';
        },
      }, vcpus[0]);
    } finally {
      if (secondaries) others = await secondaries.stopAll();
    }
    if (line && run.onLine) run.onLine(line);
    let final: Final = outcome.final;
    let verdict: KutOutcome['verdict'] = final.reason === 'timeout' ? 'timeout' : 'fail';
    let code: number | undefined, status: number | undefined;
    const exitCode = devices.exitCode ?? secondaries?.endedBy()?.value;
    if (exitCode !== undefined) {
      code = exitCode;
      status = exitStatus(code);
      verdict = verdictOf(status);
      final = { reason: 'status', value: status };
    }
    const console = (devices.consoleText + others.map((o) => o.console).join('')).replace(/\r\n/g, '\n');
    return { verdict, code, status, final, console, exits: outcome.exits, exitCount: outcome.exitCount, others, durationMs: performance.now() - started };
  } finally {
    vm.close();
  }
}
