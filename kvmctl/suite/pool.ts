// A pool of warm worker threads that run tests in parallel. The main thread hands out jobs, keeps
// a safety clock per job, and on Ctrl-C kicks every busy worker out of KVM_RUN.
import { MessageChannel, type Worker } from 'node:worker_threads';
import { HostError, InputError } from '../errors.js';
import { hostKey } from '../host.js';
import { installKickHandler, kickThread } from '../machine/kick.js';
import type { TestResult } from '../harness/execute.js';
import type { Spec } from '../harness/spec.js';
import type { WorkerReply } from './messages.js';
import { cancelBuffer, startWorker, stopWorker, takePrewarmed, type Started } from './prewarm.js';

/**
 * Extra time a worker gets past the test's own timeout before the main thread gives up on it. It
 * covers the work around the guest (assembling, building the VM, starting a vCPU thread), which an
 * emulated CPU (QEMU's TCG, inside kvmctl vm) does 20-50x slower: a new vCPU thread alone took over
 * 10 s there.
 */
const GRACE_MS = hostKey().cpu === 'tcg' ? 60_000 : 5_000;
/**
 * After Ctrl-C, how long busy workers get to leave KVM_RUN before the run stops waiting for them. A
 * kicked worker on an emulated CPU took over 2 s to come back and report (one CI run in kvmctl vm).
 */
export const INTERRUPT_GRACE_MS = hostKey().cpu === 'tcg' ? 10_000 : 2_000;
/** How long close() waits for a worker that was running a guest to end; one stuck in a system call never does. */
const CLOSE_WAIT_MS = 2_000;
/**
 * How long close() waits for an idle or starting worker: it is in JavaScript, so it ends, but on a loaded
 * machine that took over 2 s, and the run then said it left threads "stuck in a system call".
 */
const IDLE_CLOSE_WAIT_MS = 30_000;

export interface Job {
  /** Its timeout already resolved (the --timeout flag, else the header, else the default). */
  spec: Spec;
  /** Listed as a known failure here (the report needs no code listing for it). */
  expectFailure?: boolean;
}

/**
 * A worker thread and what it is doing: `starting` (no thread id yet), `idle`, `busy` with a test,
 * `lent` to another member's test for a secondary vCPU, or `retired` (stuck, dead, or the pool is
 * closing): whatever a retired member still says is ignored, and it gets no more jobs.
 */
type MemberState = 'starting' | 'idle' | 'busy' | 'lent' | 'retired';

interface Member {
  worker: Worker;
  tid?: number;
  ready: Promise<void>;
  /** The job of a busy or lent member, and its safety clock. */
  job?: { id: number; guard: NodeJS.Timeout };
  lent?: boolean;
  retired?: boolean;
}

export function memberState(m: Member): MemberState {
  if (m.retired) return 'retired';
  if (m.job) return m.lent ? 'lent' : 'busy';
  return m.tid === undefined ? 'starting' : 'idle';
}

export class Pool {
  private readonly members: Member[] = [];
  private readonly cancel = cancelBuffer;
  private interrupted = false;
  private kicker: NodeJS.Timeout | undefined;
  private giveUp: NodeJS.Timeout | undefined;
  /** The run of the moment: a worker outlives a run, and what it says belongs to the current one. */
  private current: PoolRun | undefined;
  /** Every worker thread that has not ended yet, current or replaced. */
  private readonly alive = new Map<Worker, Started>();

  constructor(readonly size: number, readonly verbose = false) {
    installKickHandler();
  }

  private spawn(): Member {
    const started = takePrewarmed() ?? startWorker();
    const member: Member = { worker: started.worker, ready: started.ready.then((tid) => { member.tid = tid; }) };
    this.alive.set(started.worker, started);
    started.worker.on('message', (reply: WorkerReply) => {
      if (reply.type !== 'ready' && reply.type !== 'host-error' && !member.retired) this.current?.replied(member, reply);
    });
    started.worker.on('error', (err) => {
      if (!member.retired) this.current?.died(member, err);
    });
    // A worker that ends without an error (process.exit in a host file, say) is as dead as one that throws.
    started.worker.on('exit', (code) => {
      this.alive.delete(started.worker);
      if (!member.retired) this.current?.died(member, new Error(`the worker exited with code ${code}`));
    });
    return member;
  }

