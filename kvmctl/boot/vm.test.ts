// `kvmctl vm` end to end: real kernels booted under QEMU's TCG (on every machine, with or without
// /dev/kvm), running kvmctl inside against that kernel's own KVM. Exit codes, the separation of
// stdout and stderr, files written under the current folder, and what happens when the kernel, its
// modules or the VM itself fail.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { CLI, nodeChild, scratchDir, writeUnittest } from '../../dev/testdata/helpers.js';
import { defaultKernel } from './kernel-image.js';

const VM = ['vm', '--accel', 'tcg', '--boot-timeout', '120'];

interface Result { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs kvmctl in `cwd` (an argument array, no shell); `during` gets the child once it started. */
function kvmctl(args: string[], cwd: string, during?: (pid: number, stdout: () => string) => Promise<void>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(...nodeChild([CLI, ...args]), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (during) void during(child.pid!, () => stdout).catch(reject);
  });
}

/** The pids of QEMU processes that are children of `parent`. */
function qemuChildren(parent: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && stat.includes('(qemu-system')) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await sleep(100);
  }
  return what();
}

const PASSING = [
  ['feature: KVM_EXIT_HLT - a passing test for kvmctl vm', 'mode: real', 'expect: regs rax=0x2a'],
  ['mov $0x2a, %ax', 'hlt'],
] as const;
const FAILING = [
  ['feature: KVM_EXIT_HLT - a failing test for kvmctl vm', 'mode: real', 'expect: regs rax=0x2b'],
  ['mov $0x2a, %ax', 'hlt'],
] as const;

t.test('a passing unittest: exit 0, the JSON report alone on stdout, the summary on stderr', async (t) => {
  const dir = scratchDir();
  writeUnittest(dir, 'vm-pass', [...PASSING[0]], [...PASSING[1]]);
  const r = await kvmctl([...VM, '--', 'kvmctl', 'run', '--format', 'json', 'vm-pass.S'], dir);
  t.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  t.equal(doc.tests.length, 1);
  t.equal(doc.tests[0].verdict, 'pass');
  t.equal(doc.host_key.cpu, 'tcg', 'the host key inside names the emulated CPU');
  t.match(r.stderr, /^1 passed, 0 failed, 0 skipped$/m, 'the summary went to stderr');
  t.match(r.stderr, /^kvmctl vm: kernel .* tcg \(multi-threaded, -cpu max\)/m, 'one line names the kernel, QEMU and the accelerator');
  t.notMatch(r.stdout, /Linux version|kvmctl vm:/, 'no kernel message and no kvmctl vm line on stdout');
});

t.test('a failing unittest: exit 1, and a report written under the current folder reaches the host', async (t) => {
  const dir = scratchDir();
  writeUnittest(dir, 'vm-fail', [...FAILING[0]], [...FAILING[1]]);
  const r = await kvmctl([...VM, '--', 'kvmctl', 'run', '--format', 'junit', '--output', 'report.xml', 'vm-fail.S'], dir);
  t.equal(r.code, 1, r.stderr);
  t.ok(existsSync(join(dir, 'report.xml')), 'report.xml is on the host');
  t.match(readFileSync(join(dir, 'report.xml'), 'utf8'), /<failure[^>]*>[\s\S]*rax/, 'it records the failure');
  t.match(r.stdout, /^0 passed, 1 failed, 0 skipped$/m);
});

t.test('a command that hangs while the kernel lives is a failure (1), at --timeout', async (t) => {
  const dir = scratchDir();
  const r = await kvmctl([...VM, '--timeout', '3', '--', 'sleep', '600'], dir);
  t.equal(r.code, 1);
  t.match(r.stderr, /did not finish within --timeout 3 s \(the VM's kernel was alive\)/);
});

t.test('a VM that stops (its heartbeat gone) is the host\'s failure: 3, and 125 with --bisect', async (t) => {
  for (const bisect of [false, true]) {
    const dir = scratchDir();
    let stoppedQemu = 0;
    const r = await kvmctl([...VM, '--freeze-timeout', '3', ...(bisect ? ['--bisect'] : []), '--', 'sh', '-c', 'echo started; exec sleep 600'], dir, async (pid, stdout) => {
      await until(() => stdout().includes('started'), 120_000);
      // SIGSTOP freezes the whole VM, as a kernel stuck with every CPU in a loop would look.
      [stoppedQemu] = qemuChildren(pid);
      process.kill(stoppedQemu, 'SIGSTOP');
    });
    t.equal(r.code, bisect ? 125 : 3, r.stderr);
    t.match(r.stderr, /no heartbeat for 3 s/);
    t.ok(await until(() => !alive(stoppedQemu), 5000), 'the stopped QEMU was killed');
  }
});

t.test('SIGTERM during a run stops QEMU and leaves no process behind', async (t) => {
  const dir = scratchDir();
  let qemu: number[] = [];
  const r = await kvmctl([...VM, '--', 'sh', '-c', 'echo started; exec sleep 600'], dir, async (pid, stdout) => {
    await until(() => stdout().includes('started'), 120_000);
    qemu = qemuChildren(pid);
    process.kill(pid, 'SIGTERM');
  });
  t.equal(r.code, 143);
  t.equal(qemu.length, 1, 'QEMU ran as a child of kvmctl');
  t.ok(await until(() => qemu.every((p) => !alive(p)), 5000), 'QEMU is gone');
});

t.test('a file that is not a kernel: 3, and 125 with --bisect, before anything boots', async (t) => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'not-a-kernel'), 'hello\n'.repeat(1000));
  for (const [flags, code] of [[[], 3], [['--bisect'], 125]] as const) {
    const r = await kvmctl([...VM, '--kernel', 'not-a-kernel', ...flags], dir);
    t.equal(r.code, code, r.stderr);
    t.match(r.stderr, /not an x86 Linux kernel image/);
  }
});

