// Cold start: `kvmctl run <one test>` as a new process, wall time to exit, against `node -e 0`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeFailure } from './child.js';
import type { CliContext } from './cli-context.js';
import { summarize, type Summary } from './stats.js';

export interface ColdFigure {
  test: string;
  node: Summary;
  kvmctl: Summary;
  /** kvmctl median minus node median. */
  overheadMs: number;
}

/** The first unittest by path: any one test will do, and this one is stable between runs. */
function firstTest(root: string): string | undefined {
  const all: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.S')) all.push(p);
    }
  };
  const dir = join(root, 'unittests');
  if (existsSync(dir)) walk(dir);
  return all.sort()[0];
}

export async function measureColdStart(ctx: CliContext): Promise<ColdFigure | undefined> {
  const test = firstTest(ctx.root);
  if (!test) return undefined;
  const name = relative(ctx.root, test);
  const base: number[] = [], k: number[] = [];
  for (let round = 0; round < ctx.rounds && (round === 0 || ctx.timeLeft > 0); round++) {
    base.push((await ctx.node(['-e', '0'])).wallMs);
    const r = await ctx.kvmctlRun(['-j', '1', test]);
    if (r.code !== 0 && r.code !== 1) {
      ctx.errors.push(`cold start: kvmctl run ${name} ${describeFailure(r)}`);
      return undefined;
    }
    k.push(r.wallMs);
  }
  const nodeS = summarize(base), kS = summarize(k);
  return { test: name, node: nodeS, kvmctl: kS, overheadMs: kS.median - nodeS.median };
}