  /** Runs every job; `onResult` gets each result as it arrives. Rejects on an input or host error. */
  run(jobs: Job[], onResult: (index: number, result: TestResult) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (jobs.length === 0) return resolve();
      const run = new PoolRun(this, jobs, onResult, resolve, reject);
      this.current = run;
      // Enough workers for the jobs, or for the widest SMP test that can borrow its vCPU threads.
      const wanted = Math.min(this.size, jobs.reduce((most, j) => Math.max(most, j.spec.vcpus), jobs.length)); // no spread: --repeat makes 10^5+ jobs
      for (let i = this.members.length; i < wanted; i++) this.members.push(this.spawn());
      for (const m of this.members) run.whenReady(m);
    });
  }

  /** @internal for PoolRun */
  idleMembers(): Member[] {
    return this.members.filter((m) => memberState(m) === 'idle');
  }

  /** @internal for PoolRun */
  busyMembers(): Member[] {
    return this.members.filter((m) => m.job !== undefined);
  }

  /** @internal for PoolRun */
  get isInterrupted(): boolean {
    return this.interrupted;
  }

  /** Retires a stuck or dead member and starts a fresh one in its place (none once the run failed). */
  replace(m: Member, startFresh: boolean): Member | undefined {
    m.retired = true;
    const old = this.alive.get(m.worker);
    if (old) void stopWorker(old);
    if (!startFresh) return undefined;
    const fresh = this.spawn();
    this.members[this.members.indexOf(m)] = fresh;
    return fresh;
  }

  /** Clears every job's guard and kicks busy workers out of KVM_RUN, so they can be terminated now. */
  release(): void {
    Atomics.store(new Int32Array(this.cancel), 0, 1);
    for (const m of this.busyMembers()) {
      clearTimeout(m.job!.guard);
      if (m.tid !== undefined) kickThread(m.tid);
      m.job = undefined;
    }
  }

  /** Ctrl-C: no new jobs; busy workers leave KVM_RUN now and report their test as interrupted. */
  interrupt(): void {
    this.interrupted = true;
    Atomics.store(new Int32Array(this.cancel), 0, 1);
    // A kick that lands between two KVM_RUN calls is lost, so keep kicking until every worker is back.
    const kick = () => {
      for (const m of this.busyMembers()) if (m.tid !== undefined) kickThread(m.tid);
    };
    kick();
    this.kicker ??= setInterval(kick, 20);
    // A guest the host's KVM will not let go of must not hold the whole run.
    this.giveUp ??= setTimeout(() => this.current?.abandonBusy(), INTERRUPT_GRACE_MS);
  }

  /**
   * Ends every worker thread, current or replaced. Returns how many did not end within a short wait:
   * a thread stuck in a system call (a KVM_RUN the host never returns from) cannot be joined, and the
   * caller must then leave the process without waiting for it (exitNow).
   */
  async close(): Promise<number> {
    if (this.kicker) clearInterval(this.kicker);
    clearTimeout(this.giveUp);
    // Only a worker that was running a guest (or was retired as stuck) can be caught in KVM_RUN.
    const calm = new Set(this.members.filter((m) => ['idle', 'starting'].includes(memberState(m))).map((m) => m.worker));
    this.release();
    for (const m of this.members) m.retired = true; // their 'exit' is expected now
    const stopWithin = (started: Started[], ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([Promise.all(started.map(stopWorker)), new Promise((r) => (timer = setTimeout(r, ms)))]).finally(() => clearTimeout(timer));
    };
    const all = [...this.alive.values()];
    await Promise.all([
      stopWithin(all.filter((s) => calm.has(s.worker)), IDLE_CLOSE_WAIT_MS),
      stopWithin(all.filter((s) => !calm.has(s.worker)), CLOSE_WAIT_MS),
    ]);
    this.members.length = 0;
    return this.alive.size;
  }
}

/**
 * One call of Pool.run(): hands jobs to idle members in order, and moves each job from started to
 * completed (a result), died (its worker failed), overran (past its timeout plus the grace) or
 * abandoned (Ctrl-C, past the grace). The run is `running` until every job has a result, or
 * `failed` on an input or host error, after which nothing more is reported.
 */
class PoolRun {
  private next = 0;
  private done = 0;
  private state: 'running' | 'failed' | 'finished' = 'running';

  constructor(
    private readonly pool: Pool,
    private readonly jobs: Job[],
    private readonly onResult: (index: number, result: TestResult) => void,
    private readonly resolve: () => void,
    private readonly reject: (e: Error) => void,
  ) {}

  whenReady(m: Member): void {
    void m.ready.then(() => this.fill(), (e: Error) => this.fail(new HostError(e.message)));
  }

