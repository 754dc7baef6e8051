// Runs one measured child process (never through a shell) and times it from outside as well.
import { execFile } from 'node:child_process';

export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Killed at the timeout. */
  timedOut: boolean;
}

export function runChild(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<ChildResult> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    execFile(file, args, { env: options.env, cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, wallMs, timedOut: !!error?.killed });
    });
  });
}

/** The last stdout line that parses as a JSON object. */
export function lastJson(stdout: string): Record<string, unknown> | undefined {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const v = JSON.parse(line);
      if (v && typeof v === 'object') return v;
    } catch {
      /* not JSON */
    }
  }
  return undefined;
}

const firstLine = (s: string): string => s.trim().split('\n')[0] ?? '';

/** One line on why a child did not give a usable result. */
export function describeFailure(r: ChildResult): string {
  return r.timedOut
    ? `did not finish in ${(r.wallMs / 1000).toFixed(0)} s (killed)${r.stderr.trim() ? `; it said: ${firstLine(r.stderr)}` : ''}`
    : `exited ${r.code}: ${firstLine(r.stderr || r.stdout)}`;
}
