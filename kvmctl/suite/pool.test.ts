// The pool lends idle workers to SMP tests: a test with N vCPUs runs on N pool members and no thread
// is started for its secondary vCPUs. A lent worker comes back when the test ends, whether its vCPU
// halted, spun until it was kicked, or never started (a skipped test).
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { HANG_GUARD_MS, ROOT, scratchDir, writeUnittest } from '../../dev/testdata/helpers.js';
import type { TestResult } from '../harness/execute.js';
import { findTestFiles, loadSpecs } from './discover.js';
import { Pool } from './pool.js';

/** This process's threads, less the kernel's per-VM helpers (kvm-nx-lpage-recovery) that a VM adds. */
const threads = () => readdirSync('/proc/self/task').filter((tid) => {
  try {
    return !readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').startsWith('kvm-');
  } catch {
    return false; // ended meanwhile
  }
}).length;

const unittest = writeUnittest;

const dir = scratchDir();
const SMP = ['mode: long', 'vcpus: 2', 'irqchip: yes', 'requires: KVM_CAP_IRQCHIP KVM_CAP_MP_STATE', 'timeout: 3'];
// vCPU 1 spins for ever; vCPU 0 ends the test at once, so the test's end must kick the lent worker out.
// (With an in-kernel irqchip HLT stays in the kernel: vCPU 0 ends with a status write instead.)
unittest(dir, 'smp-spin', ['feature: KVM_RUN - a second vCPU that never stops', ...SMP, 'expect: status 0'],
  ['.include "testdev.inc"', '.include "irq.inc"', 'apic_read APIC_ID', 'shr $24, %eax', 'jnz 1f', 'exit_status 0', '1: jmp 1b']);
const devices = pathToFileURL(join(ROOT, 'dist', 'kvmctl', 'engine', 'abi', 'devices.js')).href;
writeFileSync(join(dir, 'smp-spin.host.js'),
  `import { MP_STATES } from '${devices}';\nexport default { setup({ machine }) { machine.vcpus[1].setMpState(MP_STATES.KVM_MP_STATE_RUNNABLE); } };\n`);
unittest(dir, 'smp-skipped', ['feature: KVM_RUN - an SMP test this host skips', 'vcpus: 2', 'requires: KVM_CAP_S390_UCONTROL'], ['hlt']);
unittest(dir, 'halt', ['feature: KVM_EXIT_HLT - a one-vCPU test', 'expect: final hlt'], ['hlt']);

const catalogue = join(ROOT, 'unittests', 'x86');
const specs = new Map(loadSpecs([...findTestFiles([dir]), join(catalogue, 'smp-ipi.S'), join(catalogue, 'smp-init-sipi.S')]).map((s) => [s.name, s]));
const jobs = (...names: string[]) => names.map((n) => ({ spec: specs.get(n)! }));

async function run(pool: Pool, names: string[]): Promise<Map<string, TestResult>> {
  const results = new Map<string, TestResult>();
  await pool.run(jobs(...names), (_i, r) => results.set(r.name, r));
  return results;
}

t.test('an SMP test borrows an idle worker for its second vCPU and gives it back', async (t) => {
  const pool = new Pool(2);
  t.teardown(() => pool.close());
  await run(pool, ['smp-ipi', 'halt']); // both workers booted, every lazy thread of the process started
  const before = threads();
  let most = before;
  const sampler = setInterval(() => (most = Math.max(most, threads())), 1);
  const started = performance.now();
  const results = await run(pool, ['smp-ipi', 'smp-spin', 'smp-init-sipi', 'smp-skipped', 'halt', 'smp-ipi']);
  const ms = performance.now() - started;
  clearInterval(sampler);
  t.same([...results].map(([n, r]) => [n, r.verdict]).sort(), [
    ['halt', 'pass'], ['smp-init-sipi', 'pass'], ['smp-ipi', 'pass'], ['smp-skipped', 'skip'], ['smp-spin', 'pass'],
  ], 'every test ends as it should (smp-ipi ran twice)');
  t.equal(most, before, `no thread was started during the run (threads: ${before} before, at most ${most})`);
  t.ok(ms < HANG_GUARD_MS, `the run ended after ${ms.toFixed(0)} ms (a hang guard; a stuck-worker guard that fired would have started a thread, above)`);
});

t.test('with one worker, an SMP test starts a thread of its own for the second vCPU', async (t) => {
  const pool = new Pool(1);
  t.teardown(() => pool.close());
  const results = await run(pool, ['smp-spin', 'smp-ipi']);
  t.equal(results.get('smp-spin')?.verdict, 'pass');
  t.equal(results.get('smp-ipi')?.verdict, 'pass');
});
