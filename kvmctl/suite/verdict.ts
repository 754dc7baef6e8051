// From raw runs to the verdict a user sees: repeats that disagree are FLAKY, and a known failure
// for this host turns FAIL into XFAIL when the run failed exactly as recorded, and PASS into XPASS.
import type { TestResult } from '../test/execute.js';
import type { Spec } from '../test/spec.js';
import type { KnownFailures } from './known-failures.js';
import { failureSignature, sameSignature } from './signature.js';

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

export function judge(spec: Spec, runs: TestResult[], known: KnownFailures): TestReport {
  const raw = runs.map((r) => r.verdict);
  const last = runs.find((r) => r.verdict !== 'pass' && r.verdict !== 'skip') ?? runs[runs.length - 1];
  const base = { ...last, feature: spec.feature, groups: spec.groups, runs: runs.length > 1 ? raw : undefined };
  const total = runs.reduce((a, r) => a + r.durationMs, 0);
  if (new Set(raw).size > 1) {
    return { ...base, durationMs: total, verdict: 'flaky', reason: `verdict changed between runs: ${raw.join(', ')}` };
  }
  const v = raw[0];
  const entry = known.forHost.get(spec.name);
  if (v === 'fail' || v === 'timeout') {
    const signature = failureSignature(spec, last);
    if (!entry) return { ...base, durationMs: total, verdict: v, signature };
    // Every run must fail the recorded way: one that fails otherwise is a new failure.
    const other = runs.map((r) => failureSignature(spec, r)).find((s) => !sameSignature(s, entry.fails));
    if (!other) return { ...base, durationMs: total, verdict: 'xfail', knownFailure: entry.reason, signature };
    const missing = entry.fails.filter((t) => !other.includes(t)), extra = other.filter((t) => !entry.fails.includes(t));
    const differs = `fails differently from the known failure at ${entry.where}: ${[
      ...extra.map((t) => `not recorded '${t}'`),
      ...missing.map((t) => `recorded '${t}' did not fail`),
    ].join('; ')}`;
    return { ...base, durationMs: total, verdict: v, signature: other, reason: differs, failures: [...base.failures, differs] };
  }
  if (entry && v === 'pass') {
    return { ...base, durationMs: total, verdict: 'xpass', knownFailure: entry.reason, reason: `listed as a known failure on this host (${entry.where}: ${entry.reason}) but passed` };
  }
  return { ...base, durationMs: total, verdict: v };
}

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
