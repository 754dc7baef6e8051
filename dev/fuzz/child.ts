// A fuzz child process: opens the KVM device once, then runs one generated guest per message, each on
// a fresh Machine with the run loop's own timeout, and answers with the verdict and this process's fd
// count, vCPU mappings and RSS. It keeps no clock of its own: the supervisor (fuzz.ts) watches it from
// outside, so a hang or a crash here is caught there.
import { openSync } from 'node:fs';
import { openSystem } from '../../kvmctl/engine/kvm/open.js';
import { Machine } from '../../kvmctl/machine/machine.js';
import { runMachine } from '../../kvmctl/machine/run.js';
import { describeExit, formatEntry } from '../../kvmctl/machine/trace.js';
import { fuzzGuest } from './generate.js';
import { fdCount, settledUsage, usage, vcpuMaps, verdictKind, type ChildConfig, type ChildJob, type ChildReply, type MeasureRequest } from './protocol.js';

const leaked: number[] = [];

function runOne(system: ReturnType<typeof openSystem>, config: ChildConfig, job: ChildJob): ChildReply {
  const guest = fuzzGuest(config.seed, job.index, config.mode);
  const before = { fds: fdCount(), vcpuMaps: vcpuMaps() };
  const started = performance.now();
  let outcome;
  try {
    if (job.inject === 'throw') throw new Error('injected runner error');
    if (job.inject === 'hang') for (;;) { /* a runner hang outside KVM_RUN */ }
    if (job.inject === 'crash') process.kill(process.pid, 'SIGSEGV');
    if (job.inject === 'leak') leaked.push(openSync('/dev/null', 'r'));
    const machine = new Machine(system, { mode: guest.mode, memSize: guest.memSize, load: guest.load, image: guest.image });
    try {
      outcome = runMachine(machine, { timeoutMs: config.timeoutMs, traceLimit: 64 });
    } finally {
      machine.close();
    }
  } catch (e) {
    const err = e as Error;
    return { type: 'runner-error', index: job.index, kind: 'throw', message: err.stack ?? String(err), ...usage() };
  }
  const now = usage();
  if (now.fds !== before.fds || now.vcpuMaps !== before.vcpuMaps) {
    return {
      type: 'runner-error', index: job.index, kind: 'leak',
      message: `fds ${before.fds} -> ${now.fds}, vCPU mappings ${before.vcpuMaps} -> ${now.vcpuMaps} across one guest`, ...now,
    };
  }
  return {
    type: 'verdict', index: job.index, verdict: verdictKind(outcome.final), final: formatEntry(describeExit(outcome.final)),
    exits: outcome.exitCount, ms: performance.now() - started, ...now,
  };
}

const config = JSON.parse(process.argv[2]) as ChildConfig;
const send = (m: ChildReply) => process.send!(m);
let system: ReturnType<typeof openSystem>;
try {
  system = openSystem();
} catch (e) {
  send({ type: 'host-error', message: (e as Error).message });
  process.exit(0);
}
process.on('message', async (m: ChildJob | MeasureRequest) => {
  if ('measure' in m && m.measure === 'now') return send({ type: 'measured', ...(await settledUsage()) });
  const job = m as ChildJob;
  const reply = runOne(system, config, job);
  if (job.measure) Object.assign(reply, await settledUsage());
  send(reply);
});
process.on('disconnect', () => {
  system.close();
  process.exit(0);
});
send({ type: 'ready', pid: process.pid, ...(await settledUsage()) });
