// One unittest file, start to end, for library users: parse its header, open /dev/kvm, run it as
// `kvmctl run` would (without known failures: the raw verdict), close everything.
import { readFileSync } from 'node:fs';
import { openSystem } from '../engine/kvm/open.js';
import { executeTest, type ExecuteOptions, type TestResult } from './execute.js';
import { parseHeader } from './header.js';

/**
 * Runs the unittest at `file` on a fresh VM and returns its result: `verdict` (pass, fail, skip,
 * timeout) and the `failures` that decided it. Throws an InputError for a bad header or guest, and
 * a HostError when /dev/kvm cannot be used.
 */
export async function runUnittest(file: string, options: ExecuteOptions = {}): Promise<TestResult> {
  const spec = parseHeader(file, readFileSync(file, 'utf8'));
  const system = openSystem();
  try {
    return await executeTest(system, spec, options);
  } finally {
    system.close();
  }
}
