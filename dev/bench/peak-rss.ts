// Peak RSS of one suite run at -j<cores>: GNU time's %M, or the in-process wrapper when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFailure } from './child.js';
import type { CliContext } from './cli-context.js';

const TIME = '/usr/bin/time';
const RSS_WRAPPER = fileURLToPath(new URL('./rss-wrapper.js', import.meta.url));

export async function measurePeakRss(ctx: CliContext): Promise<{ mb: number; source: string } | undefined> {
  const out = join(ctx.workDir, 'rss.txt');
  const args = [ctx.cli, 'run', '-j', String(ctx.cores)];
  const gnuTime = existsSync(TIME);
  const r = gnuTime
    ? await ctx.run(TIME, ['-f', '%M', '-o', out, process.execPath, ...args])
    : await ctx.node([RSS_WRAPPER, out, ...args]);
  if (r.timedOut) {
    ctx.errors.push(`peak RSS: ${describeFailure(r)}`);
    return undefined;
  }
  const kib = existsSync(out) ? Number(readFileSync(out, 'utf8').trim().split('\n').pop()) : NaN;
  if (!(kib > 0)) {
    ctx.errors.push(`peak RSS: no measurement (${describeFailure(r)})`);
    return undefined;
  }
  return { mb: kib / 1024, source: gnuTime ? '/usr/bin/time %M' : 'process.resourceUsage().maxRSS' };
}
