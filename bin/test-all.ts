// `npm test`: the project's own tap tests, then the whole unittest suite through `kvmctl run`.
//
// Where /dev/kvm is usable, everything runs here. Where it is not (or KVMCTL_TEST_VM=1 asks), the
// tests that need KVM run inside `kvmctl vm` (a kernel under QEMU with its own KVM), and only the
// `kvmctl vm` tests themselves run here. No KVM test is ever skipped for want of a device.
//
// It prints one line for the tap files, one for the unittests, then the plain
// `N passed, N failed, N skipped` line that counts tap files and unittests together.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDevice } from '../kvmctl/engine/kvm/device-check.js';
import { packageRoot } from '../kvmctl/util/package-root.js';
import { failureRecap } from './failure-recap.js';

interface Counts { passed: number; failed: number; skipped: number; code: number }

const root = packageRoot();
const inside = process.argv.includes('--inside');

/** The compiled tap files, split by the `// needs: /dev/kvm` line a file carries when it opens KVM. */
function tapFiles(): { kvm: string[]; other: string[] } {
  const kvm: string[] = [];
  const other: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.test.js')) (/^\/\/ needs: \/dev\/kvm/m.test(readFileSync(join(root, rel), 'utf8').slice(0, 2000)) ? kvm : other).push(rel);
    }
  };
  walk('dist');
  return { kvm: kvm.sort(), other: other.sort() };
}

function run(cmd: string, args: string[], parse: (output: string) => Omit<Counts, 'code'>): Promise<Counts & { output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ...parse(output), output, code: code ?? (signal ? 128 : 1) }));
  });
}

/**
 * tap compiles its plugin list into node_modules, and only `tap build` makes it follow .taprc (which
 * drops the TypeScript plugin that TypeScript 7 breaks). A stamp of .taprc and tap's version in
 * node_modules says whether that happened since the last install.
 */
async function ensureTapBuilt(): Promise<void> {
  const stamp = join(root, 'node_modules', '.kvmctl-tap-build');
  const want = createHash('sha256')
    .update(readFileSync(join(root, '.taprc')))
    .update(readFileSync(join(root, 'node_modules', 'tap', 'package.json')))
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  const built = await run(join(root, 'node_modules', '.bin', 'tap'), ['build'], () => ({ passed: 0, failed: 0, skipped: 0 }));
  if (built.code !== 0) throw new Error(`tap build failed (exit ${built.code})`);
  writeFileSync(stamp, want);
}

/** Test files (top-level TAP lines) and assertions (tap's closing `# { total: … }`). */
function tapCounts(out: string): Omit<Counts, 'code'> & { assertions: string } {
  const files = [...out.matchAll(/^(not ok|ok) \d+ - \S+(.*)$/gm)];
  const skipped = files.filter((m) => m[1] === 'ok' && /#\s*SKIP/i.test(m[2])).length;
  return {
    passed: files.filter((m) => m[1] === 'ok').length - skipped,
    failed: files.filter((m) => m[1] === 'not ok').length,
    skipped,
    assertions: /^# \{ total: \d+[^}]*\}/m.exec(out)?.[0].slice(2) ?? '{}',
  };
}

const lastSummary = (out: string): Omit<Counts, 'code'> => {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)].pop();
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0), skipped: Number(m?.[3] ?? 0) };
};

function kvmUsable(): boolean {
  try {
    checkDevice();
    return true;
  } catch {
    return false;
  }
}

const tapBin = join(root, 'node_modules', '.bin', 'tap');
const cli = join(root, 'dist', 'bin', 'kvmctl.js');
const line = (name: string, c: Omit<Counts, 'code'>, code: number, extra = '') =>
  process.stdout.write(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${extra} (exit ${code})\n`);

await ensureTapBuilt();
const parts: Array<Counts & { output: string }> = [];
const files = tapFiles();
if (inside || (kvmUsable() && process.env.KVMCTL_TEST_VM !== '1')) {
  // KVM is here: the tap files (inside a VM only those that need KVM, with time for an emulated
  // CPU), then the unittests.
  const tap = await run(tapBin, ['--reporter=tap', ...(inside ? ['--timeout=3600', ...files.kvm] : [])], tapCounts);
  const t = tapCounts(tap.output);
  line('tap files', t, tap.code, `; assertions ${t.assertions}`);
  const suite = await run(process.execPath, [cli, 'run', '--format', 'tap'], lastSummary);
  line('unittests', suite, suite.code);
  parts.push(tap, suite);
} else {
  // No usable KVM here: the tests that need KVM run inside `kvmctl vm`, the others here.
  process.stdout.write(`# ${kvmUsable() ? 'KVMCTL_TEST_VM=1' : 'no usable /dev/kvm'}: the KVM tests run inside kvmctl vm\n`);
  const vm = await run(process.execPath, [cli, 'vm', '--timeout', '50m', '--', process.execPath, join(root, 'dist', 'bin', 'test-all.js'), '--inside'], lastSummary);
  line('inside kvmctl vm', vm, vm.code);
  const tap = await run(tapBin, ['--reporter=tap', ...files.other], tapCounts);
  const t = tapCounts(tap.output);
  line('tap files (here)', t, tap.code, `; assertions ${t.assertions}`);
  parts.push(vm, tap);
}
// The failures again, last, where a log read from its tail shows them.
const recap = parts.flatMap((p) => failureRecap(p.output));
if (recap.length) process.stdout.write(`# failures, again:\n${recap.map((l) => `#   ${l}\n`).join('')}`);
// A non-zero exit with no failure counted (a crash) is a failure too.
const failed = parts.reduce((n, p) => n + p.failed + (p.code !== 0 && p.failed === 0 ? 1 : 0), 0);
const sum = (k: 'passed' | 'skipped') => parts.reduce((n, p) => n + p[k], 0);
process.stdout.write(`${sum('passed')} passed, ${failed} failed, ${sum('skipped')} skipped\n`);
process.exitCode = parts.every((p) => p.code === 0) ? 0 : 1;
