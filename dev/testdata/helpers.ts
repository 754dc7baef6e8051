// Shared by the tap tests: where the repository and the CLI are, the guest fixtures in this folder,
// a private assembler cache, and a way to run the compiled CLI without a shell.
import { spawn } from 'node:child_process';
import type { Test } from 'tap';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGuest } from '../../kvmctl/harness/guest-build.js';
import type { Mode } from '../../kvmctl/machine/layout.js';

/** The repository root: the first folder above this (compiled) module that holds package.json. */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
})();

/** The compiled CLI entry point. */
export const CLI = join(ROOT, 'dist', 'bin', 'kvmctl.js');

/**
 * A wall-time bound that only tells "stopped" from "hung": generous enough for a CPU that QEMU
 * emulates (npm test runs these files inside kvmctl vm where the host has no KVM, 20-50x slower),
 * so it never measures speed. Speed is measured by npm run bench, never in a test.
 */
export const HANG_GUARD_MS = 60_000;

/**
 * How a test starts a node child (the CLI, the fuzzer, a script): through env(1), without
 * NODE_OPTIONS. tap's spawn hook adds its process-tracking loader there (it records each process
 * for coverage, which is off here), and that loader doubles a child's start under an emulated CPU
 * (kvmctl vm under TCG: about 12 s to 25 s for `kvmctl exec`).
 */
export const nodeChild = (args: string[]): [string, string[]] => ['/usr/bin/env', ['-u', 'NODE_OPTIONS', process.execPath, ...args]];

/** The guest load address every fixture is built for (the CLI's default). */
export const LOAD = 0x1000;

/** A fixture in dev/testdata (the sources, not dist: tsc does not copy .S files). */
export const fixture = (name: string): string => join(ROOT, 'dev', 'testdata', name);

// Every test process assembles into a cache of its own, removed when it exits; CLI children inherit it.
const cache = mkdtempSync(join(tmpdir(), 'kvmctl-test-cache-'));
process.env.KVMCTL_CACHE_DIR = cache;
process.on('exit', () => rmSync(cache, { recursive: true, force: true }));

/** A scratch folder for this process, removed when it exits. */
const scratch: string[] = [];
process.on('exit', () => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kvmctl-test-'));
  scratch.push(dir);
  return dir;
}

/** The text of a unittest: a header comment of the given lines (line 1 opens it), then the body. */
export const unittestText = (header: string[], body: string[]): string =>
  ['/*', ...header.map((l) => ` * ${l}`), ' */', ...body.map((l) => `\t${l}`), ''].join('\n');

/** Writes `dir/name.S` as a unittest and returns its path. */
export function writeUnittest(dir: string, name: string, header: string[], body: string[]): string {
  const file = join(dir, `${name}.S`);
  writeFileSync(file, unittestText(header, body));
  return file;
}

/** Assembles a fixture for `mode` at `load`. */
export const guest = (name: string, mode: Mode, load = LOAD): Uint8Array => loadGuest(fixture(name), { mode, load });

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, in ms. */
  ms: number;
}

/**
 * Runs `node dist/bin/kvmctl.js ...args` (an argument array, never a shell). `env` entries set to undefined
 * are removed; `as` runs the child under another uid/gid (needs root).
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, as?: { uid: number; gid: number }): Promise<CliResult> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete fullEnv[k];
    else fullEnv[k] = v;
  }
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    // Without tap's loader (nodeChild): as another user it could not write its records into .tap/ either.
    const [cmd, argv] = nodeChild([CLI, ...args]);
    const child = spawn(cmd, argv, { env: fullEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...as });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({
        code, signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      }),
    );
  });
}

/** The number of open file descriptors of this process. */
export const openFdCount = (): number => readdirSync('/proc/self/fd').length;

/** Clock ticks per second for /proc times (USER_HZ: 100 on every Linux x86-64 ABI). */
export const USER_HZ = 100;

/** CPU time (utime + stime, in ms) of each thread of this process, by "tid:comm", from /proc/self/task/N/stat. */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended in between
    }
    // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(`${tid}:${comm}`, ((Number(rest[11]) + Number(rest[12])) * 1000) / USER_HZ);
  }
  return out;
}

/** Total CPU time (utime + stime, in ms) of every thread of this process. */
export const threadCpuMs = (): number => [...threadCpu().values()].reduce((a, b) => a + b, 0);

/** The most CPU time (ms) any one thread used between two threadCpu() samples. */
export function busiestThreadMs(before: Map<string, number>, after: Map<string, number>): number {
  return Math.max(0, ...[...after].map(([k, v]) => v - (before.get(k) ?? 0)));
}

/** Which threads used CPU between two threadCpu() samples, as "tid:comm +N ms" items. */
export function cpuGrowth(before: Map<string, number>, after: Map<string, number>): string {
  const grew = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, d]) => d > 0);
  return grew.length ? grew.map(([k, d]) => `${k} +${d} ms`).join(', ') : 'none';
}

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
export const bytesHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** One bad-input row: the command, its environment, and the exit code and message it must give. */
export interface ErrorCase {
  name: string;
  args: string[];
  env?: Record<string, string>;
  as?: { uid: number; gid: number };
  code: number;
  message: RegExp | string;
}

/** Runs every row's CLI command, a few at a time (they are independent). */
export async function runCases(cases: ErrorCase[]): Promise<CliResult[]> {
  const results: CliResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCli(cases[i].args, cases[i].env, cases[i].as);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

/** The contract of every input or host error: the exit code, one "kvmctl: " line naming the problem, no stack. */
export function assertOneLineError(t: Test, c: ErrorCase, r: CliResult): void {
  t.equal(r.code, c.code, `exit code ${c.code} (stderr: ${JSON.stringify(r.stderr)})`);
  t.match(r.stderr, /^[^\n]*\n$/, 'exactly one line on stderr');
  t.ok(r.stderr.startsWith('kvmctl: '), 'it starts with "kvmctl: "');
  t.match(r.stderr, c.message, 'the message names the problem');
  t.notMatch(r.stderr + r.stdout, /^\s+at /m, 'no stack trace');
  t.notMatch(r.stderr, /internal error/, 'not an internal error');
}
