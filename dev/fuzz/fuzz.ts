// `npm run fuzz -- --count N --seed S [--mode real|protected|long] [--index I]`: runs generated guests
// (fuzz/generate.ts) in child processes, each on a fresh Machine with a short timeout, and checks that
// every one ends in a verdict. The supervisor (this process) keeps the clock from outside: a child
// that does not answer within the timeout plus a grace period is inspected and killed, and one that
// dies is noticed. A runner-level error (a thrown error, a hang, a crash, a leaked fd or vCPU mapping)
// writes a reproducer (the guest binary plus a JSON file with the seed, index and mode) and fails the
// run. A child stuck inside KVM_RUN with the watchdog's signal pending is the host's KVM misbehaving:
// it is reported, with a reproducer, as a KVM finding, apart from the runner errors.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MODES, type Mode } from '../../kvmctl/machine/layout.js';
import { usage, usageOf, type ChildConfig, type ChildJob, type ChildReply, type Usage } from './protocol.js';
import { fuzzGuest, type FuzzGuest } from './generate.js';

export interface FuzzOptions {
  count: number;
  seed: number;
  mode?: Mode;
  index?: number;
  jobs: number;
  timeoutMs: number;
  graceMs: number;
  out: string;
  json: boolean;
  sampleEvery: number;
  inject: Map<number, NonNullable<ChildJob['inject']>>;
}

export interface Problem {
  index: number;
  mode: Mode;
  kind: string;
  message: string;
  reproducer: string;
}

/** A child's fd count, vCPU mappings and RSS, each measured after garbage collection. */
interface ChildFigures {
  pid: number;
  guests: number;
  /** Before its first guest. */
  ready: Usage;
  /** After its first guest. */
  first?: Usage;
  /** After its first `measureEvery` guests: past the warm-up of the JIT, the heap and malloc. */
  warm?: Usage;
  /** The latest sample point. */
  latest?: Usage;
  /** After its last guest (a child that was killed or crashed has none). */
  end?: Usage;
}

export interface FuzzSummary {
  seed: number;
  count: number;
  mode: Mode | 'all';
  timeout_ms: number;
  jobs: number;
  /** Each child measures itself (after garbage collection) after its first guest and every this many. */
  measure_every: number;
  completed: number;
  verdicts: Record<string, number>;
  by_mode: Record<string, Record<string, number>>;
  runner_errors: Problem[];
  kvm_findings: Problem[];
  children: ChildFigures[];
  supervisor: { start: Usage; end: Usage };
  samples: Array<{ done: number; children: Array<{ pid: number } & Usage> }>;
  wall_ms: number;
}

class UsageError extends Error {}

const USAGE = `usage: npm run fuzz -- [--count N] [--seed S] [--mode real|protected|long] [--index I]
       [--jobs J] [--timeout MS] [--grace MS] [--out DIR] [--sample-every N] [--json] [--inject KIND@INDEX]`;

