// `npm test`: the project's own tap tests, then the whole unittest suite through `kvmctl run`.
// Fails if either fails, and ends with one plain `N passed, N failed, N skipped` line for both.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../kvmctl/suite/discover.js';

interface Counts { passed: number; failed: number; skipped: number; code: number }

function run(cmd: string, args: string[], parse: (output: string) => Omit<Counts, 'code'>): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ...parse(output), code: code ?? (signal ? 128 : 1) }));
  });
}

const root = packageRoot();
// tap ends with `# { total: N, pass: N, fail: N, skip: N, todo: N }`.
const tap = await run(join(root, 'node_modules', '.bin', 'tap'), ['--reporter=tap'], (out) => {
  const m = /# \{ total: \d+[^}]*\}/.exec(out)?.[0] ?? '';
  const n = (k: string) => Number(new RegExp(`${k}: (\\d+)`).exec(m)?.[1] ?? 0);
  return { passed: n('pass'), failed: n('fail'), skipped: n('skip') + n('todo') };
});
process.stdout.write(`tap: ${tap.passed} passed, ${tap.failed} failed, ${tap.skipped} skipped (exit ${tap.code})\n`);

const suite = await run(process.execPath, [join(root, 'dist', 'bin', 'kvmctl.js'), 'run', '--format', 'tap'], (out) => {
  const m = /^(\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(out);
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0), skipped: Number(m?.[3] ?? 0) };
});
process.stdout.write(`unittests: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped (exit ${suite.code})\n`);

const failed = tap.failed + suite.failed + (tap.code !== 0 && tap.failed === 0 ? 1 : 0) + (suite.code !== 0 && suite.failed === 0 ? 1 : 0);
process.stdout.write(`${tap.passed + suite.passed} passed, ${failed} failed, ${tap.skipped + suite.skipped} skipped\n`);
process.exitCode = tap.code === 0 && suite.code === 0 ? 0 : 1;
