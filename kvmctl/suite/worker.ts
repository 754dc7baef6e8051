// A suite worker thread: one /dev/kvm handle, then one test per message, each on a fresh VM.
// KVM_RUN blocks this thread, never the main one, which keeps the clock and handles Ctrl-C.
// An idle worker can also be lent to another worker's SMP test, to run one of its secondary vCPUs.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { openSystem } from '../engine/kvm/open.js';
import { serveSecondaryVcpu } from '../machine/secondary-vcpu.js';
import type { VcpuThreadData } from '../machine/smp.js';
import { gettid } from '../engine/sys/libc.js';
import { executeTest, type ExecuteOptions } from '../harness/execute.js';
import type { Spec } from '../harness/spec.js';
import type { WorkerReply, WorkerJob } from './messages.js';

const port = parentPort!;
const cancel = new Int32Array(workerData.cancel as SharedArrayBuffer);
const cancelled = () => Atomics.load(cancel, 0) !== 0;
const reply = (m: WorkerReply) => port.postMessage(m);

let system: ReturnType<typeof openSystem>;
try {
  system = openSystem();
  reply({ type: 'ready', tid: gettid() });
} catch (e) {
  reply({ type: 'host-error', message: (e as Error).message });
  process.exit(0);
}

port.on('message', async (job: WorkerJob) => {
  if (job.type === 'vcpu') return lend(job.id, job.port);
  const options: ExecuteOptions = {
    verbose: job.verbose, cancelled, vcpuPorts: job.vcpuPorts, disassemble: !job.expectFailure || job.verbose,
  };
  try {
    reply({ type: 'result', id: job.id, result: await executeTest(system, job.spec as Spec, options) });
  } catch (e) {
    // Machine set-up errors (an image too big for its RAM, say) do not know the file: name it.
    const file = (job.spec as Spec).file;
    if (e instanceof InputError) reply({ type: 'input-error', id: job.id, message: e.message.startsWith(file) ? e.message : `${file}: ${e.message}` });
    else reply({ type: 'runner-error', id: job.id, message: (e as Error).stack ?? String(e) });
  } finally {
    // Unused channels (a skipped test, a set-up error) free the lent workers too.
    for (const p of job.vcpuPorts) p.close();
  }
});

/** Runs the secondary vCPU that arrives on `vcpuPort`; free again once the test's worker closes the channel. */
function lend(id: number, vcpuPort: MessagePort): void {
  vcpuPort.once('close', () => reply({ type: 'vcpu-done', id }));
  vcpuPort.once('message', (data: VcpuThreadData) => serveSecondaryVcpu(data, (m) => vcpuPort.postMessage(m), cancelled));
}
