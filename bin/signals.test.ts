// SIGINT and SIGTERM during `kvmctl run -j 2`: with two guests spinning in `jmp .` (their timeout is
// 60 s), the signal stops both, the run prints its partial summary and exits 130 or 143 within a
// few seconds, and nothing of it is left: not the process, not a thread, not a stray child. The same
// holds when a worker thread is stuck in a system call that the kick does not end (as in a KVM_RUN
// that the host's KVM never returns from), which a normal process exit would wait for for ever.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { CLI, HANG_GUARD_MS, nodeChild, ROOT, scratchDir } from '../dev/testdata/helpers.js';
import { INTERRUPT_GRACE_MS } from '../kvmctl/suite/pool.js';

const GUESTS = 4;
const KVM_RUN = 0xae80n;

/** Threads of `pid` inside the system call `nr` (and ioctl `request`), from /proc/PID/task/TID/syscall. */
function threadsInSyscall(pid: number, nr: string, request?: bigint): number {
  let n = 0;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const tid of tids) {
    try {
      const [number, , second] = readFileSync(`/proc/${pid}/task/${tid}/syscall`, 'utf8').trim().split(' ');
      if (number === nr && (request === undefined || (second !== undefined && BigInt(second) === request))) n++;
    } catch {
      /* the thread ended */
    }
  }
  return n;
}

/** Processes whose command line mentions `marker` (our temporary folder). */
function processesMentioning(marker: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

interface Run {
  pid: number;
  stdout: () => string;
  stderr: () => string;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRun(dir: string): Run {
  const child = spawn(...nodeChild([CLI, 'run', '-j', '2', '--format', 'tap', dir]), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b));
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (c, s) => resolve({ code: c, signal: s })));
  return { pid: child.pid!, stdout: () => stdout, stderr: () => stderr, closed };
}

/** Each thread's guest_time (field 43 of /proc/PID/task/TID/stat: clock ticks spent running a vCPU). */
function guestTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[40]));
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

/**
 * Threads of `pid` in KVM_RUN: blocked in the ioctl (its syscall file names it), or running a guest
 * (their guest time grows). A thread that is on a CPU has no readable syscall ("running"), which is
 * all the time for a spinning guest on a busy or emulated CPU.
 */
async function threadsInKvmRun(pid: number): Promise<number> {
  const before = guestTicks(pid);
  await sleep(300);
  const after = guestTicks(pid);
  let running = 0;
  for (const [tid, ticks] of after) if (ticks > (before.get(tid) ?? ticks)) running++;
  return Math.max(running, threadsInSyscall(pid, '16', KVM_RUN)); // ioctl
}
const threadsInOpen = (pid: number) => threadsInSyscall(pid, '257'); // openat

/** A thread of `pid` in openat twice 50 ms apart (not some passing openat), within the hang guard. */
async function blockedInOpen(pid: number): Promise<boolean> {
  for (const end = performance.now() + HANG_GUARD_MS; performance.now() < end; await sleep(25)) {
    if (threadsInOpen(pid) > 0 && (await sleep(50), threadsInOpen(pid) > 0)) return true;
  }
  return false;
}

async function waitForThreads(count: (pid: number) => Promise<number>, pid: number, threads: number): Promise<number> {
  const deadline = performance.now() + HANG_GUARD_MS;
  let n = await count(pid);
  while (n < threads && performance.now() < deadline) n = await count(pid);
  return n;
}

const spinner = (i: number) => `/*\n * feature: a guest that spins until it is stopped (${i})\n * timeout: 600\n */\n1:\tjmp\t1b\n`;

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  t.test(`${signal} during kvmctl run -j 2 stops every guest and worker and exits ${code}`, async (t) => {
    const dir = scratchDir();
    for (let i = 1; i <= GUESTS; i++) writeFileSync(join(dir, `spin-${i}.S`), spinner(i));
    const run = startRun(dir);
    const { pid } = run;
    t.equal(await waitForThreads(threadsInKvmRun, pid, 2), 2, 'two threads are running guests (KVM_RUN)');

    const sent = performance.now();
    process.kill(pid, signal);
    const ended = await run.closed;
    const ms = performance.now() - sent;
    const stdout = run.stdout(), stderr = run.stderr();

    t.same(ended, { code, signal: null }, `exit code ${code}`);
    t.ok(ms < HANG_GUARD_MS, `it exited ${ms.toFixed(0)} ms after the signal (the guests' timeout is 600 s)`);
    t.match(stdout, new RegExp(`^interrupted by ${signal}: 2 of ${GUESTS} tests finished$`, 'm'), 'the summary says it was interrupted');
    t.match(stdout, /^0 passed, 2 failed, 0 skipped$/m, 'the partial summary: the two interrupted guests failed');
    t.match(stdout, /interrupted \(Ctrl-C\) before the guest finished/, 'each says why');
    t.equal(stderr, `\nkvmctl: ${signal}: stopping the guests\n`, 'one line on stderr, no stack trace');
    t.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the kvmctl process is gone, and with it every thread');
    t.same(processesMentioning(dir), [], 'no process is left that was started for this run');
  });
}

t.test('SIGINT with a worker stuck in a system call: the run still ends, without waiting for that thread', async (t) => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'spin.S'), spinner(1));
  // The host hook opens a FIFO that nobody writes: open(2) blocks, and SIGUSR2 (SA_RESTART) does not end it.
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'stuck.S'), '/*\n * feature: a host hook that blocks its worker in open(2) for ever\n * timeout: 600\n */\n\thlt\n');
  writeFileSync(join(dir, 'stuck.host.mjs'), "import { openSync } from 'node:fs';\nexport default { setup() { openSync(new URL('./fifo', import.meta.url), 'r'); } };\n");
  const run = startRun(dir);
  t.equal(await waitForThreads(threadsInKvmRun, run.pid, 1), 1, 'one thread is running the spinning guest');
  t.ok(await blockedInOpen(run.pid), 'the other one is blocked opening the FIFO');

  const sent = performance.now();
  process.kill(run.pid, 'SIGINT');
  const ended = await run.closed;
  const ms = performance.now() - sent;
  t.same(ended, { code: 130, signal: null }, 'exit code 130');
  t.ok(ms < HANG_GUARD_MS, `it exited ${ms.toFixed(0)} ms after the signal (the guest's timeout is 600 s; the stuck thread never ends)`);
  t.match(run.stdout(), /^0 passed, 2 failed, 0 skipped$/m, 'the partial summary counts both tests');
  t.match(run.stdout(), `did not come back within ${INTERRUPT_GRACE_MS / 1000} s of the signal`, 'the stuck one says why');
  t.match(run.stderr(), /^kvmctl: 1 worker thread did not end \(stuck in a system call.*\); exiting without it$/m, 'and the exit says what it left behind');
  t.notMatch(run.stderr(), /^\s+at /m, 'no stack trace');
  t.throws(() => process.kill(run.pid, 0), { code: 'ESRCH' }, 'the process is gone, the stuck thread with it');
  t.same(processesMentioning(dir), [], 'no process is left');
});
