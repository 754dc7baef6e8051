// The figures that go through the CLI (`kvmctl run`): suite wall time at -j1 and -j<cores> with a warm
// cache, per-test time and scaling, cold start against `node -e 0`, and the suite's peak RSS.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CliContext } from './cli-context.js';
import { measureColdStart, type ColdFigure } from './cold-start.js';
import { measurePeakRss } from './peak-rss.js';
import { measureSuite, type SuiteFigure } from './suite.js';

export interface CliFigures {
  available: boolean;
  why?: string;
  suite?: SuiteFigure;
  cold?: ColdFigure;
  rssMb?: number;
  rssSource?: string;
  /** Notes on figures that could not be measured, and why. */
  errors: string[];
}

export interface CliOptions {
  root: string;
  workDir: string;
  rounds: number;
  /** Wall-clock budget for this whole section. */
  budgetMs: number;
}

/** yargs answers --help with exit 0 even for an unknown command, so the help must be run's own. */
async function hasRun(ctx: CliContext): Promise<boolean> {
  if (!existsSync(ctx.cli)) return false;
  const r = await ctx.kvmctlRun(['--help']);
  return r.code === 0 && /^\S*kvmctl(\.js)? run\b/m.test(r.stdout);
}

export async function cliFigures(o: CliOptions): Promise<CliFigures> {
  const ctx = new CliContext(o.root, o.workDir, o.rounds, o.budgetMs, availableParallelism());
  if (!(await hasRun(ctx))) return { available: false, why: 'kvmctl run not available', errors: [] };
  const result: CliFigures = { available: true, errors: ctx.errors };
  result.suite = await measureSuite(ctx);
  if (ctx.timeLeft > 0) result.cold = await measureColdStart(ctx); // one test can run while the suite cannot
  if (!result.suite) return result; // the RSS of a suite that does not run means nothing
  if (ctx.timeLeft <= 0) {
    ctx.errors.push('peak RSS: skipped, the CLI section ran out of its time budget');
    return result;
  }
  const rss = await measurePeakRss(ctx);
  if (rss) [result.rssMb, result.rssSource] = [rss.mb, rss.source];
  return result;
}
