// A failing run's signature: which of the test's checks failed, in words that survive edits
// elsewhere in the file. A known failure records one, and excuses a run only when it is the same.
//   final internal_error suberror=1      the final exit (and what it was instead), declared or default
//   timeout                              the guest outlived its timeout (other failures follow from it)
//   expect: mem 0x3000 0000c00040        a header line whose check failed (expect:, on:, exits:), as written
//   host KVM_GET_FPU ftwx                a host file's check, named by its message up to the first ': '
//                                        (a message without one, whole, with its numbers as N)
import { readFileSync } from 'node:fs';
import type { TestResult } from '../harness/execute.js';
import type { Spec } from '../harness/spec.js';

/** The field that tells one final exit of a kind from another, where there is one. */
const FINAL_DETAIL: Record<string, string> = {
  status: 'value', internal_error: 'suberror', exception: 'vector', debug: 'exception',
  kvm_exception: 'exception', system_event: 'type', fail_entry: 'hardware_reason',
};

export function finalToken(result: Pick<TestResult, 'final'>): string {
  const f = result.final;
  if (!f) return 'final none';
  const detail = FINAL_DETAIL[f.reason];
  return detail && f[detail] !== undefined ? `final ${f.reason} ${detail}=${f[detail]}` : `final ${f.reason}`;
}

/** Whitespace folded, so that alignment in a header does not matter. */
export const normalizeToken = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** The header line `n` (1-based) of a unittest, as written after the comment's ` * `. */
function headerLine(lines: string[], n: number): string {
  return normalizeToken((lines[n - 1] ?? '').replace(/^\s*(\/\*|\*(?!\/))?/, ''));
}

/** What a host file's failure message says was checked, without the values it saw. */
function hostCheckName(message: string): string {
  const colon = message.indexOf(': ');
  return normalizeToken(colon > 0 ? message.slice(0, colon) : message.replace(/\b(0x[0-9a-f]+|\d+)\b/gi, 'N'));
}

export function failureSignature(spec: Spec, result: TestResult): string[] {
  if (result.verdict === 'timeout') return ['timeout'];
  let lines: string[] | undefined;
  const line = (n: number) => headerLine((lines ??= readFileSync(spec.file, 'utf8').split('\n')), n);
  const tokens = new Set<string>();
  for (const failure of result.failures) {
    const numbered = /^line (\d+): /.exec(failure);
    if (numbered) {
      const n = Number(numbered[1]);
      tokens.add(n === spec.expect.final?.line ? finalToken(result) : line(n));
    } else if (failure.startsWith('final exit:')) {
      tokens.add(finalToken(result));
    } else if (failure.startsWith('exit #') && spec.lines.exits !== undefined) {
      tokens.add(line(spec.lines.exits)); // an exit past the end of an exact sequence
    } else if (failure.startsWith('host: ')) {
      tokens.add(`host ${hostCheckName(failure.slice(6))}`);
    } else {
      tokens.add(normalizeToken(failure));
    }
  }
  return [...tokens].sort();
}

/** Equal as sets. */
export function sameSignature(a: string[], b: string[]): boolean {
  const left = new Set(a), right = new Set(b);
  return left.size === right.size && [...left].every((t) => right.has(t));
}
