// Secondary vCPUs on their own threads. vCPU 0 runs on the caller's thread; when its run ends,
// stopAll() raises the shared stop flag and keeps kicking the others out of KVM_RUN until each reports.
import { Worker } from 'node:worker_threads';
import type { Vcpu } from '../kvm/vcpu.js';
import { tgkill } from '../sys/libc.js';
import type { TraceEntry } from './trace.js';
import { installKickHandler, KICK_SIGNAL } from './watchdog.js';

export interface VcpuThreadData {
  fd: number;
  id: number;
  mmapSize: number;
  timeoutMs: number;
  traceLimit: number;
  stop: SharedArrayBuffer;
}

export type VcpuThreadReply =
  | { type: 'started'; tid: number }
  | { type: 'done'; final: TraceEntry; exits: TraceEntry[]; exitCount: number; console: string }
  | { type: 'error'; message: string };

export interface SecondaryOutcome {
  id: number;
  final: TraceEntry;
  exits: TraceEntry[];
  exitCount: number;
  console: string;
}

interface Thread {
  id: number;
  worker: Worker;
  tid?: number;
  started: Promise<void>;
  done: Promise<SecondaryOutcome>;
}

export class SecondaryVcpus {
  private readonly stop = new SharedArrayBuffer(4);
  private readonly threads: Thread[];

  constructor(vcpus: Vcpu[], mmapSize: number, timeoutMs: number, traceLimit = 10_000) {
    installKickHandler();
    this.threads = vcpus.map((vcpu) => {
      const data: VcpuThreadData = { fd: vcpu.fd, id: vcpu.id, mmapSize, timeoutMs, traceLimit, stop: this.stop };
      const worker = new Worker(new URL('./vcpu-thread.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
      const t = { id: vcpu.id, worker } as Thread;
      t.started = new Promise((resolve) => worker.on('message', (m: VcpuThreadReply) => {
        if (m.type === 'started') { t.tid = m.tid; resolve(); }
      }));
      t.done = new Promise((resolve) => {
        const fallback = (why: string): SecondaryOutcome => ({ id: t.id, final: { reason: 'runner_error', message: why }, exits: [], exitCount: 0, console: '' });
        worker.on('message', (m: VcpuThreadReply) => {
          if (m.type === 'done') resolve({ id: t.id, final: m.final, exits: m.exits, exitCount: m.exitCount, console: m.console });
          if (m.type === 'error') resolve(fallback(m.message));
        });
        worker.on('error', (e) => resolve(fallback(e.message)));
        worker.on('exit', () => resolve(fallback('vCPU thread exited without a result')));
      });
      return t;
    });
  }

  /** Resolves once every thread is about to enter KVM_RUN. */
  async started(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.started));
  }

  /** Ends every secondary vCPU's run and collects how each ended. */
  async stopAll(): Promise<SecondaryOutcome[]> {
    Atomics.store(new Int32Array(this.stop), 0, 1);
    const kick = () => {
      for (const t of this.threads) if (t.tid !== undefined) try { tgkill(process.pid, t.tid, KICK_SIGNAL); } catch { /* done */ }
    };
    kick();
    const timer = setInterval(kick, 5); // a kick between two KVM_RUNs is lost: repeat until all report
    try {
      return await Promise.all(this.threads.map((t) => t.done));
    } finally {
      clearInterval(timer);
      await Promise.all(this.threads.map((t) => t.worker.terminate()));
    }
  }
}