export function parseOptions(argv: string[]): FuzzOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' }, seed: { type: 'string' }, mode: { type: 'string' }, index: { type: 'string' },
        jobs: { type: 'string' }, timeout: { type: 'string' }, grace: { type: 'string' }, out: { type: 'string' },
        json: { type: 'boolean' }, 'sample-every': { type: 'string' }, inject: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  if (values.help) throw new UsageError('');
  const int = (flag: string, text: string | undefined, fallback: number, min: number, max: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${flag}: expected a whole number from ${min} to ${max}, got '${text}'`);
    return Number(text);
  };
  if (values.mode !== undefined && !MODES.includes(values.mode as Mode)) throw new UsageError(`--mode: expected real, protected or long, got '${values.mode}'`);
  const inject = new Map<number, NonNullable<ChildJob['inject']>>();
  for (const item of values.inject ?? []) {
    const m = /^(throw|hang|crash|leak)@(\d+)$/.exec(item);
    if (!m) throw new UsageError(`--inject: expected throw|hang|crash|leak@INDEX, got '${item}'`);
    inject.set(Number(m[2]), m[1] as NonNullable<ChildJob['inject']>);
  }
  return {
    count: int('count', values.count, 1000, 1, 10_000_000),
    seed: int('seed', values.seed, Math.floor(Math.random() * 0x1_0000_0000), 0, 0xffffffff),
    mode: values.mode as Mode | undefined,
    index: values.index === undefined ? undefined : int('index', values.index, 0, 0, 0xffffffff),
    jobs: int('jobs', values.jobs, availableParallelism(), 1, 64),
    timeoutMs: int('timeout', values.timeout, 200, 1, 600_000),
    graceMs: int('grace', values.grace, 3000, 100, 600_000),
    out: resolve(values.out ?? 'fuzz-reproducers'),
    json: values.json ?? false,
    sampleEvery: int('sample-every', values['sample-every'], 1000, 1, 10_000_000),
    inject,
  };
}

type Ran =
  | { type: 'reply'; reply: Extract<ChildReply, { type: 'verdict' | 'runner-error' }> }
  | { type: 'hang'; inKvmRun: boolean; signalPending: boolean; where: string }
  | { type: 'crash'; how: string };

/** One child process and the guest it is running. */
class Child {
  readonly figures: ChildFigures;
  private stderr = '';
  private readonly exited: Promise<void>;

  private constructor(readonly proc: ChildProcess, ready: Extract<ChildReply, { type: 'ready' }>, readonly measureEvery: number) {
    this.figures = { pid: ready.pid, guests: 0, ready: usageOf(ready) };
    proc.stderr!.on('data', (b: Buffer) => {
      this.stderr = (this.stderr + b.toString()).slice(-4000);
    });
    const exit = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
    const stderrClosed = new Promise<void>((r) => (proc.stderr!.closed ? r() : proc.stderr!.once('close', () => r())));
    // Gone, and its pipe to us closed too (it can close a little after the exit).
    this.exited = Promise.all([exit, stderrClosed]).then(() => undefined);
  }

  static start(config: ChildConfig, measureEvery: number): Promise<Child> {
    // V8 grows its young generation (up to 16 MiB a semi-space) under the allocation burst of a guest
    // that exits a few hundred thousand times, and keeps it: RSS then rises in steps of about 8 MiB that
    // are heap sizing, not retention. Capped, the child's RSS measures what it keeps.
    const proc = fork(new URL('./child.js', import.meta.url), [JSON.stringify(config)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [...process.execArgv, '--max-semi-space-size=1'],
    });
    let err = '';
    proc.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    return new Promise((resolvePromise, reject) => {
      const onExit = (code: number | null, signal: string | null) => reject(new Error(`a fuzz child exited before it was ready (${signal ?? `code ${code}`}): ${err.trim()}`));
      proc.once('exit', onExit);
      proc.once('message', (m: ChildReply) => {
        proc.off('exit', onExit);
        if (m.type === 'host-error') {
          proc.kill('SIGKILL');
          reject(Object.assign(new Error(m.message), { host: true }));
        } else if (m.type === 'ready') resolvePromise(new Child(proc, m, measureEvery));
        else reject(new Error(`unexpected first message from a fuzz child: ${JSON.stringify(m)}`));
      });
    });
  }

  run(job: ChildJob, limitMs: number): Promise<Ran> {
    job.measure = this.figures.guests === 0 || (this.figures.guests + 1) % this.measureEvery === 0;
    return new Promise((done) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        this.proc.off('exit', onExit);
      };
      const onMessage = (m: ChildReply) => {
        if ((m.type === 'verdict' || m.type === 'runner-error') && m.index === job.index) {
          cleanup();
          this.figures.guests++;
          if (job.measure) {
            const u = usageOf(m);
            if (this.figures.guests === 1) this.figures.first = u;
            else this.figures.warm ??= u;
            this.figures.latest = u;
          }
          done({ type: 'reply', reply: m });
        }
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        done({ type: 'crash', how: `the child exited (${signal ?? `code ${code}`}) while running the guest${this.stderr.trim() ? `: ${this.stderr.trim()}` : ''}` });
      };
      const timer = setTimeout(async () => {
        cleanup();
        done({ type: 'hang', ...(await inspect(this.proc.pid!)) });
      }, limitMs);
      this.proc.on('message', onMessage);
      this.proc.once('exit', onExit);
      this.proc.send(job);
    });
  }

  /** SIGKILL, then wait (a bounded time) until the process is gone. */
  async kill(): Promise<boolean> {
    this.proc.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const gone = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 10_000)))]);
    clearTimeout(timer);
    if (!gone) this.proc.unref();
    return gone;
  }

  /** Takes the end measurement, then lets the child exit. */
  async close(): Promise<void> {
    const measured = new Promise<Usage | undefined>((r) => {
      const timer = setTimeout(() => r(undefined), 10_000);
      const onMessage = (m: ChildReply) => {
        if (m.type !== 'measured') return;
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        r(usageOf(m));
      };
      this.proc.on('message', onMessage);
    });
    this.proc.send({ measure: 'now' });
    this.figures.end = await measured;
    if (this.proc.connected) this.proc.disconnect();
    await this.exited;
  }
}

/**
 * Where a child that stopped answering is: inside KVM_RUN (syscall 16, ioctl, request 0xae80) or not,
 * and whether the watchdog's SIGUSR2 is pending on it and not blocked. Sampled for a while, because a thread that is
 * running (in the guest, or in a JavaScript loop) shows "running" instead of its syscall.
 */
async function inspect(pid: number): Promise<{ inKvmRun: boolean; signalPending: boolean; where: string }> {
  const read = (f: string) => { try { return readFileSync(`/proc/${pid}/task/${pid}/${f}`, 'utf8').trim(); } catch { return ''; } };
  const seen = new Set<string>();
  let inKvmRun = false, signalPending = false;
  for (let i = 0; i < 40; i++) {
    const syscall = read('syscall');
    const fields = syscall.split(' ');
    if (fields[0] === '16' && BigInt(fields[2] ?? '0') === 0xae80n) inKvmRun = true;
    const status = read('status');
    const mask = (name: string) => BigInt('0x' + (new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(status)?.[1] ?? '0'));
    // SIGUSR2 is signal 12 (bit 11). Pending and not blocked: the kernel has it, and KVM_RUN should have returned.
    if ((((mask('SigPnd') | mask('ShdPnd')) & ~mask('SigBlk')) >> 11n) & 1n) signalPending = true;
    seen.add(`syscall=${fields.slice(0, 3).join(' ')} state=${/^State:\s*(.*)$/m.exec(status)?.[1] ?? '?'} wchan=${read('wchan') || '?'}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const stack = read('stack').split('\n').slice(0, 6).map((l) => l.replace(/^\[<[0-9a-f]+>\] /, '')).join(' < ');
  return { inKvmRun, signalPending, where: `${[...seen].slice(0, 4).join('; ')}${stack ? `; kernel stack: ${stack}` : ''}` };
}

