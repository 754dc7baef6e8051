// The engine in each CPU mode, against the real /dev/kvm: HLT, OUT and IN, MMIO beyond RAM,
// registers from the host, and unexpected exceptions reported by the default stubs.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import t from 'tap';
import { GPR_NAMES, type Regs } from '../engine/abi/structs.js';
import type { Exit } from '../engine/kvm/exit.js';
import { System } from '../engine/kvm/system.js';
import { DEFAULT_MEM, MODES, type Mode } from './layout.js';
import { PORTS } from './test-device.js';
import { bytesHex, guest, hex, LOAD } from '../../dev/testdata/helpers.js';
import { Machine } from './machine.js';
import { runMachine, type HookResult, type Outcome } from './run.js';

const system = System.open();
t.teardown(() => system.close());

interface Ran {
  outcome: Outcome;
  image: Uint8Array;
  /** A copy of guest RAM from 0 to 64 KiB, taken after the run. */
  ram: Uint8Array;
}

function runGuest(
  mode: Mode,
  file: string,
  options: { memSize?: number; regs?: Partial<Regs>; onExit?: (exit: Exit) => HookResult } = {},
): Ran {
  const image = guest(file, mode);
  const machine = new Machine(system, { mode, memSize: options.memSize ?? DEFAULT_MEM, load: LOAD, image, regs: options.regs });
  try {
    const outcome = runMachine(machine, { timeoutMs: 5000, onExit: options.onExit && ((exit) => options.onExit!(exit)) });
    return { outcome, image, ram: machine.memory.readBytes(0, Math.min(0x10000, machine.memory.size)) };
  } finally {
    machine.close();
  }
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const u64 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getBigUint64(at, true);
const finalText = (o: Outcome) => JSON.stringify(o.final, (_k, v) => (typeof v === 'bigint' ? hex(v) : v));

/** Where each mode's MMIO accesses land: mmio-real.S reaches past 64 KiB of RAM through ES, mmio.S past 2 MiB. */
const MMIO: Record<Mode, { file: string; memSize: number; write: bigint; read: bigint; unanswered: bigint }> = {
  real: { file: 'mmio-real.S', memSize: 0x10000, write: 0x20000n, read: 0x20010n, unanswered: 0x20020n },
  protected: { file: 'mmio.S', memSize: DEFAULT_MEM, write: 0x10000000n, read: 0x10000010n, unanswered: 0x10000020n },
  long: { file: 'mmio.S', memSize: DEFAULT_MEM, write: 0x10000000n, read: 0x10000010n, unanswered: 0x10000020n },
};

/** Distinct 64-bit values for the sixteen GPRs: every byte differs between registers. */
const HOST_GPRS = Object.fromEntries(
  GPR_NAMES.map((name, i) => [name, BigInt.asUintN(64, 0x8070605040302010n + BigInt(i) * 0x0101010101010101n + BigInt(i))]),
) as Record<(typeof GPR_NAMES)[number], bigint>;

for (const mode of MODES) {
  t.test(`${mode} mode`, async (t) => {
    t.test('HLT exit with a register computed by the guest', async (t) => {
      const { outcome, image } = runGuest(mode, 'hlt-fib.S');
      t.equal(outcome.final.reason, 'hlt', `final exit is hlt (${finalText(outcome)})`);
      t.equal(outcome.regs.rbx, 6765n, 'rbx = fib(20), computed by the guest');
      t.equal(image[image.length - 1], 0xf4, 'the fixture ends with hlt');
      t.equal(hex(outcome.regs.rip), hex(LOAD + image.length), 'RIP is just past the hlt');
      t.same(outcome.exits, [{ reason: 'hlt' }], 'the only exit is the hlt');
      t.equal(outcome.exitCount, 1);
    });

    t.test('OUT of sizes 1, 2 and 4', async (t) => {
      const raw: Array<{ port: number; size: number; direction: string; count: number; data: string }> = [];
      const { outcome } = runGuest(mode, 'out.S', {
        onExit: (exit) => {
          if (exit.reason === 'io') raw.push({ port: exit.port, size: exit.size, direction: exit.direction, count: exit.count, data: bytesHex(exit.data) });
          return undefined; // the defaults: no device on these ports, the guest continues
        },
      });
      t.equal(outcome.final.reason, 'hlt', `the guest continues past OUTs to ports with no device (${finalText(outcome)})`);
      t.same(raw, [
        { port: 0x80, size: 1, direction: 'out', count: 1, data: '11' },
        { port: 0x82, size: 2, direction: 'out', count: 1, data: '3322' },
        { port: 0x84, size: 4, direction: 'out', count: 1, data: '77665544' },
        { port: 0x1234, size: 4, direction: 'out', count: 1, data: 'bbaa9988' },
      ], 'port, size, direction, count and the data bytes of each exit');
      t.same(outcome.exits, [
        { reason: 'io', direction: 'out', port: '0x80', size: 1, count: 1, data_offset: '0x1000', data: '0x11' },
        { reason: 'io', direction: 'out', port: '0x82', size: 2, count: 1, data_offset: '0x1000', data: '0x2233' },
        { reason: 'io', direction: 'out', port: '0x84', size: 4, count: 1, data_offset: '0x1000', data: '0x44556677' },
        { reason: 'io', direction: 'out', port: '0x1234', size: 4, count: 1, data_offset: '0x1000', data: '0x8899aabb' },
        { reason: 'hlt' },
      ], 'the exit trace');
    });

    t.test('IN answered by the host', async (t) => {
      const answers: Record<number, number[]> = { 0x60: [0xab], 0x62: [0xcd, 0xab], 0x64: [0x78, 0x56, 0x34, 0x12] };
      const seen: Array<{ port: number; size: number; count: number }> = [];
      const { outcome, ram } = runGuest(mode, 'in.S', {
        onExit: (exit) => {
          if (exit.reason !== 'io' || exit.direction !== 'in') return undefined;
          seen.push({ port: exit.port, size: exit.size, count: exit.count });
          const answer = answers[exit.port];
          if (!answer) return undefined; // port 0x66: the engine's default answer
          exit.data.set(answer);
          return 'continue';
        },
      });
      t.equal(outcome.final.reason, 'hlt', `final exit is hlt (${finalText(outcome)})`);
      t.same(seen, [
        { port: 0x60, size: 1, count: 1 },
        { port: 0x62, size: 2, count: 1 },
        { port: 0x64, size: 4, count: 1 },
        { port: 0x66, size: 4, count: 1 },
      ], 'one IN exit per instruction, with its port, size and count');
      t.equal(bytesHex(ram.subarray(0x2000, 0x200c)), 'ab00cdab78563412ffffffff',
        'the guest stored the host\'s answers (0xab, 0xabcd, 0x12345678) and all-ones for the unanswered port');
      t.same(outcome.exits.slice(0, 4).map((e) => [e.direction, e.port, e.size]),
        [['in', '0x60', 1], ['in', '0x62', 2], ['in', '0x64', 4], ['in', '0x66', 4]], 'the IN exits in the trace');
    });

    t.test('MMIO write and read beyond RAM', async (t) => {
      const m = MMIO[mode];
      t.ok(m.write >= BigInt(m.memSize) && m.unanswered >= BigInt(m.memSize), 'the addresses are beyond guest RAM');
      const mmio: Array<{ address: string; length: number; write: boolean; data?: string }> = [];
      const { outcome, ram } = runGuest(mode, m.file, {
        memSize: m.memSize,
        onExit: (exit) => {
          if (exit.reason !== 'mmio') return undefined;
          mmio.push({ address: hex(exit.address), length: exit.length, write: exit.write, ...(exit.write ? { data: bytesHex(exit.data.subarray(0, exit.length)) } : {}) });
          if (exit.write || exit.address !== m.read) return undefined;
          exit.data.set([0x0d, 0xf0, 0xfe, 0xca]);
          return 'continue';
        },
      });
      t.equal(outcome.final.reason, 'hlt', `final exit is hlt (${finalText(outcome)})`);
      t.same(mmio, [
        { address: hex(m.write), length: 4, write: true, data: 'efbeadde' },
        { address: hex(m.read), length: 4, write: false },
        { address: hex(m.unanswered), length: 1, write: false },
      ], 'an MMIO exit per access with address, length, direction and the written bytes');
      t.equal(bytesHex(ram.subarray(0x2000, 0x2005)), '0df0feca' + 'ff', 'the guest read the host\'s 0xcafef00d, and all-ones from nothing');
      t.same(outcome.exits[0], { reason: 'mmio', write: true, address: hex(m.write), length: 4, data: '0xdeadbeef' }, 'the write in the trace');
    });

    t.test('registers set by the host are seen by the guest', async (t) => {
      const long = mode === 'long';
      // The fixture starts with ud2; RIP from the host skips it. RFLAGS carries CF, which the guest stores with setc.
      const regs: Partial<Regs> = { ...HOST_GPRS, rip: BigInt(LOAD + 2), rflags: 0x3n };
      const { outcome, ram } = runGuest(mode, long ? 'regs-64.S' : 'regs-32.S', { regs });
      t.equal(outcome.final.reason, 'hlt', `final exit is hlt, not #UD at the entry (${finalText(outcome)})`);
      if (long) {
        GPR_NAMES.forEach((name, i) => t.equal(hex(u64(ram, 0x3000 + 8 * i)), hex(HOST_GPRS[name]), `the guest saw ${name}`));
        t.equal(ram[0x3080], 1, 'the guest saw CF from the host\'s RFLAGS');
      } else {
        // Outside long mode a guest sees the low 32 bits of the eight legacy GPRs.
        GPR_NAMES.slice(0, 8).forEach((name, i) =>
          t.equal(hex(u32(ram, 0x3000 + 4 * i)), hex(HOST_GPRS[name] & 0xffffffffn), `the guest saw e${name.slice(1)}`));
        t.equal(ram[0x3020], 1, 'the guest saw CF from the host\'s RFLAGS');
      }
      // The guest writes no register, so every GPR still holds the host's full 64-bit value.
      for (const name of GPR_NAMES) t.equal(hex(outcome.regs[name]), hex(HOST_GPRS[name]), `${name} after the run`);
      t.equal(outcome.regs.rflags & 1n, 1n, 'CF still set after the run');
    });

    t.test('an unexpected #UD is reported with its vector and RIP', async (t) => {
      const { outcome } = runGuest(mode, 'ud2.S');
      const f = outcome.final;
      t.equal(f.reason, 'exception', `final exit is an exception report, not shutdown (${finalText(outcome)})`);
      if (f.reason !== 'exception') return;
      t.equal(f.vector, 6, 'vector 6');
      t.equal(f.name, '#UD');
      t.equal(hex(f.rip ?? -1n), hex(LOAD + 0x10), 'RIP of the ud2');
      if (mode === 'real') t.equal(f.cs, 0, 'CS of the ud2');
      else t.equal(f.errorCode, 0, '#UD pushes no error code; the stub reports 0');
      t.equal(hex(outcome.regs.rip), hex(LOAD + 0x10), 'the reported registers are those at the fault: RIP');
      t.equal(outcome.regs.rax & 0xffn, 0x5an, 'the reported registers are those at the fault: AL');
      const last = outcome.exits.at(-1);
      t.same(last && [last.reason, last.direction, last.port, Number(last.data)], ['io', 'out', hex(PORTS.exception), 6],
        'the default stub wrote the vector to the exception port');
    });

    if (mode !== 'real') {
      t.test('#GP with an error code: a selector beyond the GDT limit', async (t) => {
        const { outcome } = runGuest(mode, 'gp-selector.S');
        const f = outcome.final;
        t.equal(f.reason, 'exception', `final exit is an exception report (${finalText(outcome)})`);
        if (f.reason !== 'exception') return;
        t.equal(f.vector, 13, 'vector 13');
        t.equal(f.name, '#GP');
        t.equal(f.errorCode, 0x1238, 'error code is the selector without its RPL');
        t.equal(hex(f.rip ?? -1n), hex(LOAD + 0x10), 'RIP of the faulting mov to %ds');
      });
    }

    if (mode === 'long') {
      t.test('#GP(0): an access to a non-canonical address', async (t) => {
        const { outcome } = runGuest(mode, 'gp-noncanonical.S');
        const f = outcome.final;
        t.equal(f.reason, 'exception', `final exit is an exception report (${finalText(outcome)})`);
        if (f.reason !== 'exception') return;
        t.equal(f.vector, 13, 'vector 13');
        t.equal(f.errorCode, 0, 'error code 0');
        t.equal(hex(f.rip ?? -1n), hex(LOAD + 0x10), 'RIP of the faulting load');
        t.equal(hex(outcome.regs.rbx), '0x8000000000000000', 'rbx still holds the address');
      });
    }
  });
}
