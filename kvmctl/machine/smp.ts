// Secondary vCPUs on threads of their own. vCPU 0 runs on the caller's thread; when its run ends,
// stopAll() raises the shared stop flag and keeps kicking the others out of KVM_RUN until each reports.
// A vCPU runs either on a thread started for it or, in a suite, on an idle pool worker that the
// caller reaches through a MessagePort (no thread to start, no extra V8 isolate).
import { type MessagePort, Worker } from 'node:worker_threads';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import { gettid, tgkill } from '../engine/sys/libc.js';
import type { TraceEntry } from './trace.js';
import { installKickHandler, KICK_SIGNAL } from './watchdog.js';

export interface VcpuThreadData {
  fd: number;
  id: number;
  mmapSize: number;
  timeoutMs: number;
  traceLimit: number;
  stop: SharedArrayBuffer;
  /** A serial port whose bytes this vCPU's console collects (kvm-unit-tests images). */
  consolePort?: number;
  /** Where the console's lines are written as they come (a file descriptor), besides the report. */
  consoleFd?: number;
  /** A port whose OUT from this vCPU ends the whole machine: see SecondaryOptions.endPort. */
  endPort?: number;
  /** [0]: 1 + the id of the vCPU that wrote endPort first, [1]: the value it wrote. */
  ended: SharedArrayBuffer;
  /** The thread running vCPU 0, kicked out of KVM_RUN when this vCPU ends the machine. */
  bootTid: number;
}

export interface SecondaryOptions {
  traceLimit?: number;
  /** Channels to threads lent for this run, one per vCPU; without them each vCPU gets a new thread. */
  ports?: MessagePort[];
  consolePort?: number;
  /** A file descriptor that gets each whole line of the console as it comes (`kvmctl kut`'s stdout). */
  consoleFd?: number;
  /**
   * A port whose OUT from any secondary vCPU ends the machine, as QEMU's isa-debug-exit does from
   * any CPU: the vCPU stops, records the value, and kicks vCPU 0's thread until the run stops.
   */
  endPort?: number;
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

/** Where a secondary vCPU runs: a message channel to its thread, and how to let go of it. */
interface Channel {
  post(data: VcpuThreadData): void;
  onReply(listener: (m: VcpuThreadReply) => void): void;
  /** The thread died or the channel closed before a result. */
  onGone(listener: (why: string) => void): void;
  release(): Promise<unknown>;
}

function threadChannel(): Channel {
  const worker = new Worker(new URL('./vcpu-thread.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 2 } });
  return {
    post: (data) => worker.postMessage(data),
    onReply: (l) => worker.on('message', l),
    onGone: (l) => {
      worker.on('error', (e) => l(e.message));
      worker.on('exit', () => l('vCPU thread exited without a result'));
    },
    release: () => worker.terminate(),
  };
}

function portChannel(port: MessagePort): Channel {
  return {
    post: (data) => port.postMessage(data),
    onReply: (l) => port.on('message', l),
    onGone: (l) => port.on('close', () => l('the worker running this vCPU went away')),
    // Closing tells the lending worker that its part is over.
    release: async () => port.close(),
  };
}

interface Thread {
  id: number;
  channel: Channel;
  tid?: number;
  started: Promise<void>;
  done: Promise<SecondaryOutcome>;
}

export class SecondaryVcpus {
  private readonly stop = new SharedArrayBuffer(4);
  private readonly ended = new SharedArrayBuffer(8);
  private readonly threads: Thread[];

  /** vCPU 0 runs on the calling thread, which a secondary's write to `endPort` kicks. */
  constructor(vcpus: Vcpu[], mmapSize: number, timeoutMs: number, { traceLimit = 10_000, ports = [], consolePort, consoleFd, endPort }: SecondaryOptions = {}) {
    installKickHandler();
    const bootTid = gettid();
    this.threads = vcpus.map((vcpu, i) => {
      const channel = ports[i] ? portChannel(ports[i]) : threadChannel();
      const t = { id: vcpu.id, channel } as Thread;
      const fallback = (why: string): SecondaryOutcome => ({ id: t.id, final: { reason: 'runner_error', message: why }, exits: [], exitCount: 0, console: '' });
      t.done = new Promise((resolve) => {
        channel.onReply((m) => {
          if (m.type === 'done') resolve({ id: t.id, final: m.final, exits: m.exits, exitCount: m.exitCount, console: m.console });
          if (m.type === 'error') resolve(fallback(m.message));
        });
        channel.onGone((why) => resolve(fallback(why)));
      });
      // A thread that dies before it starts must not leave started() waiting.
      t.started = Promise.race([
        new Promise<void>((resolve) => channel.onReply((m) => {
          if (m.type === 'started') { t.tid = m.tid; resolve(); }
        })),
        t.done.then(() => {}),
      ]);
      channel.post({ fd: vcpu.fd, id: vcpu.id, mmapSize, timeoutMs, traceLimit, stop: this.stop, consolePort, consoleFd, endPort, ended: this.ended, bootTid });
      return t;
    });
  }

  /** Whether a secondary vCPU has written `endPort` (vCPU 0's run loop polls this when kicked). */
  get ending(): boolean {
    return Atomics.load(new Int32Array(this.ended), 0) !== 0;
  }

  /** After stopAll(): the secondary vCPU that ended the machine through `endPort`, and what it wrote there. */
  endedBy(): { id: number; value: number } | undefined {
    const cell = new Int32Array(this.ended);
    const first = Atomics.load(cell, 0);
    return first === 0 ? undefined : { id: first - 1, value: Atomics.load(cell, 1) };
  }

  /** Resolves once every thread is about to enter KVM_RUN (or has already ended). */
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
      await Promise.all(this.threads.map((t) => t.channel.release()));
    }
  }
}
