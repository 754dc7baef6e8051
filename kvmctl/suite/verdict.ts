// From raw runs to the verdict a user sees: repeats that disagree are FLAKY, and a known failure
// for this host turns FAIL into XFAIL when the run failed exactly as recorded, and PASS into XPASS.
import type { TestResult } from '../harness/execute.js';
import type { TestReport } from '../report/model.js';
import type { Spec } from '../harness/spec.js';
import type { KnownFailures } from './known-failures.js';
import { failureSignature, sameSignature } from './signature.js';

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
    const other = runs.map((r) => (r === last ? signature : failureSignature(spec, r))).find((s) => !sameSignature(s, entry.fails));
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
