// TAP version 14: one test point per unittest, YAML diagnostics for failures, SKIP and TODO directives.
import type { TestReport } from './model.js';
import { detailLines } from './details.js';

const esc = (s: string) => s.replace(/#/g, '\\#');

export function tapHeader(count: number): string {
  return `TAP version 14\n1..${count}\n`;
}

export function tapPoint(n: number, r: TestReport, verbose: boolean): string {
  const ok = r.verdict === 'pass' || r.verdict === 'skip' || r.verdict === 'xfail';
  let line = `${ok && r.verdict !== 'xfail' ? 'ok' : 'not ok'} ${n} - ${esc(r.name)}`;
  if (r.verdict === 'skip') line += ` # SKIP ${esc(r.reason ?? '')}`;
  if (r.verdict === 'xfail') line += ` # TODO known failure: ${esc(r.knownFailure ?? '')}`;
  const lines = [line];
  if (!ok || r.verdict === 'xfail' || verbose) {
    lines.push('  ---', `  verdict: ${r.verdict}`, `  duration_ms: ${r.durationMs.toFixed(1)}`);
    const details = detailLines(r, verbose);
    if (details.length) {
      lines.push('  details: |');
      for (const d of details) lines.push(`    ${d}`);
    }
    lines.push('  ...');
  }
  return lines.join('\n') + '\n';
}
