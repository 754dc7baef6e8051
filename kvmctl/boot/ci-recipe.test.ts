// The README's CI recipe (.ci/examples/github-actions.yml) parses, and its jobs say what the README
// says they do: kernels x shards, each shard inside `kvmctl vm`, then merge and compare.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parse } from 'yaml';
import { ROOT } from '../../dev/testdata/helpers.js';

interface Step { run?: string; uses?: string }
interface Job { needs?: string; 'runs-on': string; strategy?: { matrix: Record<string, unknown[]> }; steps: Step[] }

const doc = parse(readFileSync(join(ROOT, '.ci/examples/github-actions.yml'), 'utf8'), { strict: true, uniqueKeys: true }) as {
  jobs: Record<string, Job>; env: Record<string, unknown>;
};
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

t.test('every job has a runner and steps, and every step runs or uses something', async (t) => {
  for (const [name, job] of Object.entries(doc.jobs)) {
    t.type(job['runs-on'], 'string', `${name} has runs-on`);
    t.ok(job.steps.length > 0, `${name} has steps`);
    for (const step of job.steps) t.ok(step.run ?? step.uses, `${name}: a step with run or uses`);
  }
});

t.test('the suite job fans kernels x shards out, each shard through kvmctl vm', async (t) => {
  const suite = doc.jobs.suite;
  t.equal(suite.needs, 'kernel');
  t.same(suite.strategy?.matrix.ref, doc.jobs.kernel.strategy?.matrix.ref, 'the same kernels as the kernel job builds');
  t.equal(suite.strategy?.matrix.shard.length, Number(doc.env.SHARDS), 'one job per shard');
  t.match(runs(suite), /kvmctl vm --kernel bzImage -- kvmctl run --shard \$\{\{ matrix\.shard \}\}\/\$\{\{ env\.SHARDS \}\} --format json --output results\.json/);
});

t.test('the report job merges each kernel and compares them', async (t) => {
  const report = doc.jobs.report;
  t.equal(report.needs, 'suite');
  t.match(runs(report), /kvmctl merge .* --output v6\.6\.json/);
  t.match(runs(report), /kvmctl compare v6\.6\.json v6\.12\.json/);
});
