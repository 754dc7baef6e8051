// `npm run bench -- --vm`: what `kvmctl vm` costs under QEMU's TCG. Boot to the command's first
// line (from the spawn of `kvmctl vm`, with the milestones QEMU start → init → command), then, in
// one boot, the catalogue at -j2 with a warm cache and cold starts of `kvmctl run <one test>`
// (vm-inside.ts). Figures, never assertions.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { summarize, type Summary } from './stats.js';

export interface VmFigures {
  boot: { firstLineMs: Summary; qemuStartMs: Summary; initMs: Summary; readyMs: Summary };
  inside?: {
    suiteProcessMs: Summary; suiteRunMs: Summary; testSumMs: number; tests: number; slowest: string[];
    verdicts: Record<string, string>; coldTest: string; nodeMs: Summary; kvmctlMs: Summary;
  };
  errors: string[];
}

interface Boot { firstLineMs: number; qemuStartMs: number; initMs: number; readyMs: number; stdout: string; code: number | null; stderr: string }

function boot(root: string, command: string[], timeoutS: number): Promise<Boot> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = [join(root, 'dist/bin/kvmctl.js'), 'vm', '--accel', 'tcg', '--verbose', '--timeout', String(timeoutS), '--', ...command];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let firstLineMs = NaN;
    child.stdout.on('data', (b: Buffer) => {
      if (!stdout) firstLineMs = performance.now() - started;
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // Milestones from kvmctl vm's --verbose lines, relative to its own start of QEMU; the kernel's
      // own clock says when it ran init.
      const at = (name: string) => Number(new RegExp(`kvmctl vm: ${name} at ([\\d.]+) s`).exec(stderr)?.[1] ?? NaN) * 1000;
      const init = Number(/\[\s*([\d.]+)\] Run \/init as init process/.exec(stderr)?.[1] ?? NaN) * 1000;
      resolve({ firstLineMs, qemuStartMs: at('qemu-started'), initMs: init, readyMs: at('ready'), stdout, code, stderr });
    });
  });
}

export async function vmFigures(root: string, rounds: number, progress: (s: string) => void): Promise<VmFigures> {
  const errors: string[] = [];
  const boots: Boot[] = [];
  for (let i = 0; i < rounds; i++) {
    progress(`kvmctl vm: boot ${i + 1} of ${rounds}`);
    const b = await boot(root, ['echo', 'first line'], 120);
    if (b.code !== 0) errors.push(`boot ${i + 1}: kvmctl vm exited ${b.code}: ${b.stderr.split('\n').filter((l) => l.startsWith('kvmctl')).pop()}`);
    else boots.push(b);
  }
  const s = (k: keyof Pick<Boot, 'firstLineMs' | 'qemuStartMs' | 'initMs' | 'readyMs'>) => summarize(boots.map((b) => b[k]));
  const figures: VmFigures = boots.length
    ? { boot: { firstLineMs: s('firstLineMs'), qemuStartMs: s('qemuStartMs'), initMs: s('initMs'), readyMs: s('readyMs') }, errors }
    : { boot: { firstLineMs: summarize([NaN]), qemuStartMs: summarize([NaN]), initMs: summarize([NaN]), readyMs: summarize([NaN]) }, errors };
  progress('kvmctl vm: the catalogue at -j2 and cold starts, in one boot');
  const inside = await boot(root, [process.execPath, join(root, 'dist/dev/bench/vm-inside.js'), String(rounds)], 3600);
  try {
    figures.inside = JSON.parse(inside.stdout);
  } catch {
    errors.push(`inside the VM: exit ${inside.code}: ${inside.stderr.split('\n').filter((l) => l.startsWith('kvmctl')).pop() ?? 'no JSON'}`);
  }
  return figures;
}

const ms = (x: Summary) => `${(x.median / 1000).toFixed(2)} s (${(x.min / 1000).toFixed(2)}–${(x.max / 1000).toFixed(2)})`;

export function vmTable(f: VmFigures): string {
  const rows: string[] = [
    'kvmctl vm under TCG (medians, min–max)',
    `  boot to the command's first line, from spawning kvmctl vm   ${ms(f.boot.firstLineMs)}`,
    `    QEMU started (kvmctl vm's own start, initramfs)           ${ms(f.boot.qemuStartMs)}`,
    `    the kernel runs /init (its own clock)                     ${ms(f.boot.initMs)}`,
    `    the command starts (modules, mounts, KVM loaded)          ${ms(f.boot.readyMs)}`,
  ];
  if (f.inside) {
    const i = f.inside;
    rows.push(
      `  catalogue (${i.tests} tests) -j2, warm cache: process          ${ms(i.suiteProcessMs)}`,
      `    the run alone (summary wall)                              ${ms(i.suiteRunMs)}`,
      `    sum of per-test times                                     ${(i.testSumMs / 1000).toFixed(2)} s; slowest: ${i.slowest.join(', ')}`,
      `  cold node -e 0                                              ${ms(i.nodeMs)}`,
      `  cold kvmctl run ${i.coldTest} -j1                           ${ms(i.kvmctlMs)}`,
    );
  }
  return rows.join('\n');
}
