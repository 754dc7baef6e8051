// A suite worker thread: one /dev/kvm handle, then one test per message, each on a fresh VM.
// KVM_RUN blocks this thread, never the main one, which keeps the clock and handles Ctrl-C.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { openSystem } from '../kvm/open.js';
import { gettid } from '../sys/libc.js';
import { executeTest, type ExecuteOptions } from '../test/execute.js';
import type { Spec } from '../test/spec.js';
import type { WorkerReply, WorkerJob } from './messages.js';

const port = parentPort!;
const cancel = new Int32Array(workerData.cancel as SharedArrayBuffer);
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
  const options: ExecuteOptions = { timeoutMs: job.timeoutMs, verbose: job.verbose, cancelled: () => Atomics.load(cancel, 0) !== 0 };
  try {
    reply({ type: 'result', id: job.id, result: await executeTest(system, job.spec as Spec, options) });
  } catch (e) {
    // Machine set-up errors (an image too big for its RAM, say) do not know the file: name it.
    const file = (job.spec as Spec).file;
    if (e instanceof InputError) reply({ type: 'input-error', id: job.id, message: e.message.startsWith(file) ? e.message : `${file}: ${e.message}` });
    else reply({ type: 'runner-error', id: job.id, message: (e as Error).stack ?? String(e) });
  }
});
