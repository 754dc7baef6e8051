// A timeout that really stops the guest, in-process: a `jmp .` guest ends with reason timeout and
// its RIP, runMachine returns, and afterwards no thread of this process keeps burning CPU.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { System } from '../engine/kvm/system.js';
import { DEFAULT_MEM } from './layout.js';
import { busiestThreadMs, cpuGrowth, guest, HANG_GUARD_MS, hex, LOAD, threadCpu, threadCpuMs } from '../../dev/testdata/helpers.js';
import { Machine } from './machine.js';
import { runMachine } from './run.js';

const SETTLE_MS = 100;
const SAMPLE_MS = 300;
/** A spinning thread uses the whole sample (the probe below sees at least half); V8's own threads, some. */
const IDLE_LIMIT_MS = SAMPLE_MS / 2;

t.test('the CPU probe sees a busy thread (so the idle check below can fail)', async (t) => {
  const before = threadCpuMs();
  const start = process.cpuUsage();
  // Burn 300 ms of this thread's CPU, measured by the process's own account, not the wall clock.
  while (true) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= SAMPLE_MS) break;
  }
  const grew = threadCpuMs() - before;
  t.ok(grew >= SAMPLE_MS / 2, `/proc/self/task/*/stat grew by ${grew} ms over ${SAMPLE_MS} ms of busy CPU`);
});

t.test('a jmp . guest stops at its 1 s timeout, and no thread keeps spinning', async (t) => {
  const system = System.open();
  t.teardown(() => system.close());
  const machine = new Machine(system, { mode: 'long', memSize: DEFAULT_MEM, load: LOAD, image: guest('spin.S', 'long') });
  const started = performance.now();
  let outcome;
  try {
    outcome = runMachine(machine, { timeoutMs: 1000 });
  } finally {
    machine.close();
  }
  const wall = performance.now() - started;

  // Sample after a short settle (a spinning thread would still spin), before this test prints anything.
  await sleep(SETTLE_MS);
  const first = threadCpu();
  await sleep(SAMPLE_MS);
  const second = threadCpu();
  const used = [...second.values()].reduce((a, b) => a + b, 0) - [...first.values()].reduce((a, b) => a + b, 0);

  t.equal(outcome.final.reason, 'timeout', 'final exit is timeout');
  if (outcome.final.reason === 'timeout') t.equal(hex(outcome.final.rip), hex(LOAD), 'RIP of the jmp .');
  t.equal(hex(outcome.regs.rip), hex(LOAD), 'the reported RIP is the jmp .');
  t.ok(wall < HANG_GUARD_MS, `runMachine returned after ${wall.toFixed(0)} ms (a hang guard)`);
  t.ok(busiestThreadMs(first, second) < IDLE_LIMIT_MS,
    `no thread spins: the busiest used ${busiestThreadMs(first, second)} ms of CPU in ${SAMPLE_MS} ms after the run (< ${IDLE_LIMIT_MS}; all: ${used} ms; by thread: ${cpuGrowth(first, second)})`);
});
