// The thread of one secondary vCPU: KVM_RUN blocks the thread that calls it, so every vCPU past the
// first runs in a worker of its own. It serves the test device, stops at its own timeout or when the
// test ends (a shared flag plus a kick), and reports how it ended.
import { parentPort, workerData } from 'node:worker_threads';
import { Vcpu } from '../kvm/vcpu.js';
import { gettid } from '../sys/libc.js';
import { runMachine } from './run.js';
import { describeExit } from './trace.js';
import type { VcpuThreadData, VcpuThreadReply } from './smp.js';

const data = workerData as VcpuThreadData;
const stop = new Int32Array(data.stop);
const vcpu = new Vcpu(undefined, data.fd, data.id, data.mmapSize);
const post = (m: VcpuThreadReply) => parentPort!.postMessage(m);
post({ type: 'started', tid: gettid() });
let reply: VcpuThreadReply;
try {
  const o = runMachine({ slotAt: () => undefined }, {
    timeoutMs: data.timeoutMs, traceLimit: data.traceLimit, cancelled: () => Atomics.load(stop, 0) !== 0,
  }, vcpu);
  reply = { type: 'done', final: describeExit(o.final), exits: o.exits, exitCount: o.exitCount, console: o.console };
} catch (e) {
  reply = { type: 'error', message: (e as Error).message };
} finally {
  // Unmap this thread's view of kvm_run (the fd belongs to the VM) before reporting: the parent
  // terminates the worker once every vCPU has reported, and a mapping left behind would keep the
  // whole VM alive.
  vcpu.close();
}
post(reply);
