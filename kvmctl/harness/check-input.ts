// A unittest's input, checked without KVM: its host file, its guest (assembly and includes) and
// where the guest lands in memory. `kvmctl run` checks every selected test this way before it
// reports that the host cannot run guests, so an input error (exit 2) always wins over a host
// error (exit 3). Nothing here loads the FFI.
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { loadGuest } from './guest-build.js';
import { checkImage } from '../machine/machine.js';
import type { Mode } from '../machine/layout.js';
import { packageRoot } from '../util/package-root.js';
import { hostModulePath } from './host-hooks.js';
import { checkKutInput } from './kut-spec.js';
import type { Spec } from './spec.js';

/**
 * The include folders of a guest besides its own: the suite's shared includes (testdev.inc, irq.inc)
 * sit in the folder above the test's, or in the package. One rule for `kvmctl run` and `kvmctl exec`.
 */
export const suiteIncludeDirs = (file: string): string[] => [dirname(dirname(resolve(file))), join(packageRoot(), 'unittests')];

/** A guest program, assembled with the suite's include folders (or from the cache); a binary as it is. */
export const buildGuest = (file: string, mode: Mode, load: number): Uint8Array =>
  loadGuest(file, { mode, load, includeDirs: suiteIncludeDirs(file) });

/** The test's guest. */
export const buildTestGuest = (spec: Spec): Uint8Array => buildGuest(spec.file, spec.mode, spec.load);

/** Throws the InputError a run of this test would meet. */
export function checkTestInput(spec: Spec): void {
  if (spec.kut) return checkKutInput(spec);
  hostModulePath(spec.file);
  const image = buildTestGuest(spec);
  try {
    checkImage({ mode: spec.mode, memSize: spec.memSize, load: spec.load, entry: spec.entry, image });
  } catch (e) {
    throw e instanceof InputError ? new InputError(`${spec.file}: ${e.message}`) : e;
  }
}
