// The human-readable tables: figures (C and kvmctl side by side) and the targets with pass/fail.
import type { CliFigures } from './cli-figures.js';
import type { PairResult } from './pairs.js';
import type { Summary } from './stats.js';
import type { TargetRow } from './targets.js';

const LABELS: Record<string, string> = { pio: 'PIO exit round trip', mmio: 'MMIO exit round trip', lifecycle: 'VM lifecycle' };

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}
const cell = (s: Summary, unit: string) => `${fmt(s.median)} ${unit} (${fmt(s.min)}–${fmt(s.max)})`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] + (c.length - [...c].length))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function figuresTable(pairs: PairResult[], cli: CliFigures): string {
  const rows: string[][] = [['figure', 'C or baseline: median (min–max)', 'kvmctl: median (min–max)', 'kvmctl/C']];
  for (const p of pairs) {
    const unit = p.unit.split('/')[0];
    rows.push([`${LABELS[p.figure]} (n=${p.n})`, cell(p.c, unit), cell(p.kvmctl, unit), `${p.ratio.toFixed(3)}× (mins ${p.minRatio.toFixed(3)}×)`]);
  }
  const na = `n/a (${cli.why ?? (cli.errors.length ? 'see the note below' : 'no result')})`;
  const s = cli.suite;
  if (s) {
    rows.push([`suite wall -j1 (${s.tests ?? '?'} tests, ${s.rounds} rounds)`, '', cell(s.j1, 'ms'), '']);
    rows.push([`suite wall -j${s.cores}`, '', cell(s.jN, 'ms'), '']);
    rows.push(['suite per-test time', '', s.perTestMs === undefined ? 'n/a' : `${fmt(s.perTestMs)} ms (${s.perTestSource})`, '']);
    rows.push([`scaling -j1/-j${s.cores}`, '', `${s.scaling.toFixed(2)}×`, '']);
    if (s.runScaling !== undefined) rows.push([`  the run alone, without process start-up`, '', `${s.runScaling.toFixed(2)}×`, '']);
  } else {
    rows.push(['suite wall -j1 / -jcores, per-test, scaling', '', na, '']);
  }
  if (cli.cold) {
    rows.push([`cold start (${cli.cold.test})`, `node -e 0: ${cell(cli.cold.node, 'ms')}`, cell(cli.cold.kvmctl, 'ms'), `+${fmt(cli.cold.overheadMs)} ms`]);
  } else {
    rows.push(['cold start kvmctl run <one test>', '', na, '']);
  }
  rows.push(['peak RSS, suite', '', cli.rssMb === undefined ? na : `${cli.rssMb.toFixed(1)} MB (${cli.rssSource})`, '']);
  return table(rows);
}

export function targetsTable(rows: TargetRow[]): string {
  return table([['target', 'goal', 'measured', 'verdict'], ...rows.map((r) => [r.figure, r.target, r.measured, r.verdict.toUpperCase()])]);
}
