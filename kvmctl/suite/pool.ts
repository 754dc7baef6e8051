// A pool of warm worker threads that run tests in parallel. The main thread hands out jobs, keeps
// a safety clock per job, and on Ctrl-C kicks every busy worker out of KVM_RUN.
import { MessageChannel, type Worker } from 'node:worker_threads';
import { HostError, InputError } from '../errors.js';
import { hostKey } from '../host.js';
import { installKickHandler, kickThread } from '../machine/kick.js';
import type { TestResult } from '../test/execute.js';
import type { Spec } from '../test/spec.js';
import type { WorkerReply } from './messages.js';
import { cancelBuffer, startWorker, stopWorker, takePrewarmed, type Started } from './prewarm.js';

/**
 * Extra time a worker gets past the test's own timeout before the main thread gives up on it. It
 * covers the work around the guest (assembling, building the VM, starting a vCPU thread), which an
 * emulated CPU (QEMU's TCG, inside kvmctl vm) does 20-50x slower: a new vCPU thread alone took over
 * 10 s there.
 */
const GRACE_MS = hostKey().cpu === 'tcg' ? 60_000 : 5_000;
/** After Ctrl-C, how long busy workers get to leave KVM_RUN before the run stops waiting for them. */
const INTERRUPT_GRACE_MS = 2_000;
/** How long close() waits for worker threads to end; one stuck in a system call never does. */
const CLOSE_WAIT_MS = 2_000;

export interface Job {
  spec: Spec;
  timeoutMs?: number;
  /** Listed as a known failure here (the report needs no code listing for it). */
  expectFailure?: boolean;
}

interface Member {
  worker: Worker;
  tid?: number;
  ready: Promise<void>;
  /** Its job; `lent`: it runs a secondary vCPU of job `id`, whose result comes from another member. */
  busy?: { id: number; guard: NodeJS.Timeout; lent?: boolean };
  /** Replaced (stuck or dead): whatever it still says is ignored, and it gets no more jobs. */
  retired?: boolean;
}

export class Pool {
  private readonly members: Member[] = [];
  private readonly cancel = cancelBuffer;
  private interrupted = false;
  private kicker: NodeJS.Timeout | undefined;
  private giveUp: NodeJS.Timeout | undefined;
  /** Set by run(): ends the run without the workers that are still busy (Ctrl-C, past the grace). */
  private abandonBusy: (() => void) | undefined;
  /** Every worker thread that has not ended yet, current or replaced. */
  private readonly alive = new Map<Worker, Started>();

  constructor(readonly size: number, readonly verbose = false) {
    installKickHandler();
  }

  /** The current run's handlers: a worker outlives a run, and what it says belongs to the run of the moment. */
  private handlers: { onReply(m: Member, reply: WorkerReply): void; onDeath(m: Member, err: Error): void } | undefined;

  private spawn(): Member {
    const started = takePrewarmed() ?? startWorker();
    const member: Member = { worker: started.worker, ready: started.ready.then((tid) => { member.tid = tid; }) };
    this.alive.set(started.worker, started);
    started.worker.on('message', (reply: WorkerReply) => {
      if (reply.type !== 'ready' && reply.type !== 'host-error' && !member.retired) this.handlers?.onReply(member, reply);
    });
    started.worker.on('error', (err) => {
      if (!member.retired) this.handlers?.onDeath(member, err);
    });
    // A worker that ends without an error (process.exit in a host file, say) is as dead as one that throws.
    started.worker.on('exit', (code) => {
      this.alive.delete(started.worker);
      if (!member.retired) this.handlers?.onDeath(member, new Error(`the worker exited with code ${code}`));
    });
    return member;
  }