  /** Starts jobs while enough members are idle. A test with N vCPUs takes N members: one runs it and
   * vCPU 0, the others are lent to it for the rest, so -j counts threads in KVM_RUN. Jobs start in
   * order; one waits until enough are idle. */
  fill(): void {
    if (this.state !== 'running') return;
    if (this.pool.isInterrupted) {
      if (this.pool.busyMembers().length === 0) this.finish();
      return;
    }
    while (this.next < this.jobs.length) {
      const idle = this.pool.idleMembers();
      const spec = this.jobs[this.next].spec;
      const helpers = spec.vcpus <= this.pool.size ? spec.vcpus - 1 : 0;
      if (idle.length < 1 + helpers) return;
      this.start(this.next++, idle[0], idle.slice(1, 1 + helpers));
    }
  }

  private start(id: number, m: Member, helpers: Member[]): void {
    const job = this.jobs[id];
    const limit = job.spec.timeoutMs + GRACE_MS;
    const channels = helpers.map(() => new MessageChannel());
    helpers.forEach((h, i) => {
      h.job = { id, guard: setTimeout(() => this.overran(h, id), limit) };
      h.lent = true;
      h.worker.postMessage({ type: 'vcpu', id, port: channels[i].port2 }, [channels[i].port2]);
    });
    m.job = { id, guard: setTimeout(() => this.overran(m, id), limit) };
    m.lent = false;
    const vcpuPorts = channels.map((c) => c.port1);
    m.worker.postMessage({ type: 'test', id, spec: job.spec, verbose: this.pool.verbose, expectFailure: job.expectFailure ?? false, vcpuPorts }, vcpuPorts);
  }

  private free(m: Member): void {
    clearTimeout(m.job!.guard);
    m.job = undefined;
    m.lent = false;
  }

  private report(id: number, result: TestResult): void {
    this.done++;
    this.onResult(id, result);
    if (this.done === this.jobs.length) this.finish();
  }

  private completed(m: Member, id: number, result: TestResult): void {
    if (m.job?.id !== id || m.lent) return; // not this member's job (any more): it was already counted
    this.free(m);
    this.report(id, result);
    this.fill();
  }

  replied(m: Member, reply: WorkerReply): void {
    if (this.state === 'failed') return;
    switch (reply.type) {
      case 'result': return this.completed(m, reply.id, reply.result);
      case 'vcpu-done':
        if (m.job?.id === reply.id && m.lent) this.free(m);
        return this.fill();
      case 'input-error': return this.fail(new InputError(reply.message));
      case 'host-error': return this.fail(new HostError(reply.message));
      case 'runner-error': {
        const spec = this.jobs[reply.id].spec;
        return this.completed(m, reply.id, failure(spec, `runner error: ${reply.message.split('\n')[0]}`, reply.message));
      }
    }
  }

  died(m: Member, err: Error): void {
    const job = m.job, lent = m.lent;
    if (job) this.free(m);
    // A lent member's death reaches its test through the closed channel, as a vCPU runner error.
    if (job && !lent && this.state !== 'failed') this.report(job.id, failure(this.jobs[job.id].spec, `runner error: worker died: ${err.message}`));
    this.replaced(m);
  }

  private overran(m: Member, id: number): void {
    if (m.tid !== undefined) kickThread(m.tid);
    const lent = m.lent;
    m.job = undefined;
    if (!lent && this.state !== 'failed') {
      this.report(id, { ...failure(this.jobs[id].spec, `the worker did not return within the timeout plus ${GRACE_MS / 1000} s; it was replaced`), verdict: 'timeout' });
    }
    this.replaced(m);
  }

  private replaced(m: Member): void {
    const fresh = this.pool.replace(m, this.state !== 'failed');
    if (fresh) this.whenReady(fresh);
  }

  /** Ctrl-C, past the grace: the busy members' tests are reported interrupted, and the run ends without them. */
  abandonBusy(): void {
    for (const m of this.pool.busyMembers()) {
      const { id, guard } = m.job!;
      const lent = m.lent;
      clearTimeout(guard);
      m.job = undefined;
      m.retired = true;
      if (lent) continue;
      this.done++;
      this.onResult(id, failure(this.jobs[id].spec, `interrupted: the worker did not come back within ${INTERRUPT_GRACE_MS / 1000} s of the signal (stuck in KVM_RUN or in a host hook)`));
    }
    this.finish();
  }

  private fail(err: Error): void {
    if (this.state !== 'running') return;
    this.state = 'failed';
    this.pool.release(); // no guard may fire (and replace a worker) after the run is over
    this.reject(err);
  }

  private finish(): void {
    if (this.state !== 'running') return;
    this.state = 'finished';
    this.resolve();
  }
}

function failure(spec: Spec, reason: string, detail?: string): TestResult {
  return {
    name: spec.name, file: spec.file, verdict: 'fail', reason, durationMs: 0,
    failures: [detail ?? reason], exits: [], exitCount: 0, console: '',
  };
}
