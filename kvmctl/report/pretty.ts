// The human report: a line per test as it finishes, details for failures, a live progress line on
// a terminal, and colour unless NO_COLOR is set.
import type { TestReport, Verdict } from './model.js';
import { detailLines } from './details.js';

export class PrettyReporter {
  private readonly color: boolean;
  private done = 0;

  constructor(private readonly out: NodeJS.WriteStream, private readonly total: number, private readonly verbose: boolean) {
    this.color = Boolean(out.isTTY) && !('NO_COLOR' in process.env);
  }

  private paint(code: number, s: string): string {
    return this.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }

  private label(v: Verdict): string {
    const colors: Record<Verdict, number> = { pass: 32, fail: 31, timeout: 31, xpass: 31, flaky: 35, skip: 33, xfail: 36 };
    return this.paint(colors[v], v.toUpperCase().padEnd(7));
  }

  private clearProgress(): void {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
  }

  progress(running: string[]): void {
    if (!this.out.isTTY) return;
    this.clearProgress();
    this.out.write(this.paint(2, `[${this.done}/${this.total}] ${running.join(' ')}`.slice(0, (this.out.columns || 80) - 1)));
  }

  test(r: TestReport): void {
    this.done++;
    this.clearProgress();
    const extra = r.verdict === 'skip' ? `: ${r.reason}` : r.verdict === 'xfail' ? `: ${r.knownFailure}` : '';
    this.out.write(`${this.label(r.verdict)} ${r.name} ${this.paint(2, `(${r.durationMs.toFixed(0)} ms)`)}${extra}\n`);
    const show = (r.verdict !== 'pass' && r.verdict !== 'skip' && r.verdict !== 'xfail') || this.verbose;
    if (show) for (const line of detailLines(r, this.verbose)) this.out.write(`        ${line}\n`);
  }

  end(lines: string[], xfails: TestReport[]): void {
    this.clearProgress();
    if (xfails.length) {
      this.out.write('known failures on this host:\n');
      for (const r of xfails) this.out.write(`  ${r.name}: ${r.knownFailure}\n`);
    }
    for (const l of lines) this.out.write(l + '\n');
  }
}
