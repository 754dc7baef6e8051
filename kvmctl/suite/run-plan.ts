// What `kvmctl run` was asked to do, every setting resolved at the edge (flags, then defaults). Kept
// apart from run-suite.ts so that parsing the command line loads nothing else.

export const FORMATS = ['pretty', 'tap', 'junit', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** A `kvmctl run`, every setting resolved. */
export interface RunPlan {
  /** Test files, folders and name globs; none means the default suite. */
  patterns: string[];
  /** Groups a test must all be in. */
  group: string[];
  jobs: number;
  repeat: number;
  shard?: { index: number; count: number };
  /** Overrides every test's own timeout (its header's, else the default). */
  timeoutMs?: number;
  format: Format;
  output?: string;
  /** A file, 'none', or 'default' (the suite's known-failures/ folder). */
  'known-failures': string;
  verbose: boolean;
  bisect: boolean;
}
