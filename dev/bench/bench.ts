// `npm run bench`: kvmctl against a C reference built at bench time, then the CLI figures, then the
// targets of issue 7. Flags: --json, --rounds R (default 5), --quick (smaller loops, for a smoke run).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliFigures } from './cli-figures.js';
import { PAIR_FIGURES, runPair, type PairResult, type PairSizes } from './pairs.js';
import { buildReference } from './reference.js';
import { figuresTable, targetsTable } from './report.js';
import { targetRows } from './targets.js';

const { values: flags } = parseArgs({
  options: { json: { type: 'boolean' }, rounds: { type: 'string' }, quick: { type: 'boolean' }, vm: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (flags.help) {
  console.log('usage: npm run bench -- [--json] [--rounds R] [--quick] [--vm]\n  --vm: only the kvmctl vm figures (QEMU TCG), which need no /dev/kvm');
  process.exit(0);
}
const rounds = Number(flags.rounds ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds: expected a positive integer, got ${flags.rounds}`);
  process.exit(2);
}

// The sizes: 200k exits, 500 lifecycles. Warm-ups are untimed and the same on both sides.
const SIZES: Record<string, PairSizes> = flags.quick
  ? { pio: { n: 20_000, warmup: 2_000 }, mmio: { n: 20_000, warmup: 2_000 }, lifecycle: { n: 50, warmup: 5 } }
  : { pio: { n: 200_000, warmup: 20_000 }, mmio: { n: 200_000, warmup: 20_000 }, lifecycle: { n: 500, warmup: 20 } };

const root = fileURLToPath(new URL('../../../', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'kvmctl-bench-'));
const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);

if (flags.vm) {
  const { vmFigures, vmTable } = await import('./vm-figures.js');
  const figures = await vmFigures(root, rounds, progress);
  if (flags.json) console.log(JSON.stringify({ date: new Date().toISOString(), rounds, vm: figures }, null, 2));
  else {
    console.log(`kvmctl bench --vm, ${new Date().toISOString()}: ${cpus()[0]?.model ?? 'unknown'} x${availableParallelism()}, load ${loadavg()[0].toFixed(2)}, ${rounds} rounds`);
    console.log(vmTable(figures));
    for (const e of figures.errors) console.log(`note: ${e}`);
  }
  rmSync(workDir, { recursive: true, force: true });
  process.exit(figures.errors.length ? 1 : 0);
}

try {
  const started = performance.now();
  // Other work on the host shows up as spread (max) and as a higher C median; say so up front.
  const load = loadavg()[0];
  if (load > 0.5) progress(`load average ${load.toFixed(2)}: other work is running, figures will be noisy`);
  progress('building the C reference (cc -O2)');
  const reference = await buildReference(root, workDir);
  const pairs: PairResult[] = [];
  for (const figure of PAIR_FIGURES) {
    progress(`${figure}: ${rounds} rounds, C and kvmctl alternating`);
    pairs.push(await runPair(reference, figure, SIZES[figure], rounds));
  }
  progress('CLI figures (kvmctl run)');
  const cli = await cliFigures({ root, workDir, rounds, budgetMs: flags.quick ? 20_000 : 60_000 });
  const targets = targetRows(pairs, cli);
  const host = {
    date: new Date().toISOString(), node: process.version, kernel: release(), cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(), loadAtStart: load, rounds, quick: !!flags.quick, seconds: (performance.now() - started) / 1000,
  };
  if (flags.json) {
    console.log(JSON.stringify({ host, pairs, cli, targets }, null, 2));
  } else {
    console.log(`kvmctl bench, ${host.date}: node ${host.node}, kernel ${host.kernel}, ${host.cpu} x${host.cores}, load ${load.toFixed(2)}, ${rounds} rounds${host.quick ? ', --quick' : ''}`);
    console.log();
    console.log(figuresTable(pairs, cli));
    for (const e of cli.errors) console.log(`note: ${e}`);
    console.log();
    console.log(targetsTable(targets));
    console.log();
    console.log(`(${host.seconds.toFixed(1)} s)`);
  }
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
