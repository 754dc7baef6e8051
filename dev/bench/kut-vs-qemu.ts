// `node dist/dev/bench/kut-vs-qemu.js`: every runnable section of a unittests.cfg (default the
// vendored kvm-unit-tests) both ways on this host: QEMU as kvm-unit-tests' x86/run starts it, and
// `kvmctl kut`, each test in its own process, one after the other. Prints each side's verdict (as
// kvm-unit-tests' runner reads the exit status) and wall time, then the whole set's wall time both
// ways and the ratio. Needs /dev/kvm and qemu-system-x86_64 (QEMU 7.2: Debian's qemu-system-x86).
// Flags: --accel kvm|tcg (QEMU's; tcg only exercises the script), --qemu FILE, --cfg FILE, --json.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { KUT_MAX_MEM, kutEntries, type KutEntry } from '../../kvmctl/kut/cfg.js';
import { verdictOf } from '../../kvmctl/kut/verdict.js';

const { values: flags } = parseArgs({ options: { accel: { type: 'string', default: 'kvm' }, qemu: { type: 'string', default: 'qemu-system-x86_64' }, cfg: { type: 'string' }, json: { type: 'boolean' } } });
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cfg = flags.cfg ?? join(root, 'unittests', 'kvm-unit-tests', 'unittests.cfg');
const entries = kutEntries(cfg, readFileSync(cfg, 'utf8'), KUT_MAX_MEM).filter((e) => !e.unsupported && !e.nodefault);

interface Side { verdict: string; status?: number; ms: number }

/** Runs a command with a kill at `timeoutMs`; resolves with its exit status (124 for the timeout, as `timeout(1)`). */
function timed(file: string, args: string[], timeoutMs: number): Promise<{ status: number; ms: number; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (err, _out, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
      const status = e?.killed ? 124 : typeof e?.code === 'number' ? e.code : e ? 1 : 0;
      resolve({ status, ms: performance.now() - t0, stderr });
    });
    child.stdin?.end();
  });
}

/** kvm-unit-tests' x86/run command line (its pc-testdev, isa-debug-exit, pci-testdev), for one section. */
function qemuArgs(e: KutEntry): string[] {
  const args = ['--no-reboot', '-nodefaults', '-global', 'kvm-pit.lost_tick_policy=discard', '-device', 'pc-testdev',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x4', '-display', 'none', '-serial', 'stdio', '-device', 'pci-testdev',
    '-machine', `accel=${flags.accel}`, '-kernel', e.image, '-smp', String(e.vcpus), '-m', `${e.memSize >> 20}`];
  if (e.cpu) args.push('-cpu', [e.cpu.model, ...e.cpu.set.map((f) => `+${f}`), ...e.cpu.clear.map((f) => `-${f}`), ...(e.cpu.vendor ? [`vendor=${e.cpu.vendor}`] : [])].join(','));
  if (e.append) args.push('-append', e.append);
  return args;
}

async function qemuSide(e: KutEntry): Promise<Side> {
  const r = await timed(flags.qemu!, qemuArgs(e), e.timeoutMs);
  // QEMU's own status: (code << 1) | 1 from isa-debug-exit, 0 when the guest stopped otherwise (a failure).
  if (r.status === 124) return { verdict: 'timeout', status: 124, ms: r.ms };
  return { verdict: r.status === 0 ? 'fail' : verdictOf(r.status), status: r.status, ms: r.ms };
}

async function kvmctlSide(e: KutEntry): Promise<Side & { inner?: number }> {
  const args = [join(root, 'dist', 'bin', 'kvmctl.js'), 'kut', e.image, '--smp', String(e.vcpus), '--mem', `${e.memSize >> 20}M`, '--timeout', `${e.timeoutMs}ms`];
  if (e.append) args.push('--append', e.append);
  if (e.cpu) args.push('--cpu', [e.cpu.model, ...e.cpu.set.map((f) => `+${f}`), ...e.cpu.clear.map((f) => `-${f}`), ...(e.cpu.vendor ? [`vendor=${e.cpu.vendor}`] : [])].join(','));
  const r = await timed(process.execPath, args, e.timeoutMs + 30_000);
  const m = /: (PASS|FAIL|SKIP|TIMEOUT) \((?:debug-exit code (-?\d+), status (\d+)|[^)]*)\) in (\d+) ms/.exec(r.stderr);
  if (!m) return { verdict: `error: ${r.stderr.trim().split('\n').pop()}`, ms: r.ms };
  return { verdict: m[1].toLowerCase(), status: m[3] === undefined ? undefined : Number(m[3]), ms: r.ms, inner: Number(m[4]) };
}

const rows: Array<{ test: string; qemu: Side; kvmctl: Side & { inner?: number } }> = [];
for (const e of entries) {
  process.stderr.write(`kut-vs-qemu: ${e.section}\n`);
  rows.push({ test: e.section, qemu: await qemuSide(e), kvmctl: await kvmctlSide(e) });
}
const total = (side: 'qemu' | 'kvmctl') => rows.reduce((a, r) => a + r[side].ms, 0);
// The same sections as one `kvmctl run` process at -j1: kvmctl's start-up paid once, as a suite runs.
process.stderr.write('kut-vs-qemu: the whole cfg as one kvmctl run -j1\n');
const suite = await timed(process.execPath, [join(root, 'dist', 'bin', 'kvmctl.js'), 'run', cfg, '-j1', '--known-failures', 'none', '--format', 'json', '--output', '/dev/null'], 3_600_000);
const summary = {
  tests: rows.length, qemu_ms: total('qemu'), kvmctl_ms: total('kvmctl'), ratio: total('kvmctl') / total('qemu'),
  kvmctl_run_ms: suite.ms, run_ratio: suite.ms / total('qemu'),
};
if (flags.json) console.log(JSON.stringify({ date: new Date().toISOString(), accel: flags.accel, rows, summary }, null, 2));
else {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`| test | QEMU (${flags.accel}): verdict, wall | kvmctl kut: verdict, wall (in the guest) | same verdict |`);
  console.log('|---|---|---|---|');
  for (const r of rows) {
    const st = (s: Side) => (s.status === undefined ? '' : ` (status ${s.status})`);
    console.log(`| ${r.test} | ${r.qemu.verdict}${st(r.qemu)}, ${ms(r.qemu.ms)} | ${r.kvmctl.verdict}${st(r.kvmctl)}, ${ms(r.kvmctl.ms)}${r.kvmctl.inner === undefined ? '' : ` (${r.kvmctl.inner} ms)`} | ${r.qemu.verdict === r.kvmctl.verdict ? 'yes' : 'NO'} |`);
  }
  console.log(`\nwhole set, one process a test: QEMU ${ms(summary.qemu_ms)}, kvmctl kut ${ms(summary.kvmctl_ms)}, kvmctl/QEMU ${summary.ratio.toFixed(3)}`);
  console.log(`whole set as one \`kvmctl run CFG -j1\`: ${ms(summary.kvmctl_run_ms)}, kvmctl/QEMU ${summary.run_ratio.toFixed(3)}`);
}
