// Runs inside `kvmctl vm` for `npm run bench -- --vm`: the catalogue at -j2 (once to warm the
// cache, then timed), and cold starts of `node -e 0` and `kvmctl run <one test>`, each a new
// process. Prints one JSON object on stdout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summarize } from './stats.js';

const cli = fileURLToPath(new URL('../../bin/kvmctl.js', import.meta.url));
const rounds = Number(process.argv[2] ?? 3);
const coldTest = process.argv[3] ?? 'coalesced-mmio';

function timed(args: string[]): Promise<{ ms: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout }));
  });
}

const suite = async () => {
  const r = await timed([cli, 'run', '-j', '2', '--format', 'json']);
  const doc = JSON.parse(r.stdout) as { summary: { wallMs: number; passed: number; failed: number; xfail: number }; tests: Array<{ name: string; verdict: string; duration_ms: number }> };
  return { processMs: r.ms, runMs: doc.summary.wallMs, tests: doc.tests };
};

await suite(); // warms the assembler cache (shared with the host) and the page cache
const suiteRuns = [];
for (let i = 0; i < rounds; i++) suiteRuns.push(await suite());
const nodeMs: number[] = [];
const kvmctlMs: number[] = [];
for (let i = 0; i < rounds; i++) {
  nodeMs.push((await timed(['-e', '0'])).ms);
  kvmctlMs.push((await timed([cli, 'run', '-j', '1', coldTest])).ms);
}
const slowest = [...suiteRuns[0].tests].sort((a, b) => b.duration_ms - a.duration_ms).slice(0, 5).map((t) => `${t.name} ${t.duration_ms.toFixed(0)} ms`);
process.stdout.write(JSON.stringify({
  suiteProcessMs: summarize(suiteRuns.map((s) => s.processMs)),
  suiteRunMs: summarize(suiteRuns.map((s) => s.runMs)),
  testSumMs: suiteRuns[0].tests.reduce((n, t) => n + t.duration_ms, 0),
  tests: suiteRuns[0].tests.length,
  slowest,
  verdicts: Object.fromEntries(suiteRuns[0].tests.map((t) => [t.name, t.verdict])),
  coldTest,
  nodeMs: summarize(nodeMs),
  kvmctlMs: summarize(kvmctlMs),
}) + '\n');
