// Results as data: what `kvmctl compare` and `kvmctl merge` read back.
import type { HostKey } from '../host.js';
import type { Summary, TestReport } from './model.js';

export const JSON_FORMAT_VERSION = 1;

export interface JsonTest {
  name: string;
  file: string;
  feature: string;
  groups: string[];
  verdict: string;
  reason?: string;
  known_failure?: string;
  duration_ms: number;
  final?: Record<string, unknown>;
  failures: string[];
  runs?: string[];
}

export interface JsonReport {
  format: number;
  kvmctl_version: string;
  host_key: HostKey;
  started: string;
  shard?: string;
  summary: Summary;
  tests: JsonTest[];
}

export function jsonReport(reports: TestReport[], summary: Summary, host: HostKey, version: string, started: Date, shard?: string): JsonReport {
  return {
    format: JSON_FORMAT_VERSION, kvmctl_version: version, host_key: host, started: started.toISOString(), shard, summary,
    tests: reports.map((r) => ({
      name: r.name, file: r.file, feature: r.feature, groups: r.groups, verdict: r.verdict, reason: r.reason,
      known_failure: r.knownFailure, duration_ms: Math.round(r.durationMs * 100) / 100, final: r.final,
      failures: r.failures, runs: r.runs,
    })),
  };
}
