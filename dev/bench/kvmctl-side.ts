// kvmctl's side of the paired figures, run in a child process of its own:
//   node kvmctl-side.js pio|mmio|lifecycle N WARMUP
// It does what reference.c does, through the library, and prints one JSON line in the same shape.
import { System } from '../../kvmctl/engine/kvm/system.js';
import type { ExitReason } from '../../kvmctl/engine/kvm/exit.js';
import type { Vcpu } from '../../kvmctl/engine/kvm/vcpu.js';
import { Machine } from '../../kvmctl/machine/machine.js';
import { GUESTS, hexBytes, type PairFigure } from './guests.js';

const MEM = 2 << 20;
const LOAD = 0x1000;

/** Vcpu.run() until HLT; every other exit must be `expect`. Returns the number of KVM_RUN calls. */
function runToHlt(vcpu: Vcpu, expect: ExitReason): number {
  for (let exits = 1; ; exits++) {
    const exit = vcpu.run();
    if (exit.reason === 'hlt') return exits;
    if (exit.reason !== expect && exit.reason !== 'intr') throw new Error(`unexpected exit ${exit.reason}`);
  }
}

function exitsFigure(system: System, figure: 'pio' | 'mmio', n: number, warmup: number) {
  const g = GUESTS[figure];
  const machine = new Machine(system, { mode: g.mode, memSize: MEM, load: LOAD, image: g.bytes, regs: { rcx: BigInt(warmup) } });
  const vcpu = machine.vcpu;
  runToHlt(vcpu, g.exit);
  vcpu.setRegs({ rip: BigInt(LOAD), rsp: 0x8000n, rflags: 2n, rcx: BigInt(n) });
  const t0 = process.hrtime.bigint();
  const exits = runToHlt(vcpu, g.exit);
  const t1 = process.hrtime.bigint();
  machine.close();
  return { exits, value: Number(t1 - t0) / exits, unit: 'ns/exit' };
}

function lifecycleFigure(system: System, n: number, warmup: number) {
  const image = GUESTS.lifecycle.bytes;
  const once = () => {
    const machine = new Machine(system, { mode: 'long', memSize: MEM, load: LOAD, image });
    runToHlt(machine.vcpu, 'hlt');
    machine.close();
  };
  for (let i = 0; i < warmup; i++) once();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) once();
  const t1 = process.hrtime.bigint();
  return { value: Number(t1 - t0) / n / 1e6, unit: 'ms/lifecycle' };
}

const [figure, nArg, warmupArg] = process.argv.slice(2);
if (!(figure in GUESTS)) {
  console.error('usage: kvmctl-side.js pio|mmio|lifecycle N [WARMUP]');
  process.exit(2);
}
const n = Number(nArg), warmup = Number(warmupArg ?? 0);
const system = System.open();
const result = figure === 'lifecycle' ? lifecycleFigure(system, n, warmup) : exitsFigure(system, figure as 'pio' | 'mmio', n, warmup);
system.close();
console.log(JSON.stringify({ figure, side: 'kvmctl', n, ...result, guest: hexBytes(GUESTS[figure as PairFigure].bytes) }));
