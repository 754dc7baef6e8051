// Soak: many VM lifecycles in one process (create the VM, its RAM slot and vCPU, set up the mode,
// run a guest that makes an I/O exit, an MMIO exit and a HLT, close), with the open fds, the vCPU
// kvm_run mappings and RSS sampled every so often. A leak of anything a VM holds shows as a rising
// count. `node dist/dev/fuzz/soak.js [--count 10000] [--every 1000]`; soak.test.ts runs a shorter one.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { openSystem } from '../../kvmctl/engine/kvm/open.js';
import { Machine } from '../../kvmctl/machine/machine.js';
import { runMachine } from '../../kvmctl/machine/run.js';
import type { Mode } from '../../kvmctl/machine/layout.js';
import { fdCount, settle, vcpuMaps } from './protocol.js';

export interface SoakSample {
  lifecycles: number;
  fds: number;
  vcpuMaps: number;
  rss: number;
  heapUsed: number;
}

/** Per mode: RAM size and a guest that does OUT 0x41 to port 0x80, writes 0x41 beyond RAM (MMIO), then HLT. */
export const SOAK_GUESTS: Record<Mode, { memSize: number; image: number[] }> = {
  // mov $0x41,%al; out %al,$0x80; mov $0x2000,%bx; mov %bx,%ds; mov %al,0 (linear 0x20000, past 64K); hlt
  real: { memSize: 0x10000, image: [0xb0, 0x41, 0xe6, 0x80, 0xbb, 0x00, 0x20, 0x8e, 0xdb, 0xa2, 0x00, 0x00, 0xf4] },
  // mov $0x41,%al; out %al,$0x80; mov %al,0x300000; hlt
  protected: { memSize: 0x200000, image: [0xb0, 0x41, 0xe6, 0x80, 0xa2, 0x00, 0x00, 0x30, 0x00, 0xf4] },
  // mov $0x41,%al; out %al,$0x80; mov %al,0x300000 (absolute, through a SIB byte); hlt
  long: { memSize: 0x200000, image: [0xb0, 0x41, 0xe6, 0x80, 0x88, 0x04, 0x25, 0x00, 0x00, 0x30, 0x00, 0xf4] },
};
const MODES: Mode[] = ['real', 'protected', 'long'];

export async function sampleNow(lifecycles: number): Promise<SoakSample> {
  await settle();
  return { lifecycles, fds: fdCount(), vcpuMaps: vcpuMaps(), rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed };
}

/**
 * Runs `count` lifecycles (modes in turn) and returns a sample before the first and after every `every`.
 * Throws if a guest does not end as expected (HLT after one I/O and one MMIO exit). Like a suite worker,
 * which gets one test per message, it lets the event loop turn between lifecycles.
 */
export async function soak(count: number, every: number, onSample?: (s: SoakSample) => void): Promise<SoakSample[]> {
  const system = openSystem();
  const samples: SoakSample[] = [];
  const take = async (n: number) => {
    const s = await sampleNow(n);
    samples.push(s);
    onSample?.(s);
  };
  try {
    await take(0);
    for (let i = 1; i <= count; i++) {
      const mode = MODES[i % MODES.length];
      const { memSize, image } = SOAK_GUESTS[mode];
      const machine = new Machine(system, { mode, memSize, load: 0x1000, image: Uint8Array.from(image) });
      try {
        const o = runMachine(machine, { timeoutMs: 2000, traceLimit: 16 });
        const reasons = o.exits.map((e) => e.reason).join(' ');
        if (reasons !== 'io mmio hlt') throw new Error(`lifecycle ${i} (${mode}): exits '${reasons}', expected 'io mmio hlt'`);
      } finally {
        machine.close();
      }
      if (i % every === 0) await take(i);
      else await nextTurn();
    }
  } finally {
    system.close();
  }
  return samples;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, every: { type: 'string', default: '1000' } } });
  const count = Number(values.count), every = Number(values.every);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(every) || every < 1) {
    process.stderr.write('usage: node dist/dev/fuzz/soak.js [--count N] [--every N]\n');
    process.exit(2);
  }
  const started = performance.now();
  process.stdout.write(`soak: ${count} VM lifecycles in one process (real, protected, long in turn), sampled every ${every} after garbage collection\n`);
  const samples = await soak(count, every, (s) =>
    process.stdout.write(`${String(s.lifecycles).padStart(7)}  fds ${s.fds}  vCPU mappings ${s.vcpuMaps}  RSS ${mb(s.rss)}  heap ${mb(s.heapUsed)}\n`));
  const first = samples[1] ?? samples[0], last = samples[samples.length - 1];
  process.stdout.write(`fds ${samples[0].fds} -> ${last.fds}; RSS ${mb(first.rss)} after ${first.lifecycles} -> ${mb(last.rss)} after ${last.lifecycles} ` +
    `(${(((last.rss - first.rss) / first.rss) * 100).toFixed(1)}%); ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
