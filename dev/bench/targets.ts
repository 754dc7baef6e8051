// The targets of issue 7, judged against one run's figures.
import { availableParallelism } from 'node:os';
import type { CliFigures } from './cli-figures.js';
import type { PairResult } from './pairs.js';

export interface TargetRow {
  figure: string;
  target: string;
  measured: string;
  verdict: 'pass' | 'fail' | 'n/a';
}

const judge = (ok: boolean | undefined): TargetRow['verdict'] => (ok === undefined ? 'n/a' : ok ? 'pass' : 'fail');

export function targetRows(pairs: PairResult[], cli: CliFigures): TargetRow[] {
  const pair = (f: string) => pairs.find((p) => p.figure === f);
  const ratioRow = (f: string, label: string, limit: number): TargetRow => {
    const p = pair(f);
    return { figure: label, target: `≤ ${limit}× C`, measured: p ? `${p.ratio.toFixed(3)}×` : 'n/a', verdict: judge(p && p.ratio <= limit) };
  };
  const na = cli.available ? 'n/a' : `n/a (${cli.why})`;
  const { suite, cold } = cli;
  return [
    ratioRow('pio', 'PIO exit round trip', 1.05),
    ratioRow('mmio', 'MMIO exit round trip', 1.05),
    ratioRow('lifecycle', 'VM lifecycle', 1.5),
    {
      figure: `whole catalogue, warm, -j${suite?.cores ?? availableParallelism()}`, target: '< 1 s wall',
      measured: suite ? `${(suite.jN.median / 1000).toFixed(3)} s` : na, verdict: judge(suite && suite.jN.median < 1000),
    },
    {
      figure: 'cold kvmctl run <one test>', target: '≤ node + 150 ms',
      measured: cold ? `node + ${cold.overheadMs.toFixed(0)} ms` : na, verdict: judge(cold && cold.overheadMs <= 150),
    },
    {
      figure: `-j${suite?.cores ?? availableParallelism()} over -j1`, target: '≥ 1.7×',
      measured: suite ? `${suite.scaling.toFixed(2)}×` : na, verdict: judge(suite && suite.scaling >= 1.7),
    },
    {
      figure: 'peak RSS, suite', target: '≤ 100 MB',
      measured: cli.rssMb !== undefined ? `${cli.rssMb.toFixed(1)} MB` : na, verdict: judge(cli.rssMb === undefined ? undefined : cli.rssMb <= 100),
    },
  ];
}
