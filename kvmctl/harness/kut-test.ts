// A kvm-unit-tests entry's run under `kvmctl run`, as a TestResult: its verdict is kvm-unit-tests'
// own, the debug-exit status (1 PASS, 77 SKIP, anything else FAIL), or the timeout.
import type { System } from '../engine/kvm/system.js';
import { cpuidForModel } from '../kut/cpu-model.js';
import { loadKutImage } from '../kut/load-image.js';
import { runKut } from '../kut/run-kut.js';
import { describeExit, formatEntry } from '../machine/trace.js';
import type { ExecuteOptions, TestResult } from './execute.js';
import type { Spec } from './spec.js';

export async function executeKutTest(system: System, spec: Spec, options: ExecuteOptions): Promise<TestResult> {
  const e = spec.kut!;
  const image = loadKutImage(e.image, e.memSize, e.vcpus, e.append, []);
  const o = await runKut(system, {
    file: e.image, image, vcpus: e.vcpus, memSize: e.memSize, append: e.append, env: [],
    cpuid: (supported) => (e.cpu ? cpuidForModel(supported, e.cpu) : supported),
    timeoutMs: spec.timeoutMs, vcpuPorts: options.vcpuPorts, cancelled: options.cancelled, traceLimit: 10_000,
  });
  const failures: string[] = [];
  if (o.final.reason === 'interrupted') failures.push('interrupted (Ctrl-C) before the guest finished');
  else if (o.verdict === 'timeout') failures.push(`timeout after ${spec.timeoutMs} ms`);
  else if (o.verdict === 'fail') {
    failures.push(o.status !== undefined
      ? `final exit: status ${o.status} (debug-exit code ${o.code}); kvm-unit-tests reads 1 as PASS, 77 as SKIP`
      : `final exit: ${formatEntry(describeExit(o.final))} without a debug-exit write`);
  }
  for (const x of o.others) if (x.final.reason === 'runner_error') failures.push(`vcpu ${x.id}: ${x.final.message}`);
  const failed = failures.length > 0;
  const keep = failed || options.verbose;
  return {
    name: spec.name, file: spec.file,
    verdict: failed ? (o.verdict === 'timeout' ? 'timeout' : 'fail') : o.verdict === 'skip' ? 'skip' : 'pass',
    reason: failed ? failures[0] : o.verdict === 'skip' ? `the test skipped itself (status 77): ${lastSummary(o.console)}` : undefined,
    durationMs: o.durationMs, final: describeExit(o.final), failures,
    exits: keep ? (options.verbose ? o.exits : o.exits.slice(-20)) : [], exitCount: o.exitCount,
    console: keep ? o.console : '',
    vcpus: o.others.length ? o.others.map((x) => ({ id: x.id, final: x.final, exitCount: x.exitCount })) : undefined,
  };
}

const lastSummary = (console: string): string => console.split('\n').filter((l) => l.startsWith('SUMMARY:')).pop() ?? 'no SUMMARY line';
