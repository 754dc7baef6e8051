// SMP teardown, in-process: a 4-vCPU guest with every vCPU in `jmp .` (vCPUs 1-3 on worker threads of
// their own) ends at its 1 s timeout, and afterwards no thread of this process keeps burning CPU and
// the vCPU threads are gone. Once with the engine's parts (Machine, SecondaryVcpus, runMachine), timed
// from the moment every vCPU runs, and once through executeTest, as the suite runs a unittest.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { System } from '../engine/kvm/system.js';
import { DEFAULT_MEM } from './layout.js';
import { busiestThreadMs, cpuGrowth, guest, HANG_GUARD_MS, LOAD, scratchDir, threadCpu } from '../../dev/testdata/helpers.js';
import { executeTest } from '../harness/execute.js';
import { parseHeader } from '../harness/header.js';
import { Machine } from './machine.js';
import { runMachine, type Outcome } from './run.js';
import { SecondaryVcpus, type SecondaryOutcome } from './smp.js';

const SETTLE_MS = 100;
const SAMPLE_MS = 300;
/** A spinning thread uses the whole sample; V8's own threads, some (more on an emulated CPU). */
const IDLE_LIMIT_MS = SAMPLE_MS / 2;
const VCPUS = 4;
const TIMEOUT_MS = 1000;

const system = System.open();
t.teardown(() => system.close());
const maxVcpus = system.checkExtension('KVM_CAP_MAX_VCPUS') || system.checkExtension('KVM_CAP_NR_VCPUS');
const skip = maxVcpus < VCPUS ? `this host allows ${maxVcpus} vCPUs` : false;

const threadCount = (): number => readdirSync('/proc/self/task').length;
/** kvm_run mappings still in this process (each keeps its VM alive). */
const vcpuMappings = (): number => readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l.includes('kvm-vcpu')).length;
const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/** The engine's SMP path: vCPUs 1..N-1 on their threads, vCPU 0 here, then stop them all. */
async function runSpin(timeoutMs: number) {
  const machine = new Machine(system, { mode: 'long', memSize: DEFAULT_MEM, load: LOAD, image: guest('spin.S', 'long'), vcpus: VCPUS });
  try {
    const secondaries = new SecondaryVcpus(machine.vcpus.slice(1), system.vcpuMmapSize(), timeoutMs);
    await secondaries.started();
    const started = performance.now();
    let others: SecondaryOutcome[] = [];
    let outcome: Outcome;
    try {
      outcome = runMachine(machine, { timeoutMs });
    } finally {
      others = await secondaries.stopAll();
    }
    return { outcome, others, ms: performance.now() - started };
  } finally {
    machine.close();
  }
}

/** CPU used by all of this process's threads in SAMPLE_MS, after SETTLE_MS; and the thread count then. */
async function idleAfter(): Promise<{ used: number; busiest: number; byThread: string; threads: number; mappings: number }> {
  await sleep(SETTLE_MS); // a spinning thread would still spin after the settle
  const first = threadCpu();
  await sleep(SAMPLE_MS);
  const second = threadCpu();
  return { used: total(second) - total(first), busiest: busiestThreadMs(first, second), byThread: cpuGrowth(first, second), threads: threadCount(), mappings: vcpuMappings() };
}

t.test(`${VCPUS} vCPUs in jmp . stop at the 1 s timeout; no thread is left spinning or running`, { skip }, async (t) => {
  await runSpin(100); // starts every thread the runtime creates lazily, before the baseline
  await sleep(SETTLE_MS);
  const baseline = threadCount();

  const { outcome, others, ms } = await runSpin(TIMEOUT_MS);
  const idle = await idleAfter();

  t.equal(outcome.final.reason, 'timeout', 'vCPU 0 ends with reason timeout');
  t.equal(others.length, VCPUS - 1, `${VCPUS - 1} secondary vCPUs reported how they ended`);
  for (const o of others) t.ok(['timeout', 'interrupted'].includes(o.final.reason), `vCPU ${o.id} was stopped (${o.final.reason})`);
  t.ok(ms >= TIMEOUT_MS - 50 && ms < TIMEOUT_MS + HANG_GUARD_MS,
    `every vCPU was stopped ${ms.toFixed(0)} ms after all of them started running: not before the ${TIMEOUT_MS} ms timeout, and not hung`);
  t.ok(idle.busiest < IDLE_LIMIT_MS, `no thread spins: the busiest used ${idle.busiest} ms of CPU in ${SAMPLE_MS} ms after the run (< ${IDLE_LIMIT_MS}; all: ${idle.used} ms; by thread: ${idle.byThread})`);
  t.equal(idle.threads, baseline, `the vCPU threads are gone: ${idle.threads} threads, as before the run`);
  t.equal(idle.mappings, 0, 'no vCPU thread left its kvm_run mapping behind (it would keep the VM alive)');
});

t.test(`the same guest as a unittest (vcpus: ${VCPUS}) through executeTest`, { skip }, async (t) => {
  const file = join(scratchDir(), 'smp-spin.S');
  const text = `/*
 * feature: SMP teardown - every vCPU spins in jmp . until the timeout
 * mode:    long
 * vcpus:   ${VCPUS}
 * timeout: ${TIMEOUT_MS}ms
 * expect:  final timeout
 */
	jmp	.
`;
  writeFileSync(file, text);
  const spec = parseHeader(file, text);
  await executeTest(system, { ...spec, timeoutMs: 100 }); // lazily created threads, as above
  await sleep(SETTLE_MS);
  const baseline = threadCount();

  const result = await executeTest(system, spec);
  const idle = await idleAfter();

  t.equal(result.verdict, 'pass', `its own expectation (final timeout) holds ${result.failures.join('; ')}`);
  t.equal(result.final?.reason, 'timeout', 'vCPU 0 ends with reason timeout');
  t.same(result.vcpus?.map((v) => v.id), [1, 2, 3], 'vCPUs 1-3 reported how they ended');
  for (const v of result.vcpus ?? []) t.ok(['timeout', 'interrupted'].includes(v.final.reason), `vCPU ${v.id} was stopped (${v.final.reason})`);
  t.ok(idle.busiest < IDLE_LIMIT_MS, `no thread spins: the busiest used ${idle.busiest} ms of CPU in ${SAMPLE_MS} ms after the run (< ${IDLE_LIMIT_MS}; all: ${idle.used} ms; by thread: ${idle.byThread})`);
  t.equal(idle.threads, baseline, `the vCPU threads are gone: ${idle.threads} threads, as before the run`);
  t.equal(idle.mappings, 0, 'no vCPU thread left its kvm_run mapping behind (it would keep the VM alive)');
});
