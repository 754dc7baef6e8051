// What a run reports of each test and of the whole: the verdicts, a test's report, the summary and its
// closing lines. Every report format reads these; the suite runner (suite/verdict.ts) decides them.
import type { TestResult } from '../harness/execute.js';

export type Verdict = 'pass' | 'fail' | 'timeout' | 'skip' | 'xfail' | 'xpass' | 'flaky';

export interface TestReport extends Omit<TestResult, 'verdict'> {
  verdict: Verdict;
  feature: string;
  groups: string[];
  /** Raw verdicts of every run, when --repeat ran it more than once. */
  runs?: string[];
  knownFailure?: string;
  /** The failing checks (see signature.ts), for a run that failed. */
  signature?: string[];
}

export const isFailure = (v: Verdict): boolean => v === 'fail' || v === 'timeout' || v === 'xpass' || v === 'flaky';

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  xfail: number;
  xpass: number;
  flaky: number;
  timeout: number;
  wallMs: number;
}

export function summarize(reports: TestReport[], wallMs: number): Summary {
  const count = (v: Verdict) => reports.filter((r) => r.verdict === v).length;
  return {
    passed: count('pass'),
    failed: reports.filter((r) => isFailure(r.verdict)).length,
    skipped: count('skip'),
    xfail: count('xfail'),
    xpass: count('xpass'),
    flaky: count('flaky'),
    timeout: count('timeout'),
    wallMs,
  };
}

/** The two closing lines of every run. */
export function summaryLines(s: Summary): string[] {
  return [
    `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`,
    `xfail ${s.xfail}, xpass ${s.xpass}, flaky ${s.flaky}, timeouts ${s.timeout}; wall ${(s.wallMs / 1000).toFixed(2)} s`,
  ];
}
