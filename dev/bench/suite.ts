// The suite figure: the whole catalogue through `kvmctl run`, warm cache, at -j1 and -j<cores>.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeFailure, type ChildResult } from './child.js';
import type { CliContext } from './cli-context.js';
import { median, summarize, type Summary } from './stats.js';

export interface SuiteFigure {
  cores: number;
  tests: number | undefined;
  rounds: number;
  j1: Summary;
  jN: Summary;
  /** -j1 wall over -j<cores> wall. */
  scaling: number;
  /**
   * The same ratio for the run alone: the JSON report's summary wall (from the run's start to its
   * summary), without node's and the CLI's start-up, which no -j can share out.
   */
  runScaling: number | undefined;
  /** Median of the per-test durations the JSON report gives at -j1, else wall/tests. */
  perTestMs: number | undefined;
  perTestSource: string;
  exitCodes: number[];
}

const SUMMARY = /(\d+) passed, (\d+) failed, (\d+) skipped/;

/** Runs the suite; `undefined` (with a note in ctx.errors) when it cannot be timed. */
export async function measureSuite(ctx: CliContext): Promise<SuiteFigure | undefined> {
  const jsonFile = join(ctx.workDir, 'suite.json');
  let formatArgs = ['--format', 'json', '--output', jsonFile];
  const suite = async (j: number): Promise<ChildResult> => {
    rmSync(jsonFile, { force: true }); // never read a previous run's report
    let r = await ctx.kvmctlRun(['-j', String(j), ...formatArgs]);
    if (r.code === 2 && formatArgs.length) {
      formatArgs = []; // a runner without --format json: time it plain
      r = await ctx.kvmctlRun(['-j', String(j)]);
    }
    return r;
  };

  // The warm-up run fills the assembly cache and tells whether the suite runs at all.
  const warm = await suite(ctx.cores);
  if (warm.code !== 0 && warm.code !== 1) {
    ctx.errors.push(`kvmctl run -j${ctx.cores} ${describeFailure(warm)}`);
    return undefined;
  }
  if (warm.code === 1) ctx.errors.push('the suite has failing tests (exit 1); its timings are still reported');

  const j1: number[] = [], jN: number[] = [], codes: number[] = [], perTest: number[] = [], run1: number[] = [], runN: number[] = [];
  let round = 0;
  for (; round < ctx.rounds; round++) {
    // A round costs about (1 + cores) warm-up walls; stop before it would overrun the budget.
    if (round > 0 && warm.wallMs * (1 + ctx.cores) > ctx.timeLeft) break;
    const a = await suite(1);
    const durations = formatArgs.length ? durationsMs(jsonFile) : [];
    const inner1 = formatArgs.length ? summaryWallMs(jsonFile) : undefined;
    const b = await suite(ctx.cores);
    const innerN = formatArgs.length ? summaryWallMs(jsonFile) : undefined;
    if (inner1 !== undefined && innerN !== undefined) {
      run1.push(inner1);
      runN.push(innerN);
    }
    if (a.timedOut || b.timedOut) {
      ctx.errors.push(`suite round ${round + 1}: kvmctl run ${describeFailure(a.timedOut ? a : b)}`);
      break;
    }
    if (durations.length) perTest.push(median(durations));
    j1.push(a.wallMs);
    jN.push(b.wallMs);
    codes.push(a.code, b.code);
  }
  if (j1.length === 0) return undefined;
  const m = SUMMARY.exec(warm.stdout + warm.stderr);
  // Known failures (XFAIL) are counted on the second summary line, not in passed/failed/skipped.
  const xfail = /^xfail (\d+)/m.exec(warm.stdout + warm.stderr);
  const tests = m ? Number(m[1]) + Number(m[2]) + Number(m[3]) + Number(xfail?.[1] ?? 0) : undefined;
  const j1s = summarize(j1), jNs = summarize(jN);
  return {
    cores: ctx.cores, tests, rounds: round, j1: j1s, jN: jNs, scaling: j1s.median / jNs.median,
    runScaling: run1.length ? median(run1) / median(runN) : undefined,
    perTestMs: perTest.length ? median(perTest) : tests ? j1s.median / tests : undefined,
    perTestSource: perTest.length ? 'median test duration from --format json, -j1' : 'wall at -j1 / tests',
    exitCodes: codes,
  };
}

/** The JSON report's summary.wallMs, if it has one. */
function summaryWallMs(file: string): number | undefined {
  try {
    const wall = (JSON.parse(readFileSync(file, 'utf8')) as { summary?: { wallMs?: unknown } }).summary?.wallMs;
    return typeof wall === 'number' ? wall : undefined;
  } catch {
    return undefined;
  }
}

/** Per-test durations from the JSON report: any array of objects with a duration key (ms, the JS convention). */
function durationsMs(file: string): number[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const found: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (!item || typeof item !== 'object') continue;
        const key = Object.keys(item).find((k) => /^duration(_?ms)?$/i.test(k));
        const value = key ? (item as Record<string, unknown>)[key] : undefined;
        if (typeof value === 'number') found.push(value);
        else walk(item);
      }
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(doc);
  return found;
}