t.test('a truncated kernel image: 3 within the boot timeout, with QEMU\'s or the kernel\'s last words', async (t) => {
  const dir = scratchDir();
  const image = readFileSync(defaultKernel().image);
  writeFileSync(join(dir, 'truncated'), image.subarray(0, 256 * 1024));
  const started = Date.now();
  const r = await kvmctl([...VM, '--boot-timeout', '20', '--kernel', 'truncated', '--', 'true'], dir);
  t.equal(r.code, 3, r.stderr);
  t.ok(Date.now() - started < 40_000, 'it ended within the boot timeout (and the time to stop QEMU)');
  t.match(r.stderr, /^kvmctl vm: (QEMU exited \(\d+\) before the command started|the VM stopped before the command started|the VM did not start the command within the boot timeout|the VM's kernel panicked)/m);
});

t.test('--modules without a modules.dep: 3 (125 with --bisect), naming the folder', async (t) => {
  const empty = scratchDir();
  for (const [flags, code] of [[[], 3], [['--bisect'], 125]] as const) {
    const r = await kvmctl([...VM, '--modules', empty, ...flags], empty);
    t.equal(r.code, code, r.stderr);
    t.match(r.stderr, /--modules .*: no modules\.dep there/);
  }
});

t.test('a kernel whose KVM cannot load: 3 (125 with --bisect), and the VM says why', async (t) => {
  // A modules tree with everything kvmctl vm needs except KVM itself.
  const kernel = defaultKernel();
  const tree = scratchDir();
  const dep = readFileSync(join(kernel.modules!, 'modules.dep'), 'utf8').split('\n').filter((l) => l && !/kvm/.test(l.split(':')[0]));
  writeFileSync(join(tree, 'modules.dep'), dep.join('\n') + '\n');
  copyFileSync(join(kernel.modules!, 'modules.builtin'), join(tree, 'modules.builtin'));
  for (const line of dep) {
    for (const rel of line.replace(':', '').split(/\s+/).filter(Boolean)) {
      const from = join(kernel.modules!, rel);
      const to = join(tree, rel);
      if (existsSync(to) || !/(virtio|9p|netfs|fscache|overlay)/.test(rel)) continue;
      mkdirSync(join(to, '..'), { recursive: true });
      copyFileSync(from, to);
    }
  }
  for (const [flags, code] of [[[], 3], [['--bisect'], 125]] as const) {
    const r = await kvmctl([...VM, '--kernel', kernel.image, '--modules', tree, ...flags, '--', 'kvmctl', 'info'], tree);
    t.equal(r.code, code, r.stderr);
    t.match(r.stderr, /no usable KVM inside the VM: .*kvm_(amd|intel) is neither built in nor in the kernel's modules/);
  }
});

t.test('a QEMU that stays silent while booting is started once more, within the boot timeout', async (t) => {
  // Stands in for QEMU frozen before the kernel's first line: it counts its starts and prints nothing.
  const dir = scratchDir();
  const starts = join(dir, 'starts');
  const fake = join(dir, 'silent-qemu');
  writeFileSync(fake, `#!/bin/sh\necho started >> '${starts}'\nexec sleep 60\n`, { mode: 0o755 });
  const began = Date.now();
  const r = await kvmctl([...VM, '--qemu', fake, '--boot-timeout', '6', '--', 'true'], dir);
  t.equal(r.code, 3, r.stderr);
  t.equal(readFileSync(starts, 'utf8'), 'started\nstarted\n', 'two boots, no more');
  t.match(r.stderr, /kvmctl vm: QEMU started but the kernel printed nothing within 3 s .*: booting again\n/);
  t.match(r.stderr, /kvmctl vm: the VM did not start the command within the boot timeout \(3 s\)/, 'the second boot gets what is left of the boot timeout');
  t.ok(Date.now() - began < 20_000, 'both within the boot timeout, and the time to stop them');
});

t.test('a QEMU that is not there: 3, naming the flag', async (t) => {
  const dir = scratchDir();
  const r = await kvmctl([...VM, '--qemu', join(dir, 'no-qemu')], dir);
  t.equal(r.code, 3, r.stderr);
  t.match(r.stderr, /^kvmctl: --qemu .*no-qemu: not an executable file\n$/);
});
