// The body of `kvmctl kut FILE`: check the image (exit 2 before any KVM), run it with the serial
// output streaming to stdout, and end with kvm-unit-tests' verdict on one line of stderr.
import { openSystem } from '../engine/kvm/open.js';
import { EXIT, InputError } from '../errors.js';
import { formatEntry, describeExit } from '../machine/trace.js';
import { cpuidForModel, parseCpuModel } from './cpu-model.js';
import { loadKutImage } from './load-image.js';
import { runKut, type KutOutcome } from './run-kut.js';

export interface KutPlan {
  file: string;
  vcpus: number;
  memSize: number;
  append: string;
  env: Array<[string, string]>;
  cpu?: string;
  timeoutMs: number;
}

export function verdictLine(o: KutOutcome): string {
  const how = o.status !== undefined ? `debug-exit code ${o.code}, status ${o.status}` : `no debug-exit write: ${formatEntry(describeExit(o.final))}`;
  return `${o.verdict.toUpperCase()} (${how}) in ${o.durationMs.toFixed(0)} ms`;
}

export async function runKutFile(plan: KutPlan): Promise<number> {
  const model = plan.cpu === undefined ? undefined : parseCpuModel(plan.cpu);
  if (typeof model === 'string') throw new InputError(`--cpu: ${model}`);
  const image = loadKutImage(plan.file, plan.memSize, plan.vcpus, plan.append, plan.env);
  const system = openSystem();
  try {
    const outcome = await runKut(system, {
      file: plan.file, image, vcpus: plan.vcpus, memSize: plan.memSize, append: plan.append, env: plan.env,
      cpuid: (supported) => (model ? cpuidForModel(supported, model) : supported),
      timeoutMs: plan.timeoutMs,
      // stdout writes are synchronous on Linux, so the vCPUs' lines land in the order they were written.
      onLine: (line) => process.stdout.write(line + '\n'),
      apConsoleFd: process.stdout.fd,
    });
    process.stderr.write(`kvmctl kut: ${plan.file}: ${verdictLine(outcome)}\n`);
    return outcome.verdict === 'pass' || outcome.verdict === 'skip' ? EXIT.ok : EXIT.failed;
  } finally {
    system.close();
  }
}
