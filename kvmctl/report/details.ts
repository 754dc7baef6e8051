// The diagnostics of a failed test, shared by the pretty and TAP reports: every failing expectation,
// the last exits, the console, and the code around the final RIP.
import { formatEntry } from '../machine/trace.js';
import type { TestReport } from './model.js';

export function detailLines(r: TestReport, verbose = false): string[] {
  const out: string[] = [];
  if (r.knownFailure) out.push(`known failure on this host: ${r.knownFailure}`);
  for (const f of r.failures) out.push(`failed: ${f}`);
  if (r.signature) {
    out.push('signature (the lines a known-failures entry records):');
    for (const t of r.signature) out.push(`  fails: ${t}`);
  }
  if (r.final) out.push(`final exit: ${formatEntry(r.final)}`);
  if (r.exits.length) {
    const shown = verbose ? r.exits : r.exits.slice(-20);
    out.push(`exits (${verbose ? 'all kept' : `last ${shown.length}`} of ${r.exitCount}):`);
    for (const e of shown) out.push(`  ${formatEntry(e)}`);
  }
  if (r.console) out.push(`console: ${JSON.stringify(r.console)}`);
  if (r.disassembly) {
    out.push('code at the final rip:');
    for (const l of r.disassembly.split('\n')) out.push(`  ${l}`);
  }
  return out;
}