  /** Runs every job; `onResult` gets each result as it arrives. Rejects on an input or host error. */
  run(jobs: Job[], onResult: (index: number, result: TestResult) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let next = 0, done = 0, failed = false;
      const finish = (err?: Error) => {
        if (failed) return;
        if (err) {
          failed = true;
          this.release(); // no guard may fire (and replace a worker) after the run is over
          reject(err);
        } else if (done === jobs.length) resolve();
      };
      // A test with N vCPUs takes N members: one runs it and vCPU 0, the others are lent to it for the
      // rest, so -j counts threads in KVM_RUN. Jobs start in order; one waits until enough are idle.
      const lendable = (job: Job) => (job.spec.vcpus <= this.size ? job.spec.vcpus - 1 : 0);
      const pump = () => {
        if (failed) return;
        if (this.interrupted) {
          if (!this.members.some((x) => x.busy)) resolve();
          return;
        }
        while (next < jobs.length) {
          const idle = this.members.filter((x) => x.tid !== undefined && !x.busy && !x.retired);
          const helpers = lendable(jobs[next]);
          if (idle.length < 1 + helpers) return;
          start(next++, idle[0], idle.slice(1, 1 + helpers));
        }
      };
      const start = (id: number, m: Member, helpers: Member[]) => {
        const job = jobs[id];
        const limit = (job.timeoutMs ?? job.spec.timeoutMs) + GRACE_MS;
        const channels = helpers.map(() => new MessageChannel());
        helpers.forEach((h, i) => {
          h.busy = { id, guard: setTimeout(() => stuck(h, id), limit), lent: true };
          h.worker.postMessage({ type: 'vcpu', id, port: channels[i].port2 }, [channels[i].port2]);
        });
        m.busy = { id, guard: setTimeout(() => stuck(m, id), limit) };
        const vcpuPorts = channels.map((c) => c.port1);
        m.worker.postMessage({ type: 'test', id, spec: job.spec, timeoutMs: job.timeoutMs, verbose: this.verbose, expectFailure: job.expectFailure ?? false, vcpuPorts }, vcpuPorts);
      };
      const free = (m: Member) => {
        clearTimeout(m.busy!.guard);
        m.busy = undefined;
      };
      const complete = (m: Member, id: number, result: TestResult) => {
        if (m.busy?.id !== id || m.busy.lent) return; // not this member's job (any more): it was already counted
        free(m);
        done++;
        onResult(id, result);
        finish();
        pump();
      };
      const onReply = (m: Member, reply: WorkerReply) => {
        switch (reply.type) {
          case 'result': return complete(m, reply.id, reply.result);
          case 'vcpu-done':
            if (m.busy?.id === reply.id && m.busy.lent) free(m);
            return pump();
          case 'input-error': return finish(new InputError(reply.message));
          case 'host-error': return finish(new HostError(reply.message));
          case 'runner-error': {
            const spec = jobs[reply.id].spec;
            return complete(m, reply.id, failure(spec, `runner error: ${reply.message.split('\n')[0]}`, reply.message));
          }
        }
      };
      const replace = (m: Member) => {
        const i = this.members.indexOf(m);
        m.retired = true;
        const old = this.alive.get(m.worker);
        if (old) void stopWorker(old);
        if (failed) return;
        const fresh = this.spawn();
        this.members[i] = fresh;
        void fresh.ready.then(pump, (e: Error) => finish(new HostError(e.message)));
      };
      const onDeath = (m: Member, err: Error) => {
        const busy = m.busy;
        if (busy) free(m);
        // A lent member's death reaches its test through the closed channel, as a vCPU runner error.
        if (busy && !busy.lent) {
          done++;
          onResult(busy.id, failure(jobs[busy.id].spec, `runner error: worker died: ${err.message}`));
          finish();
        }
        replace(m);
      };
      const stuck = (m: Member, id: number) => {
        if (m.tid !== undefined) kickThread(m.tid);
        const lent = m.busy?.lent;
        m.busy = undefined;
        if (!lent) {
          done++;
          onResult(id, { ...failure(jobs[id].spec, `the worker did not return within the timeout plus ${GRACE_MS / 1000} s; it was replaced`), verdict: 'timeout' });
          finish();
        }
        replace(m);
      };
      this.abandonBusy = () => {
        for (const m of this.members) {
          if (!m.busy) continue;
          const { id, guard, lent } = m.busy;
          clearTimeout(guard);
          m.busy = undefined;
          m.retired = true;
          if (lent) continue;
          done++;
          onResult(id, failure(jobs[id].spec, `interrupted: the worker did not come back within ${INTERRUPT_GRACE_MS / 1000} s of the signal (stuck in KVM_RUN or in a host hook)`));
        }
        resolve();
      };
      if (jobs.length === 0) return resolve();
      this.handlers = { onReply, onDeath };
      // Enough workers for the jobs, or for the widest SMP test that can borrow its vCPU threads.
      const wanted = Math.min(this.size, jobs.reduce((most, j) => Math.max(most, j.spec.vcpus), jobs.length)); // no spread: --repeat makes 10^5+ jobs
      for (let i = this.members.length; i < wanted; i++) this.members.push(this.spawn());
      for (const m of this.members) void m.ready.then(pump, (e: Error) => finish(new HostError(e.message)));
    });
  }

  /** Clears every job's guard and kicks busy workers out of KVM_RUN, so they can be terminated now. */
  private release(): void {
    Atomics.store(new Int32Array(this.cancel), 0, 1);
    for (const m of this.members) {
      if (!m.busy) continue;
      clearTimeout(m.busy.guard);
      if (m.tid !== undefined) kickThread(m.tid);
      m.busy = undefined;
    }
  }

  /** Ctrl-C: no new jobs; busy workers leave KVM_RUN now and report their test as interrupted. */
  interrupt(): void {
    this.interrupted = true;
    Atomics.store(new Int32Array(this.cancel), 0, 1);
    // A kick that lands between two KVM_RUN calls is lost, so keep kicking until every worker is back.
    const kick = () => {
      for (const m of this.members) {
        if (m.busy && m.tid !== undefined) kickThread(m.tid);
      }
    };
    kick();
    this.kicker ??= setInterval(kick, 20);
    // A guest the host's KVM will not let go of must not hold the whole run.
    this.giveUp ??= setTimeout(() => this.abandonBusy?.(), INTERRUPT_GRACE_MS);
  }

  /**
   * Ends every worker thread, current or replaced. Returns how many did not end within a short wait:
   * a thread stuck in a system call (a KVM_RUN the host never returns from) cannot be joined, and the
   * caller must then leave the process without waiting for it (exitNow).
   */
  async close(): Promise<number> {
    if (this.kicker) clearInterval(this.kicker);
    clearTimeout(this.giveUp);
    this.release();
    for (const m of this.members) m.retired = true; // their 'exit' is expected now
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.alive.values()].map(stopWorker)),
      new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS))),
    ]);
    clearTimeout(timer);
    this.members.length = 0;
    return this.alive.size;
  }
}

function failure(spec: Spec, reason: string, detail?: string): TestResult {
  return {
    name: spec.name, file: spec.file, verdict: 'fail', reason, durationMs: 0,
    failures: [detail ?? reason], exits: [], exitCount: 0, console: '',
  };
}
