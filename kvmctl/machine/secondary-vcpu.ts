// Running one secondary vCPU on the calling thread: the body shared by a dedicated vCPU thread and a
// suite worker lent to another worker's SMP test. It serves the test device, stops at its own
// timeout or when the test ends (a shared flag plus a kick), and reports how it ended.
import { Vcpu } from '../engine/kvm/vcpu.js';
import { gettid } from '../engine/sys/libc.js';
import { runMachine } from './run.js';
import type { VcpuThreadData, VcpuThreadReply } from './smp.js';
import { describeExit } from './trace.js';

export function serveSecondaryVcpu(data: VcpuThreadData, post: (m: VcpuThreadReply) => void, cancelled: () => boolean = () => false): void {
  const stop = new Int32Array(data.stop);
  const vcpu = new Vcpu(undefined, data.fd, data.id, data.mmapSize);
  post({ type: 'started', tid: gettid() });
  let reply: VcpuThreadReply;
  try {
    const o = runMachine({ slotAt: () => undefined }, {
      timeoutMs: data.timeoutMs, traceLimit: data.traceLimit, consolePort: data.consolePort, cancelled: () => Atomics.load(stop, 0) !== 0 || cancelled(),
    }, vcpu);
    reply = { type: 'done', final: describeExit(o.final), exits: o.exits, exitCount: o.exitCount, console: o.console };
  } catch (e) {
    reply = { type: 'error', message: (e as Error).message };
  } finally {
    // Unmap this thread's view of kvm_run (the fd belongs to the VM) before reporting: the owner
    // closes the VM once every vCPU has reported, and a mapping left behind would keep it alive.
    vcpu.close();
  }
  post(reply);
}
