// Running one secondary vCPU on the calling thread: the body shared by a dedicated vCPU thread and a
// suite worker lent to another worker's SMP test. It serves the test device, stops at its own
// timeout or when the test ends (a shared flag plus a kick), and reports how it ended.
import { writeSync } from 'node:fs';
import { outValue } from '../engine/kvm/exit.js';
import { Vcpu } from '../engine/kvm/vcpu.js';
import { gettid, tgkill } from '../engine/sys/libc.js';
import { runMachine } from './run.js';
import type { VcpuThreadData, VcpuThreadReply } from './smp.js';
import { describeExit } from './trace.js';
import { KICK_SIGNAL } from './kick.js';

/** How often the boot vCPU's thread is kicked until the run stops: a kick between two KVM_RUNs is lost. */
const KICK_EVERY_MS = 5;

/**
 * This vCPU ends the machine (data.endPort): the first such write is recorded, and vCPU 0's thread is
 * kicked out of KVM_RUN until stopAll() raises the stop flag. That is bounded by vCPU 0's own timeout.
 */
function endMachine(data: VcpuThreadData, value: number): void {
  const cell = new Int32Array(data.ended);
  if (Atomics.compareExchange(cell, 0, 0, data.id + 1) === 0) Atomics.store(cell, 1, value); // the first writer's
  const stop = new Int32Array(data.stop);
  while (Atomics.load(stop, 0) === 0) {
    try {
      tgkill(process.pid, data.bootTid, KICK_SIGNAL);
    } catch {
      return; // the boot thread is gone
    }
    Atomics.wait(stop, 0, 0, KICK_EVERY_MS);
  }
}

export function serveSecondaryVcpu(data: VcpuThreadData, post: (m: VcpuThreadReply) => void, cancelled: () => boolean = () => false): void {
  const stop = new Int32Array(data.stop);
  const vcpu = new Vcpu(undefined, data.fd, data.id, data.mmapSize);
  post({ type: 'started', tid: gettid() });
  let reply: VcpuThreadReply;
  // Whole lines of the console go to data.consoleFd as they come, so that they fall among vCPU 0's.
  let line: number[] = [];
  const flush = () => {
    if (line.length && data.consoleFd !== undefined) writeSync(data.consoleFd, Buffer.from(line).toString('latin1').replace(/\r\n/g, '\n'));
    line = [];
  };
  try {
    const o = runMachine({ slotAt: () => undefined }, {
      timeoutMs: data.timeoutMs, traceLimit: data.traceLimit, consolePort: data.consolePort, cancelled: () => Atomics.load(stop, 0) !== 0 || cancelled(),
      onExit: (exit) => {
        if (exit.reason !== 'io' || exit.direction !== 'out') return undefined;
        if (exit.port === data.consolePort && data.consoleFd !== undefined) {
          for (const b of exit.data) {
            line.push(b);
            if (b === 0x0a) flush();
          }
          return undefined; // runMachine still collects it for the report
        }
        if (data.endPort === undefined || exit.port !== data.endPort) return undefined;
        flush();
        endMachine(data, outValue(exit.data, exit.size) | 0);
        return 'stop';
      },
    }, vcpu);
    flush();
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