const hexBytes = (b: Uint8Array) => Buffer.from(b).toString('hex');

function writeReproducer(options: FuzzOptions, prefix: 'runner' | 'kvm', guest: FuzzGuest, kind: string, message: string): string {
  mkdirSync(options.out, { recursive: true });
  const base = join(options.out, `${prefix}-seed${guest.seed}-index${guest.index}-${guest.mode}`);
  writeFileSync(`${base}.bin`, guest.image);
  const modeFlag = options.mode ? ` --mode ${options.mode}` : '';
  writeFileSync(`${base}.json`, JSON.stringify({
    seed: guest.seed, index: guest.index, mode: guest.mode, generator: guest.kind, mem: guest.memSize, load: guest.load,
    error: kind, message, ops: guest.ops, image: hexBytes(guest.image),
    rerun: `npm run fuzz -- --seed ${guest.seed} --index ${guest.index}${modeFlag}`,
    exec: `kvmctl exec ${base}.bin --mode ${guest.mode} --mem ${guest.memSize / 1024}K --timeout 1`,
  }, null, 2) + '\n');
  return `${base}.json`;
}

export async function fuzz(options: FuzzOptions, log: (line: string) => void): Promise<FuzzSummary> {
  const started = performance.now();
  const indices = options.index !== undefined ? [options.index] : Array.from({ length: options.count }, (_, i) => i);
  const config: ChildConfig = { seed: options.seed, mode: options.mode, timeoutMs: options.timeoutMs };
  const summary: FuzzSummary = {
    seed: options.seed, count: indices.length, mode: options.mode ?? 'all', timeout_ms: options.timeoutMs,
    jobs: Math.min(options.jobs, indices.length), measure_every: 0, completed: 0, verdicts: {}, by_mode: {}, runner_errors: [], kvm_findings: [],
    children: [], supervisor: { start: usage(), end: usage() }, samples: [], wall_ms: 0,
  };
  const live: Child[] = [];
  const count = (mode: Mode, kind: string) => {
    summary.completed++;
    summary.verdicts[kind] = (summary.verdicts[kind] ?? 0) + 1;
    const m = (summary.by_mode[mode] ??= {});
    m[kind] = (m[kind] ?? 0) + 1;
    if (summary.completed % options.sampleEvery === 0 && options.index === undefined) {
      const sample = { done: summary.completed, children: live.map((c) => ({ pid: c.figures.pid, ...(c.figures.latest ?? c.figures.ready) })) };
      summary.samples.push(sample);
      log(`${String(sample.done).padStart(7)} guests: ${summary.runner_errors.length} runner errors, ${summary.kvm_findings.length} KVM findings; ` +
        sample.children.map((c) => `pid ${c.pid} fds ${c.fds} rss ${mb(c.rss)}`).join(', '));
    }
  };
  const problem = (list: Problem[], prefix: 'runner' | 'kvm', guest: FuzzGuest, kind: string, message: string) => {
    const reproducer = writeReproducer(options, prefix, guest, kind, message);
    list.push({ index: guest.index, mode: guest.mode, kind, message, reproducer });
    log(`${prefix === 'runner' ? 'RUNNER ERROR' : 'KVM FINDING'} (${kind}) at index ${guest.index} (${guest.mode}): ${message.split('\n')[0]}; reproducer ${reproducer}`);
  };

  let next = 0;
  const measureEvery = (summary.measure_every = Math.max(2, Math.floor(options.sampleEvery / summary.jobs)));
  const lane = async () => {
    let child = await Child.start(config, measureEvery);
    live.push(child);
    const retire = (c: Child) => {
      summary.children.push(c.figures);
      live.splice(live.indexOf(c), 1);
    };
    while (next < indices.length) {
      const index = indices[next++];
      const guest = fuzzGuest(options.seed, index, options.mode);
      const ran = await child.run({ index, inject: options.inject.get(index) }, options.timeoutMs + options.graceMs);
      if (ran.type === 'reply') {
        const r = ran.reply;
        if (r.type === 'verdict') count(guest.mode, r.verdict);
        else {
          count(guest.mode, 'runner error');
          problem(summary.runner_errors, 'runner', guest, r.kind, r.message);
        }
        if (options.index !== undefined && r.type === 'verdict') log(`verdict: ${r.verdict} (${r.final}) after ${r.exits} exits, ${r.ms.toFixed(1)} ms`);
        continue;
      }
      if (ran.type === 'hang') {
        const kvm = ran.inKvmRun && ran.signalPending;
        const what = kvm
          ? `KVM_RUN did not return within ${options.timeoutMs + options.graceMs} ms although the watchdog's SIGUSR2 was pending`
          : `no verdict within the timeout plus ${options.graceMs} ms${ran.inKvmRun ? ' (in KVM_RUN, but no SIGUSR2 pending: the watchdog did not fire)' : ' (not in KVM_RUN)'}`;
        const gone = await child.kill();
        const message = `${what}; ${ran.where}${gone ? '' : '; the child did not die within 10 s of SIGKILL'}`;
        count(guest.mode, kvm ? 'stuck in KVM_RUN (killed)' : 'runner error');
        problem(kvm ? summary.kvm_findings : summary.runner_errors, kvm ? 'kvm' : 'runner', guest, kvm ? 'kvm-run-stuck' : 'hang', message);
        retire(child);
      } else {
        count(guest.mode, 'runner error');
        problem(summary.runner_errors, 'runner', guest, 'crash', ran.how);
        retire(child);
      }
      child = await Child.start(config, measureEvery);
      live.push(child);
    }
    await child.close();
    retire(child);
  };
  await Promise.all(Array.from({ length: summary.jobs }, lane));
  summary.supervisor.end = usage();

  summary.wall_ms = performance.now() - started;
  return summary;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;

export function report(s: FuzzSummary): string {
  const out: string[] = [];
  const width = Math.max(...Object.keys(s.verdicts).map((k) => k.length), 10);
  out.push(`verdicts by kind (${s.completed} of ${s.count} guests):`);
  for (const [k, n] of Object.entries(s.verdicts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`  ${k.padEnd(width)} ${String(n).padStart(7)}`);
  out.push('by mode: ' + Object.entries(s.by_mode).map(([m, v]) => `${m} ${Object.values(v).reduce((a, b) => a + b, 0)}`).join(', '));
  out.push(`runner errors: ${s.runner_errors.length}`);
  for (const p of s.runner_errors) out.push(`  index ${p.index} (${p.mode}) ${p.kind}: ${p.message.split('\n')[0]} [${p.reproducer}]`);
  out.push(`KVM findings: ${s.kvm_findings.length}`);
  for (const p of s.kvm_findings) out.push(`  index ${p.index} (${p.mode}) ${p.kind}: ${p.message.split('\n')[0]} [${p.reproducer}]`);
  for (const c of s.children) {
    const first = c.first ?? c.ready;
    if (!c.end) {
      out.push(`child pid ${c.pid}: ${c.guests} guest${c.guests === 1 ? "" : "s"}, then killed; fds ${c.ready.fds} before the first guest, ${first.fds} after it`);
      continue;
    }
    const warm = c.warm ? `, ${mb(c.warm.rss)} after warm-up (${s.measure_every} guests)` : '';
    const flat = c.warm ? `; warm-up to end ${pct(c.warm.rss, c.end.rss)}` : '';
    const heap = c.warm ? `; JS heap in use ${mb(c.warm.heapUsed)} after warm-up, ${mb(c.end.heapUsed)} at the end` : '';
    out.push(`child pid ${c.pid}: ${c.guests} guest${c.guests === 1 ? "" : "s"}; fds ${c.ready.fds} before the first guest, ${first.fds} after it, ${c.end.fds} at the end; ` +
      `vCPU mappings ${first.vcpuMaps} -> ${c.end.vcpuMaps}; RSS ${mb(c.ready.rss)} before the first guest, ${mb(first.rss)} after it${warm}, ${mb(c.end.rss)} at the end` +
      ` (first guest to end ${pct(first.rss, c.end.rss)}${flat})${heap}`);
  }
  out.push(`supervisor: fds ${s.supervisor.start.fds} -> ${s.supervisor.end.fds}, RSS ${mb(s.supervisor.start.rss)} -> ${mb(s.supervisor.end.rss)}`);
  out.push(`wall ${(s.wall_ms / 1000).toFixed(1)} s, seed ${s.seed}`);
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let options: FuzzOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(e.message ? `fuzz: ${e.message}\n${USAGE}\n` : `${USAGE}\n`);
    return e.message ? 2 : 0;
  }
  const log = (line: string) => (options.json ? process.stderr : process.stdout).write(line + '\n');
  if (options.index !== undefined) {
    const g = fuzzGuest(options.seed, options.index, options.mode);
    log(`guest ${g.index} of seed ${g.seed}: ${g.mode} mode, ${g.kind}, ${g.image.length} bytes at 0x${g.load.toString(16)}, mem ${g.memSize / 1024}K`);
    log(`image: ${hexBytes(g.image)}`);
    if (g.ops.length) log(`ops: ${g.ops.join(' | ')}`);
  } else {
    log(`fuzz: seed ${options.seed}, ${options.count} guests (${options.mode ?? 'real, protected and long'} mode; half random bytes, half instruction sequences), ` +
      `${Math.min(options.jobs, options.count)} child processes, timeout ${options.timeoutMs} ms (+${options.graceMs} ms grace)`);
  }
  let summary: FuzzSummary;
  try {
    summary = await fuzz(options, log);
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    return (e as { host?: boolean }).host ? 3 : 1;
  }
  if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else if (options.index === undefined) log(report(summary));
  const ok = summary.runner_errors.length === 0 && summary.completed === summary.count;
  if (!options.json && options.index === undefined) log(ok ? 'ok: every guest ended in a verdict' : 'FAILED: runner errors (reproducers above)');
  return ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exit(await main(process.argv.slice(2))); // children left by a failed lane exit when their channel closes
}
