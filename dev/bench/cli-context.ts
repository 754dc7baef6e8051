// What every CLI figure shares: where the CLI is, a private warm cache, and one deadline for the section,
// so a hung or slow `kvmctl run` is killed rather than waited for.
import { join } from 'node:path';
import { runChild, type ChildResult } from './child.js';

/** Longest a single `kvmctl run` may take: the suite target is 1 s, so 25 s means something is wrong. */
const RUN_LIMIT_MS = 25_000;

export class CliContext {
  readonly cli: string;
  readonly env: NodeJS.ProcessEnv;
  readonly deadline: number;
  readonly errors: string[] = [];

  constructor(readonly root: string, readonly workDir: string, readonly rounds: number, budgetMs: number, readonly cores: number) {
    this.cli = join(root, 'dist', 'bin', 'kvmctl.js');
    this.env = { ...process.env, KVMCTL_CACHE_DIR: join(workDir, 'cache'), NO_COLOR: '1' };
    this.deadline = performance.now() + budgetMs;
  }

  get timeLeft(): number {
    return this.deadline - performance.now();
  }

  /** The timeout for the next child: the run limit, or what is left of the budget (at least 1 s). */
  limit(): number {
    return Math.round(Math.max(1_000, Math.min(RUN_LIMIT_MS, this.timeLeft)));
  }

  run(file: string, args: string[]): Promise<ChildResult> {
    return runChild(file, args, { env: this.env, cwd: this.root, timeoutMs: this.limit() });
  }

  /** `node <args>` with the bench's environment. */
  node(args: string[]): Promise<ChildResult> {
    return this.run(process.execPath, args);
  }

  /** `node dist/bin/kvmctl.js run <args>`. */
  kvmctlRun(args: string[]): Promise<ChildResult> {
    return this.node([this.cli, 'run', ...args]);
  }
}
